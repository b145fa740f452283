package dev.civicloop.media.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.MediaRejected;
import dev.civicloop.spi.MediaRejected.Reason;
import dev.civicloop.spi.media.MediaStore;
import dev.civicloop.spi.model.MediaKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The bytes say what an upload is; a file name never does, and a declared type only has to agree. */
class ContentTypeFromBytesTest {
    @TempDir
    Path root;

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("JPEG", MediaKind.PHOTO, (Supplier<byte[]>) () -> Samples.jpeg(8, 8), "image/jpeg"),
                Arguments.of("PNG", MediaKind.PHOTO, (Supplier<byte[]>) () -> Samples.png(8, 8), "image/png"),
                Arguments.of("WebP", MediaKind.PHOTO, (Supplier<byte[]>) () -> Samples.TINY_WEBP, "image/webp"),
                Arguments.of("WAV", MediaKind.VOICE, (Supplier<byte[]>) Samples::wav, "audio/wav"),
                Arguments.of("AMR", MediaKind.VOICE, (Supplier<byte[]>) Samples::amr, "audio/amr"),
                Arguments.of("MP3", MediaKind.VOICE, (Supplier<byte[]>) Samples::mp3, "audio/mpeg"),
                Arguments.of("Ogg Opus", MediaKind.VOICE, (Supplier<byte[]>) Samples::oggOpus, "audio/ogg"),
                Arguments.of("Ogg Vorbis", MediaKind.VOICE, (Supplier<byte[]>) Samples::oggVorbis, "audio/ogg"),
                Arguments.of("M4A", MediaKind.VOICE, (Supplier<byte[]>) () -> Samples.isoMedia("M4A "), "audio/mp4"),
                Arguments.of("MP4 (isom, as Android records)", MediaKind.VIDEO, (Supplier<byte[]>) () -> Samples.isoMedia("isom"), "video/mp4"),
                Arguments.of("MP4 (mp42)", MediaKind.VIDEO, (Supplier<byte[]>) () -> Samples.isoMedia("mp42"), "video/mp4"),
                Arguments.of("QuickTime (iPhone)", MediaKind.VIDEO, (Supplier<byte[]>) () -> Samples.isoMedia("qt  "), "video/quicktime"),
                Arguments.of("3GP", MediaKind.VIDEO, (Supplier<byte[]>) () -> Samples.isoMedia("3gp4"), "video/3gpp"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachFormatAPhoneSendsIsRecognisedFromItsBytesAlone(String name, MediaKind kind, Supplier<byte[]> bytes, String expected) {
        MediaStore store = FileSystemMediaStore.of(root);
        assertEquals(expected, store.store(bytes.get(), null, kind).contentType(), "no declared type");
        assertEquals(expected, store.store(bytes.get(), "application/octet-stream", kind).contentType(), "a browser that does not know");
    }

    @Test
    void aPngNamedPhotoJpgIsKeptAsThePngItIs() {
        MediaStore store = FileSystemMediaStore.of(root);
        assertEquals("image/png", store.store(Samples.png(8, 8), "image/jpeg", MediaKind.PHOTO).contentType());
        assertEquals("image/jpeg", store.store(Samples.jpeg(8, 8), "image/jpg; name=photo.jpg", MediaKind.PHOTO).contentType());
    }

    @Test
    void aDeclaredTypeOfAnotherKindOfContentIsRefusedAndNothingIsKept() {
        MediaStore store = FileSystemMediaStore.of(root);
        MediaRejected e = assertThrows(MediaRejected.class,
                () -> store.store(Samples.isoMedia("isom"), "image/jpeg", MediaKind.PHOTO));
        assertEquals(Reason.TYPE_MISMATCH, e.reason());
        assertEquals("contentType: the bytes are video/mp4, declared image/jpeg", e.getMessage());

        byte[] page = "<html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
        assertEquals(Reason.TYPE_MISMATCH, assertThrows(MediaRejected.class,
                () -> store.store(page, "image/png", MediaKind.PHOTO)).reason());
        assertEquals(List.of(), FileSystemMediaStoreTest.filesUnder(root));
    }

    @Test
    void bytesOfATypeNotTakenForTheKindAreRefused() {
        MediaStore store = FileSystemMediaStore.of(root);
        MediaRejected photoAsVoice = assertThrows(MediaRejected.class, () -> store.store(Samples.jpeg(8, 8), null, MediaKind.VOICE));
        assertEquals(Reason.TYPE_NOT_ALLOWED, photoAsVoice.reason());
        assertEquals("contentType", photoAsVoice.field());

        byte[] page = "<html><body>hello</body></html>".getBytes(StandardCharsets.UTF_8);
        assertEquals(Reason.TYPE_NOT_ALLOWED, assertThrows(MediaRejected.class, () -> store.store(page, null, MediaKind.PHOTO)).reason());
        byte[] noise = {1, 2, 3, 4, 5, 6, 7, 8};
        assertEquals(Reason.TYPE_NOT_ALLOWED, assertThrows(MediaRejected.class,
                () -> store.store(noise, "application/octet-stream", MediaKind.VIDEO)).reason());
        assertEquals(List.of(), FileSystemMediaStoreTest.filesUnder(root));
    }

    @Test
    void heicPhotosAreRefusedByDefaultBecauseTheirLocationCannotBeStrippedHere() {
        byte[] heic = Samples.isoMedia("heic");
        MediaRejected e = assertThrows(MediaRejected.class,
                () -> FileSystemMediaStore.of(root).store(heic, "image/heic", MediaKind.PHOTO));
        assertEquals(Reason.TYPE_NOT_ALLOWED, e.reason());
        assertEquals("contentType: image/heic is not taken for PHOTO; taken: image/jpeg, image/png, image/webp",
                e.getMessage().replaceAll("taken: .*", "taken: image/jpeg, image/png, image/webp"));

        MediaStore optedIn = FileSystemMediaStore.builder(root).allow(MediaKind.PHOTO, "image/jpeg", "image/heic").build();
        assertEquals("image/heic", optedIn.store(heic, "image/heic", MediaKind.PHOTO).contentType());
    }

    @Test
    void aDeclaredTypeThatIsNotAContentTypeIsInvalidInput() {
        assertEquals("contentType", assertThrows(InvalidInput.class,
                () -> FileSystemMediaStore.of(root).store(Samples.wav(), "photo.jpg", MediaKind.VOICE)).field());
    }
}
