package dev.civicloop.spi.model;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.internal.Check;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * A photo, voice message or video attached to a report or a result, as stored by a media store:
 * where it is, its content type, its size in bytes (more than zero) and the hex SHA-256 of its bytes.
 */
public record Media(MediaKind kind, URI uri, String contentType, long sizeBytes, String sha256) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z]+/[a-z0-9.+-]+");

    public Media {
        Check.notNull("kind", kind);
        Check.notNull("uri", uri);
        Check.notNull("contentType", contentType);
        if (!CONTENT_TYPE.matcher(contentType).matches()) {
            throw new InvalidInput("contentType", "must look like type/subtype, was '" + contentType + "'");
        }
        if (sizeBytes <= 0) {
            throw new InvalidInput("sizeBytes", "must be more than 0, was " + sizeBytes);
        }
        Check.notNull("sha256", sha256);
        if (!SHA256.matcher(sha256).matches()) {
            throw new InvalidInput("sha256", "must be 64 lower-case hex digits");
        }
    }

    public static Media of(MediaKind kind, URI uri, String contentType, long sizeBytes, String sha256) {
        return new Media(kind, uri, contentType, sizeBytes, sha256);
    }
}
