package dev.civicloop.media.fs;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.MediaRejected;
import dev.civicloop.spi.MediaRejected.Reason;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.StoreFailure;
import dev.civicloop.spi.media.MediaStore;
import dev.civicloop.spi.model.Media;
import dev.civicloop.spi.model.MediaKind;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CivicLoop's embedded default {@link MediaStore}: media in a folder, one file per distinct
 * content, at {@code root/ab/cd/abcd…} (the hex SHA-256 of the bytes kept). An upload is read into
 * a temporary file under {@code root/.tmp} (refused once it passes the size limit), typed from its
 * bytes, cleaned of location metadata if it is a photo, hashed, forced to disk and moved into
 * place atomically, so a reader never sees half a file and a crash leaves at most a temporary file.
 * Several processes may share one root.
 *
 * <pre>{@code
 * MediaStore media = FileSystemMediaStore.builder(Path.of("/var/lib/civicloop/media"))
 *         .maxBytes(10 * 1024 * 1024)
 *         .build();
 * Media photo = media.store(upload, "image/jpeg", MediaKind.PHOTO);   // EXIF GPS already gone
 * }</pre>
 *
 * <p>Content types come from Apache Tika's magic table (tika-core). A declared type has to name
 * the same kind of content as the bytes (image, audio or video), else {@link Reason#TYPE_MISMATCH};
 * within that kind the bytes decide, so a PNG uploaded as {@code photo.jpg} with
 * {@code image/jpeg} is kept as {@code image/png}. Photos: JPEG (Exif GPS IFD wiped, XMP and IPTC
 * dropped), PNG (eXIf and text chunks dropped), WebP (EXIF and XMP chunks dropped). HEIC is not
 * taken by default because its location cannot be stripped here.
 */
public final class FileSystemMediaStore implements MediaStore {
    /** The default size limit, 20 MiB. */
    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(FileSystemMediaStore.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z]+/[a-z0-9.+-]+");
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final Set<String> CLEANED_PHOTOS = Set.of("image/jpeg", "image/png", "image/webp");
    private static final Duration STALE_TEMPORARY = Duration.ofDays(1);

    private final Path root;
    private final Path tmp;
    private final long maxBytes;
    private final Map<MediaKind, Set<String>> allowed;
    private final URI baseUri;

    private FileSystemMediaStore(Builder b) {
        this.root = b.root;
        this.tmp = b.root.resolve(".tmp");
        this.maxBytes = b.maxBytes;
        this.allowed = Map.copyOf(b.allowed);
        this.baseUri = b.baseUri;
    }

    /** A store in {@code root} with the defaults: 20 MiB, the default types, {@code ni:} URIs. */
    public static FileSystemMediaStore of(Path root) {
        return builder(root).build();
    }

    /** Starts a store in {@code root}, a folder that is created if missing. */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** The size limit in bytes, checked against the upload as it arrives. */
    public long maxBytes() {
        return maxBytes;
    }

    /** The content types taken for a kind of media. */
    public Set<String> allowedTypes(MediaKind kind) {
        return allowed.get(kind);
    }

    @Override
    public Media store(InputStream bytes, String declaredContentType, MediaKind kind) {
        if (bytes == null) {
            throw new InvalidInput("bytes", "is required");
        }
        if (kind == null) {
            throw new InvalidInput("kind", "is required");
        }
        String declared = ContentSniffer.normalizeDeclared(declaredContentType);
        if (declared != null && !CONTENT_TYPE.matcher(declared).matches()) {
            throw new InvalidInput("contentType", "must look like type/subtype, was '" + declaredContentType + "'");
        }
        Path upload = null;
        Path cleaned = null;
        try {
            Files.createDirectories(tmp);
            upload = Files.createTempFile(tmp, "upload-", ".part");
            long received = receive(bytes, upload);
            if (received == 0) {
                throw new MediaRejected(Reason.EMPTY, "bytes", "must not be empty");
            }
            String type = sniff(upload);
            if (declared != null && !declared.equals(OCTET_STREAM)
                    && !ContentSniffer.family(declared).equals(ContentSniffer.family(type))) {
                throw new MediaRejected(Reason.TYPE_MISMATCH, "contentType",
                        "the bytes are " + type + ", declared " + declared);
            }
            if (!allowed.get(kind).contains(type)) {
                throw new MediaRejected(Reason.TYPE_NOT_ALLOWED, "contentType",
                        type + " is not taken for " + kind + "; taken: " + String.join(", ", allowed.get(kind)));
            }
            Path kept = upload;
            if (CLEANED_PHOTOS.contains(type)) {
                cleaned = Files.createTempFile(tmp, "clean-", ".part");
                clean(type, upload, cleaned);
                kept = cleaned;
            }
            String sha256 = sha256(kept);
            long size = Files.size(kept);
            if (size == 0) {
                throw new MediaRejected(Reason.MALFORMED, "bytes", "hold no " + type + " image data");
            }
            Path target = file(sha256);
            if (!Files.exists(target)) {
                force(kept);
                Files.createDirectories(target.getParent());
                moveIntoPlace(kept, target);
                forceDirectory(target.getParent());
                log.debug("stored {} {} ({} bytes)", kind, sha256, size);
            }
            return Media.of(kind, uri(sha256), type, size, sha256);
        } catch (Malformed e) {
            throw new MediaRejected(Reason.MALFORMED, "bytes", "are not a well-formed photo: " + e.getMessage());
        } catch (IOException e) {
            throw new StoreFailure("storing media under " + root + " failed: " + e, e);
        } finally {
            deleteQuietly(upload);
            deleteQuietly(cleaned);
        }
    }

    @Override
    public InputStream open(String sha256) {
        Path file = file(checked(sha256));
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new NotFound("media " + sha256);
        } catch (IOException e) {
            throw new StoreFailure("opening media " + sha256 + " failed: " + e, e);
        }
    }

    @Override
    public boolean exists(String sha256) {
        return Files.isRegularFile(file(checked(sha256)));
    }

    @Override
    public boolean delete(String sha256) {
        try {
            boolean deleted = Files.deleteIfExists(file(checked(sha256)));
            if (deleted) {
                log.info("deleted media {}", sha256);
            }
            return deleted;
        } catch (IOException e) {
            throw new StoreFailure("deleting media " + sha256 + " failed: " + e, e);
        }
    }

    /** Copies the upload to {@code file}, refusing it as soon as it passes the limit. */
    private long receive(InputStream in, Path file) throws IOException {
        long total = 0;
        byte[] buf = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    throw new MediaRejected(Reason.TOO_LARGE, "bytes", "must be at most " + maxBytes + " bytes");
                }
                out.write(buf, 0, n);
            }
        }
        return total;
    }

    private static String sniff(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ContentSniffer.sniff(in.readNBytes(ContentSniffer.headLength()));
        }
    }

    private static void clean(String type, Path from, Path to) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(to), 64 * 1024)) {
            if (type.equals("image/webp")) {
                WebpCleaner.clean(from, out);
                return;
            }
            try (InputStream in = Files.newInputStream(from)) {
                if (type.equals("image/jpeg")) {
                    JpegCleaner.clean(in, out);
                } else {
                    PngCleaner.clean(in, out);
                }
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // Another writer stored the same bytes first; content addressing makes that the same file.
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(".tmp and the store must be on one file system", e);
        } catch (IOException e) {
            if (!Files.isRegularFile(to)) {
                throw e;
            }
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Makes the new directory entry durable where the platform allows (Linux does; Windows cannot open a folder). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            log.trace("cannot force directory {}: {}", dir, e.toString());
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("could not delete temporary file {}: {}", file, e.toString());
            }
        }
    }

    private static String checked(String sha256) {
        if (sha256 == null) {
            throw new InvalidInput("sha256", "is required");
        }
        if (!SHA256.matcher(sha256).matches()) {
            throw new InvalidInput("sha256", "must be 64 lower-case hex digits");
        }
        return sha256;
    }

    private Path file(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    private URI uri(String sha256) {
        if (baseUri != null) {
            return baseUri.resolve(sha256);
        }
        // RFC 6920 named information: where the bytes live is the integrator's business, what they are is not.
        byte[] digest = HexFormat.of().parseHex(sha256);
        return URI.create("ni:///sha-256;" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
    }

    /** Configures a {@link FileSystemMediaStore}; every setter checks its input. */
    public static final class Builder {
        private final Path root;
        private long maxBytes = DEFAULT_MAX_BYTES;
        private final Map<MediaKind, Set<String>> allowed = new EnumMap<>(MediaKind.class);
        private URI baseUri;

        private Builder(Path root) {
            if (root == null) {
                throw new InvalidInput("root", "is required");
            }
            this.root = root.toAbsolutePath().normalize();
            allowed.put(MediaKind.PHOTO, Set.of("image/jpeg", "image/png", "image/webp"));
            allowed.put(MediaKind.VOICE, Set.of("audio/amr", "audio/mp4", "audio/aac", "audio/mpeg", "audio/ogg", "audio/wav"));
            allowed.put(MediaKind.VIDEO, Set.of("video/mp4", "video/quicktime", "video/3gpp"));
        }

        /** The most bytes an upload may have, at least 1; default 20 MiB. */
        public Builder maxBytes(long maxBytes) {
            if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE) {
                throw new InvalidInput("maxBytes", "must be between 1 and " + Integer.MAX_VALUE + ", was " + maxBytes);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        /**
         * Replaces the content types taken for {@code kind} (names as stored: {@code image/jpeg},
         * {@code audio/wav}, {@code audio/ogg} for Opus and Vorbis). A photo type other than JPEG,
         * PNG and WebP is kept with whatever metadata it carries; the store logs a warning.
         */
        public Builder allow(MediaKind kind, String... contentTypes) {
            if (kind == null) {
                throw new InvalidInput("kind", "is required");
            }
            if (contentTypes == null || contentTypes.length == 0) {
                throw new InvalidInput("contentTypes", "must name at least one type");
            }
            Set<String> types = new LinkedHashSet<>();
            for (int i = 0; i < contentTypes.length; i++) {
                String t = ContentSniffer.normalizeDeclared(contentTypes[i]);
                if (t == null || !CONTENT_TYPE.matcher(t).matches()) {
                    throw new InvalidInput("contentTypes[" + i + "]", "must look like type/subtype, was '" + contentTypes[i] + "'");
                }
                types.add(t);
            }
            allowed.put(kind, Set.copyOf(types));
            return this;
        }

        /**
         * Where the stored files are served, ending in {@code /}: a {@code Media}'s URI is then this
         * resolved against the hash ({@code https://media.city.example/} + hex). Without one the URI
         * is the RFC 6920 name of the bytes, {@code ni:///sha-256;…}.
         */
        public Builder baseUri(URI baseUri) {
            if (baseUri == null || !baseUri.isAbsolute() || !baseUri.getPath().endsWith("/")) {
                throw new InvalidInput("baseUri", "must be an absolute URI ending in /, was " + baseUri);
            }
            this.baseUri = baseUri;
            return this;
        }

        /**
         * Creates the folder if needed and removes temporary files a crashed process left there
         * more than a day ago.
         *
         * @throws StoreFailure the folder cannot be created or is not writable
         */
        public FileSystemMediaStore build() {
            for (String t : allowed.get(MediaKind.PHOTO)) {
                if (!CLEANED_PHOTOS.contains(t)) {
                    log.warn("{} photos are stored with their metadata, location included: only JPEG, PNG and WebP are cleaned", t);
                }
            }
            FileSystemMediaStore store = new FileSystemMediaStore(this);
            try {
                Files.createDirectories(store.tmp);
                if (!Files.isWritable(store.tmp)) {
                    throw new IOException(store.tmp + " is not writable");
                }
                FileTime cutoff = FileTime.from(Instant.now().minus(STALE_TEMPORARY));
                try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(store.tmp, "*.part")) {
                    for (Path p : leftovers) {
                        if (Files.getLastModifiedTime(p).compareTo(cutoff) < 0) {
                            deleteQuietly(p);
                        }
                    }
                }
            } catch (IOException e) {
                throw new StoreFailure("media store folder " + root + " is not usable: " + e, e);
            }
            return store;
        }
    }
}
