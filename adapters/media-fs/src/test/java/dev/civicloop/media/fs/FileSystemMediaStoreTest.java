package dev.civicloop.media.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.MediaRejected;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.media.MediaStore;
import dev.civicloop.spi.model.Media;
import dev.civicloop.spi.model.MediaKind;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemMediaStoreTest {
    @TempDir
    Path root;

    @Test
    void aVoiceMessageIsKeptUnderItsHashAndReadBackByteForByte() throws Exception {
        byte[] wav = Samples.wav();
        MediaStore store = FileSystemMediaStore.of(root);
        Media media = store.store(wav, "audio/x-wav", MediaKind.VOICE);

        String sha = PhotoLocationStrippingTest.sha256(wav);
        assertEquals(Media.of(MediaKind.VOICE, media.uri(), "audio/wav", wav.length, sha), media);
        Path file = root.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
        assertArrayEquals(wav, Files.readAllBytes(file), "content-addressed layout root/ab/cd/<sha256>");
        assertEquals(List.of(file), filesUnder(root), "no temporary file left");
        try (InputStream in = store.open(sha)) {
            assertArrayEquals(wav, in.readAllBytes());
        }
        assertTrue(store.exists(sha));
    }

    @Test
    void theUriNamesTheBytesNotAPathUnlessABaseUriIsGiven() throws Exception {
        byte[] wav = Samples.wav();
        String sha = PhotoLocationStrippingTest.sha256(wav);
        String named = "ni:///sha-256;" + Base64.getUrlEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(sha));
        assertEquals(URI.create(named), FileSystemMediaStore.of(root).store(wav, null, MediaKind.VOICE).uri());

        MediaStore served = FileSystemMediaStore.builder(root).baseUri(URI.create("https://media.city.example/m/")).build();
        assertEquals(URI.create("https://media.city.example/m/" + sha), served.store(wav, null, MediaKind.VOICE).uri());
        assertThrows(InvalidInput.class, () -> FileSystemMediaStore.builder(root).baseUri(URI.create("https://media.city.example/m")));
    }

    @Test
    void theSameBytesTwiceAreOneFileAndTheSameMedia() throws Exception {
        byte[] photo = Samples.jpeg(20, 20);
        MediaStore store = FileSystemMediaStore.of(root);
        Media first = store.store(photo, "image/jpeg", MediaKind.PHOTO);
        Path file = filesUnder(root).get(0);
        long modified = Files.getLastModifiedTime(file).toMillis();
        Media second = store.store(photo, "image/jpeg", MediaKind.PHOTO);
        assertEquals(first, second);
        assertEquals(List.of(file), filesUnder(root));
        assertEquals(modified, Files.getLastModifiedTime(file).toMillis(), "the second store wrote nothing");
    }

    @Test
    void residentsUploadingTheSamePhotoAtOnceGetOneFileAndEqualMedia() throws Exception {
        byte[] photo = Samples.jpegWithExifAndXmp(Samples.jpeg(200, 150), Samples.exifTiff(java.nio.ByteOrder.BIG_ENDIAN));
        MediaStore store = FileSystemMediaStore.of(root);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Media>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store.store(photo, "image/jpeg", MediaKind.PHOTO);
                }));
            }
            start.countDown();
            Set<Media> distinct = new java.util.HashSet<>();
            for (Future<Media> f : results) {
                distinct.add(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, distinct.size(), "every upload got the same Media");
            Media media = distinct.iterator().next();
            List<Path> files = filesUnder(root);
            assertEquals(1, files.size(), "one file, no temporary leftovers: " + files);
            byte[] stored = Files.readAllBytes(files.get(0));
            assertEquals(media.sha256(), PhotoLocationStrippingTest.sha256(stored));
            assertEquals(200, Samples.decode(stored).getWidth());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUploadExactlyAtTheLimitIsTakenAndOneByteMoreIsRefused() {
        byte[] wav = Samples.wav();
        assertEquals("audio/wav", FileSystemMediaStore.builder(root).maxBytes(wav.length).build()
                .store(wav, "audio/wav", MediaKind.VOICE).contentType());

        Path other = root.resolve("other");
        MediaStore tight = FileSystemMediaStore.builder(other).maxBytes(wav.length - 1).build();
        MediaRejected e = assertThrows(MediaRejected.class, () -> tight.store(wav, "audio/wav", MediaKind.VOICE));
        assertEquals(MediaRejected.Reason.TOO_LARGE, e.reason());
        assertEquals("bytes: must be at most " + (wav.length - 1) + " bytes", e.getMessage());
        assertEquals(List.of(), filesUnder(other));
    }

    @Test
    void anEndlessUploadIsRefusedWhileStreamingAndLeavesNothingBehind() {
        long limit = 1_000_000;
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 0x41;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 0x41);
                served[0] += len;
                return len;
            }
        };
        MediaStore store = FileSystemMediaStore.builder(root).maxBytes(limit).build();
        MediaRejected e = assertThrows(MediaRejected.class, () -> store.store(endless, "video/mp4", MediaKind.VIDEO));
        assertEquals(MediaRejected.Reason.TOO_LARGE, e.reason());
        assertTrue(served[0] <= limit + 64 * 1024, "stopped reading at the limit, read " + served[0]);
        assertEquals(List.of(), filesUnder(root));
    }

    @Test
    void anEmptyUploadIsRefused() {
        MediaStore store = FileSystemMediaStore.of(root);
        MediaRejected e = assertThrows(MediaRejected.class, () -> store.store(new byte[0], "image/jpeg", MediaKind.PHOTO));
        assertEquals(MediaRejected.Reason.EMPTY, e.reason());
        assertEquals(List.of(), filesUnder(root));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../etc/passwd", "..", "", "ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde/", "0123456789abcdef"})
    void aHashThatIsNotSixtyFourLowerCaseHexDigitsNeverReachesTheFileSystem(String sha) throws Exception {
        Files.writeString(root.resolve("secret.txt"), "not media");
        MediaStore store = FileSystemMediaStore.of(root.resolve("media"));
        assertEquals("sha256", assertThrows(InvalidInput.class, () -> store.open(sha)).field());
        assertEquals("sha256", assertThrows(InvalidInput.class, () -> store.exists(sha)).field());
        assertEquals("sha256", assertThrows(InvalidInput.class, () -> store.delete(sha)).field());
        assertTrue(Files.exists(root.resolve("secret.txt")));
    }

    @Test
    void unknownHashesAreNotFoundAndDeleteRemovesForGood() {
        MediaStore store = FileSystemMediaStore.of(root);
        String nothing = "0".repeat(64);
        assertFalse(store.exists(nothing));
        assertThrows(NotFound.class, () -> store.open(nothing));
        assertFalse(store.delete(nothing));

        Media media = store.store(Samples.wav(), null, MediaKind.VOICE);
        assertTrue(store.delete(media.sha256()));
        assertFalse(store.exists(media.sha256()));
        assertThrows(NotFound.class, () -> store.open(media));
        assertFalse(store.delete(media.sha256()));
    }

    @Test
    void theBuilderSaysWhatWasWrong() {
        assertEquals("maxBytes: must be between 1 and 2147483647, was 0",
                assertThrows(InvalidInput.class, () -> FileSystemMediaStore.builder(root).maxBytes(0)).getMessage());
        assertEquals("contentTypes[1]", assertThrows(InvalidInput.class,
                () -> FileSystemMediaStore.builder(root).allow(MediaKind.PHOTO, "image/jpeg", "jpeg")).field());
        assertEquals("root", assertThrows(InvalidInput.class, () -> FileSystemMediaStore.builder(null)).field());
    }

    static List<Path> filesUnder(Path root) {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
