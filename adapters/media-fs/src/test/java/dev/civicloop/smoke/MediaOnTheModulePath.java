package dev.civicloop.smoke;

import dev.civicloop.media.fs.FileSystemMediaStore;
import dev.civicloop.spi.media.MediaStore;
import dev.civicloop.spi.model.Media;
import dev.civicloop.spi.model.MediaKind;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by {@code ModulePathSmokeTest} in a child JVM whose module path holds only the media store
 * and its runtime dependencies (no java.desktop): stores a photo and reads it back.
 */
public final class MediaOnTheModulePath {
    private MediaOnTheModulePath() {}

    public static void main(String[] args) throws Exception {
        MediaStore store = FileSystemMediaStore.of(Path.of(args[0]));
        Media media;
        try (InputStream upload = Files.newInputStream(Path.of(args[1]))) {
            media = store.store(upload, "image/jpeg", MediaKind.PHOTO);
        }
        long stored;
        try (InputStream in = store.open(media)) {
            stored = in.readAllBytes().length;
        }
        System.out.println("module " + FileSystemMediaStore.class.getModule().getName());
        System.out.println("type " + media.contentType());
        System.out.println("size matches " + (stored == media.sizeBytes()));
        System.out.println("smaller than upload " + (stored < Files.size(Path.of(args[1]))));
    }
}
