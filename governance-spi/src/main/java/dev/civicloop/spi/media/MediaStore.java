package dev.civicloop.spi.media;

import dev.civicloop.spi.model.Media;
import dev.civicloop.spi.model.MediaKind;
import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * Where media (photos, voice messages, videos) are kept: bytes in, a {@link Media} out, which a
 * command ({@code Report}, {@code Resolve}) then carries. Thread-safe.
 *
 * <pre>{@code
 * Media photo = mediaStore.store(upload.getInputStream(), upload.getContentType(), MediaKind.PHOTO);
 * engine.execute(new Report(..., List.of(photo), ...));
 * }</pre>
 *
 * <p>The contract:
 * <ul>
 *   <li><b>Content-addressed.</b> {@link Media#sha256()} is the hex SHA-256 of exactly the bytes the
 *   store keeps and {@link #open} returns, and {@link Media#sizeBytes()} their length. Storing the
 *   same bytes again stores nothing new and returns an equal {@code Media} (for the same kind).
 *   <li><b>Type from the bytes.</b> {@link Media#contentType()} is what the bytes are, never taken
 *   from a file name or from the declared type; a declared type has to agree with the bytes at
 *   least on the kind of content (image, audio, video), and a store may be stricter.
 *   <li><b>Location stripped.</b> Location metadata (EXIF GPS, XMP) is removed from a photo
 *   <em>before</em> it is hashed and kept, so the hash and the size are those of the cleaned photo;
 *   a photo the store cannot clean is refused, not kept as it came.
 *   <li><b>Checked, all or nothing.</b> An upload that breaks a rule throws
 *   {@link dev.civicloop.spi.MediaRejected} naming the rule and leaves nothing behind; so does an
 *   I/O failure ({@link dev.civicloop.spi.StoreFailure}).
 * </ul>
 * A store never closes the stream it is given. Null arguments are {@link dev.civicloop.spi.InvalidInput};
 * so is a {@code sha256} that is not 64 lower-case hex digits (it never reaches a file system or a URL).
 */
public interface MediaStore {

    /**
     * Checks, cleans, hashes and keeps the bytes.
     *
     * @param bytes the upload, read to its end (not closed)
     * @param declaredContentType what the uploader says the bytes are ({@code image/jpeg}); may be
     *     null or {@code application/octet-stream} when it does not know
     * @param kind what the media is evidence of: a photo, a voice message or a video
     * @throws dev.civicloop.spi.MediaRejected the upload is empty, too large, of a type not taken for
     *     {@code kind}, not what its declared type says, or a photo too malformed to clean
     * @throws dev.civicloop.spi.StoreFailure reading the upload or writing it failed
     */
    Media store(InputStream bytes, String declaredContentType, MediaKind kind);

    /** {@link #store(InputStream, String, MediaKind)} for bytes already in memory. */
    default Media store(byte[] bytes, String declaredContentType, MediaKind kind) {
        if (bytes == null) {
            throw new dev.civicloop.spi.InvalidInput("bytes", "is required");
        }
        return store(new ByteArrayInputStream(bytes), declaredContentType, kind);
    }

    /**
     * The stored bytes with this hash; the caller closes the stream.
     *
     * @throws dev.civicloop.spi.NotFound nothing is stored under this hash
     */
    InputStream open(String sha256);

    /** {@link #open(String)} for a {@code Media} this store returned. */
    default InputStream open(Media media) {
        if (media == null) {
            throw new dev.civicloop.spi.InvalidInput("media", "is required");
        }
        return open(media.sha256());
    }

    /** Whether bytes with this hash are stored. */
    boolean exists(String sha256);

    /**
     * Removes the bytes with this hash for good (a court order, a privacy request); returns whether
     * there were any. Every {@code Media} with this hash, on any ticket, then points at nothing:
     * the caller decides whether that is wanted.
     */
    boolean delete(String sha256);
}
