package dev.civicloop.media.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.MediaRejected;
import dev.civicloop.spi.model.Media;
import dev.civicloop.spi.model.MediaKind;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.NodeList;

/** A resident's photo of a broken street lamp must not tell the world where the resident lives. */
class PhotoLocationStrippingTest {
    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} Exif")
    @ValueSource(strings = {"big-endian", "little-endian"})
    void aJpegFromAPhoneLosesItsGpsAndXmpButKeepsItsPictureAndOrientation(String byteOrder) throws Exception {
        ByteOrder order = byteOrder.equals("big-endian") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] clean = Samples.jpeg(64, 48);
        byte[] upload = Samples.jpegWithExifAndXmp(clean, Samples.exifTiff(order));
        assertTrue(Samples.indexOf(upload, Samples.latitudeBytes(order)) > 0, "the sample carries a location");

        FileSystemMediaStore store = FileSystemMediaStore.of(root);
        Media media = store.store(upload, "image/jpeg", MediaKind.PHOTO);
        byte[] stored = read(store, media);

        assertEquals("image/jpeg", media.contentType());
        assertEquals(stored.length, media.sizeBytes());
        assertEquals(sha256(stored), media.sha256(), "the hash is of the cleaned photo");
        assertNotEquals(sha256(upload), media.sha256());
        assertEquals(-1, Samples.indexOf(stored, Samples.latitudeBytes(order)), "latitude rationals are gone");
        assertEquals(-1, Samples.indexOf(stored, "GPSLatitude".getBytes(StandardCharsets.US_ASCII)), "XMP is gone");
        assertEquals(-1, Samples.indexOf(stored, "http://ns.adobe.com/xap".getBytes(StandardCharsets.US_ASCII)));

        List<byte[]> app1 = app1Segments(stored);
        assertEquals(1, app1.size(), "one APP1 left: the Exif block");
        byte[] exif = app1.get(0);
        assertEquals("Exif", new String(exif, 0, 4, StandardCharsets.US_ASCII));
        Tiff tiff = new Tiff(exif, 6);
        assertEquals(6, tiff.ifd0Short(0x0112), "orientation kept, so the photo still shows upright");
        assertEquals(0, tiff.gpsEntryCount(), "the GPS IFD has no entries left");

        BufferedImage before = Samples.decode(upload);
        BufferedImage after = Samples.decode(stored);
        assertNotNull(after, "ImageIO still decodes the stored photo");
        assertEquals(64, after.getWidth());
        assertEquals(48, after.getHeight());
        assertArrayEquals(before.getRGB(0, 0, 64, 48, null, 0, 64), after.getRGB(0, 0, 64, 48, null, 0, 64),
                "the image data is untouched");
    }

    @Test
    void aJpegWithoutMetadataIsStoredByteForByte() throws Exception {
        byte[] jpeg = Samples.jpeg(32, 32);
        FileSystemMediaStore store = FileSystemMediaStore.of(root);
        Media media = store.store(jpeg, "image/jpeg", MediaKind.PHOTO);
        assertArrayEquals(jpeg, read(store, media));
        assertEquals(sha256(jpeg), media.sha256());
    }

    @Test
    void anExifBlockThatCannotBeParsedIsDroppedWhole() throws Exception {
        byte[] tiff = Samples.exifTiff(ByteOrder.BIG_ENDIAN);
        tiff[30] = 0x7F; // the GPS IFD pointer (IFD0 entry 2, value at 30) now points far outside the block
        byte[] upload = Samples.jpegWithExifAndXmp(Samples.jpeg(16, 16), tiff);
        FileSystemMediaStore store = FileSystemMediaStore.of(root);
        byte[] stored = read(store, store.store(upload, "image/jpeg", MediaKind.PHOTO));
        assertEquals(List.of(), app1Segments(stored));
        assertEquals(-1, Samples.indexOf(stored, Samples.latitudeBytes(ByteOrder.BIG_ENDIAN)));
        assertEquals(16, Samples.decode(stored).getWidth());
    }

    @Test
    void dataAppendedAfterTheEndOfImageIsNotKept() throws Exception {
        byte[] jpeg = Samples.jpeg(16, 16);
        byte[] trailer = Samples.concat("TRAILER".getBytes(StandardCharsets.US_ASCII), Samples.latitudeBytes(ByteOrder.BIG_ENDIAN));
        FileSystemMediaStore store = FileSystemMediaStore.of(root);
        byte[] stored = read(store, store.store(Samples.concat(jpeg, trailer), "image/jpeg", MediaKind.PHOTO));
        assertArrayEquals(jpeg, stored);
    }

    @Test
    void aTruncatedJpegIsRefusedAsMalformedAndNothingIsKept() throws Exception {
        byte[] jpeg = Samples.jpeg(64, 64);
        byte[] cut = java.util.Arrays.copyOf(jpeg, jpeg.length / 2);
        FileSystemMediaStore store = FileSystemMediaStore.of(root);
        MediaRejected e = assertThrows(MediaRejected.class, () -> store.store(cut, "image/jpeg", MediaKind.PHOTO));
        assertEquals(MediaRejected.Reason.MALFORMED, e.reason());
        assertEquals("bytes", e.field());
        assertEquals(List.of(), FileSystemMediaStoreTest.filesUnder(root));
    }

    @Test
    void aPngLosesItsExifAndXmpChunksAndStillDecodesTheSame() throws Exception {
        byte[] clean = Samples.png(40, 30);
        byte[] upload = Samples.pngWithExifAndXmp(clean, Samples.exifTiff(ByteOrder.BIG_ENDIAN));
        FileSystemMediaStore store = FileSystemMediaStore.of(root);
        Media media = store.store(upload, "image/png", MediaKind.PHOTO);
        byte[] stored = read(store, media);
        assertEquals("image/png", media.contentType());
        assertArrayEquals(clean, stored, "exactly the PNG before the metadata was added");
        assertEquals(sha256(clean), media.sha256());
        BufferedImage after = Samples.decode(stored);
        assertEquals(40, after.getWidth());
        assertEquals(30, after.getHeight());
    }

    @Test
    void aWebpLosesItsExifAndXmpChunksAndItsHeaderStopsAnnouncingThem() throws Exception {
        byte[] upload = Samples.webpWithExifAndXmp(Samples.exifTiff(ByteOrder.BIG_ENDIAN));
        FileSystemMediaStore store = FileSystemMediaStore.of(root);
        Media media = store.store(upload, null, MediaKind.PHOTO);
        byte[] stored = read(store, media);
        assertEquals("image/webp", media.contentType());
        ByteBuffer b = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(stored.length - 8, b.getInt(4), "RIFF size fixed");
        List<String> chunks = new ArrayList<>();
        int at = 12;
        while (at < stored.length) {
            chunks.add(new String(stored, at, 4, StandardCharsets.US_ASCII));
            int size = b.getInt(at + 4);
            at += 8 + size + (size & 1);
        }
        assertEquals(List.of("VP8X", "VP8L"), chunks);
        assertEquals(0, stored[20] & 0x0C, "VP8X no longer announces EXIF or XMP");
        byte[] image = java.util.Arrays.copyOfRange(Samples.TINY_WEBP, 12, Samples.TINY_WEBP.length);
        assertTrue(Samples.indexOf(stored, image) > 0, "the image chunk is untouched");
        assertEquals(-1, Samples.indexOf(stored, Samples.latitudeBytes(ByteOrder.BIG_ENDIAN)));
    }

    private static byte[] read(FileSystemMediaStore store, Media media) throws Exception {
        try (InputStream in = store.open(media)) {
            return in.readAllBytes();
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The APP1 payloads of a JPEG, as ImageIO's own JPEG reader sees them (an independent parser). */
    private static List<byte[]> app1Segments(byte[] jpeg) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            IIOMetadataNode tree = (IIOMetadataNode) metadata.getAsTree("javax_imageio_jpeg_image_1.0");
            NodeList unknown = tree.getElementsByTagName("unknown");
            List<byte[]> app1 = new ArrayList<>();
            for (int i = 0; i < unknown.getLength(); i++) {
                IIOMetadataNode node = (IIOMetadataNode) unknown.item(i);
                if (node.getAttribute("MarkerTag").equals("225")) {
                    app1.add((byte[]) node.getUserObject());
                }
            }
            return app1;
        } finally {
            reader.dispose();
        }
    }

    /** Just enough TIFF reading to check IFD0 and the GPS IFD. */
    private static final class Tiff {
        private final ByteBuffer b;
        private final int base;

        Tiff(byte[] bytes, int base) {
            this.base = base;
            this.b = ByteBuffer.wrap(bytes).order(bytes[base] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        }

        private int ifd0() {
            return base + b.getInt(base + 4);
        }

        int ifd0Short(int tag) {
            int at = ifd0();
            for (int i = 0; i < (b.getShort(at) & 0xFFFF); i++) {
                int e = at + 2 + 12 * i;
                if ((b.getShort(e) & 0xFFFF) == tag) {
                    return b.getShort(e + 8) & 0xFFFF;
                }
            }
            return -1;
        }

        int gpsEntryCount() {
            int at = ifd0();
            for (int i = 0; i < (b.getShort(at) & 0xFFFF); i++) {
                int e = at + 2 + 12 * i;
                if ((b.getShort(e) & 0xFFFF) == 0x8825) {
                    return b.getShort(base + b.getInt(e + 8)) & 0xFFFF;
                }
            }
            assertFalse(true, "no GPS IFD pointer");
            return -1;
        }
    }
}
