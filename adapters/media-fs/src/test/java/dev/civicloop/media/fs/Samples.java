package dev.civicloop.media.fs;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Real sample bytes made in the test: JPEG and PNG by ImageIO, WAV by javax.sound, Exif by hand. */
final class Samples {
    /** Latitude 39° 54' 27.1234" as three big-endian RATIONALs: must not survive cleaning. */
    static final long[] LATITUDE = {39, 1, 54, 1, 271_234, 10_000};
    static final long[] LONGITUDE = {116, 1, 23, 1, 456_789, 10_000};
    static final String XMP_WITH_GPS = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
            + "<rdf:Description xmlns:exif='http://ns.adobe.com/exif/1.0/' exif:GPSLatitude='39,54.452N' exif:GPSLongitude='116,23.761E'/>"
            + "</rdf:RDF></x:xmpmeta>";
    /** A 1×1 lossless WebP (the bitstream browsers use to detect WebP support). */
    static final byte[] TINY_WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private Samples() {}

    static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 60, 30));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    static byte[] jpeg(int width, int height) {
        return encode(picture(width, height), "jpeg");
    }

    static byte[] png(int width, int height) {
        return encode(picture(width, height), "png");
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One second of 8 kHz mono silence as a WAV file. */
    static byte[] wav() {
        AudioFormat format = new AudioFormat(8000f, 16, 1, true, false);
        byte[] pcm = new byte[16000];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, 8000), AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A TIFF (Exif) block as a phone writes it: IFD0 with Orientation = 6 (rotate 90°) and a GPS IFD
     * pointer; the GPS IFD with latitude/longitude references inline and the rationals out of line.
     */
    static byte[] exifTiff(ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(140).order(order);
        b.put(order == ByteOrder.BIG_ENDIAN ? new byte[] {'M', 'M'} : new byte[] {'I', 'I'});
        b.putShort((short) 42).putInt(8);
        // IFD0 at 8: two entries, ends at 38
        b.putShort((short) 2);
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0);
        b.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(38);
        b.putInt(0);
        // GPS IFD at 38: four entries, ends at 92; rationals at 92 and 116
        b.putShort((short) 4);
        b.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        b.putShort((short) 2).putShort((short) 5).putInt(3).putInt(92);
        b.putShort((short) 3).putShort((short) 2).putInt(2).put(new byte[] {'E', 0, 0, 0});
        b.putShort((short) 4).putShort((short) 5).putInt(3).putInt(116);
        b.putInt(0);
        for (long v : LATITUDE) {
            b.putInt((int) v);
        }
        for (long v : LONGITUDE) {
            b.putInt((int) v);
        }
        return b.array();
    }

    /** The latitude rationals as they appear in a block of this byte order. */
    static byte[] latitudeBytes(ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(24).order(order);
        for (long v : LATITUDE) {
            b.putInt((int) v);
        }
        return b.array();
    }

    /** The JPEG with APP1 segments (Exif, then XMP) inserted after its JFIF APP0, which ImageIO wants first. */
    static byte[] jpegWithExifAndXmp(byte[] jpeg, byte[] tiff) {
        byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff);
        byte[] xmp = concat("http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1),
                XMP_WITH_GPS.getBytes(StandardCharsets.UTF_8));
        if ((jpeg[3] & 0xFF) != 0xE0) {
            throw new IllegalStateException("ImageIO's JPEG starts with a JFIF APP0");
        }
        int afterApp0 = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        return concat(Arrays.copyOf(jpeg, afterApp0), segment(0xE1, exif), segment(0xE1, xmp),
                Arrays.copyOfRange(jpeg, afterApp0, jpeg.length));
    }

    static byte[] segment(int marker, byte[] payload) {
        int length = payload.length + 2;
        return concat(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length}, payload);
    }

    /** The PNG with an eXIf chunk and an iTXt XMP chunk inserted before IEND. */
    static byte[] pngWithExifAndXmp(byte[] png, byte[] tiff) {
        int iend = png.length - 12;
        byte[] itxt = concat("XML:com.adobe.xmp\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1), XMP_WITH_GPS.getBytes(StandardCharsets.UTF_8));
        return concat(Arrays.copyOf(png, iend), pngChunk("eXIf", tiff), pngChunk("iTXt", itxt), Arrays.copyOfRange(png, iend, png.length));
    }

    static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue());
        return b.array();
    }

    /** An extended WebP: VP8X (EXIF and XMP flags set), the tiny image, an EXIF chunk, an XMP chunk. */
    static byte[] webpWithExifAndXmp(byte[] tiff) {
        byte[] vp8l = Arrays.copyOfRange(TINY_WEBP, 12, TINY_WEBP.length);
        byte[] vp8x = riffChunk("VP8X", new byte[] {0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        byte[] body = concat("WEBP".getBytes(StandardCharsets.US_ASCII), vp8x, vp8l,
                riffChunk("EXIF", concat(tiff, new byte[] {1})), riffChunk("XMP ", XMP_WITH_GPS.getBytes(StandardCharsets.UTF_8)));
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        head.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body.length);
        return concat(head.array(), body);
    }

    static byte[] riffChunk(String fourCc, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(fourCc.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return b.array();
    }

    /** An ISO base media file: an ftyp box with this major brand, then an mdat box. */
    static byte[] isoMedia(String brand) {
        byte[] ftyp = ByteBuffer.allocate(24).putInt(24).put("ftyp".getBytes(StandardCharsets.US_ASCII))
                .put(brand.getBytes(StandardCharsets.US_ASCII)).putInt(0).put("isom".getBytes(StandardCharsets.US_ASCII))
                .put(brand.getBytes(StandardCharsets.US_ASCII)).array();
        byte[] mdat = ByteBuffer.allocate(40).putInt(40).put("mdat".getBytes(StandardCharsets.US_ASCII)).array();
        return concat(ftyp, mdat);
    }

    /** The first page of an Ogg Opus stream (OpusHead), as a voice app writes it. */
    static byte[] oggOpus() {
        ByteBuffer b = ByteBuffer.allocate(47).order(ByteOrder.LITTLE_ENDIAN);
        b.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 2).putLong(0).putInt(1).putInt(0).putInt(0);
        b.put((byte) 1).put((byte) 19);
        b.put("OpusHead".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 1).putShort((short) 312).putInt(48000).putShort((short) 0).put((byte) 0);
        return b.array();
    }

    /** The first page of an Ogg Vorbis stream (the identification header). */
    static byte[] oggVorbis() {
        ByteBuffer b = ByteBuffer.allocate(58).order(ByteOrder.LITTLE_ENDIAN);
        b.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 2).putLong(0).putInt(7).putInt(0).putInt(0);
        b.put((byte) 1).put((byte) 30);
        b.put((byte) 1).put("vorbis".getBytes(StandardCharsets.US_ASCII)).putInt(0).put((byte) 1).putInt(44100)
                .putInt(0).putInt(128000).putInt(0).put((byte) 0xB8).put((byte) 1);
        return b.array();
    }

    /** AMR narrow-band: the magic line and a few 12.2 kbit/s frames of silence. */
    static byte[] amr() {
        byte[] frames = new byte[32 * 5];
        for (int i = 0; i < frames.length; i += 32) {
            frames[i] = 0x3C;
        }
        return concat("#!AMR\n".getBytes(StandardCharsets.US_ASCII), frames);
    }

    /** An MP3: an ID3v2.3 tag, then MPEG-1 Layer III frame headers. */
    static byte[] mp3() {
        byte[] id3 = {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 0};
        byte[] frame = new byte[417];
        frame[0] = (byte) 0xFF;
        frame[1] = (byte) 0xFB;
        frame[2] = (byte) 0x90;
        frame[3] = 0x64;
        return concat(id3, frame, frame);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
