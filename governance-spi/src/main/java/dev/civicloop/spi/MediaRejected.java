package dev.civicloop.spi;

/**
 * A media store refused an upload; {@link #reason()} says which rule, and nothing was stored.
 * An {@link InvalidInput}, so a form shows it next to the upload box:
 * {@code contentType: the bytes are image/png, declared video/mp4}.
 */
public class MediaRejected extends InvalidInput {
    private static final long serialVersionUID = 1L;

    /** The rule an upload broke. */
    public enum Reason {
        /** No bytes at all. */
        EMPTY,
        /** More bytes than the store's size limit; the store stopped reading there. */
        TOO_LARGE,
        /** The bytes are of a content type the store does not take for this kind of media. */
        TYPE_NOT_ALLOWED,
        /** The declared content type names another kind of content (image, audio, video) than the bytes are. */
        TYPE_MISMATCH,
        /** The bytes start like a photo the store cleans but do not follow its format, so its location metadata cannot be found. */
        MALFORMED
    }

    private final Reason reason;

    public MediaRejected(Reason reason, String field, String rule) {
        super(field, rule);
        if (reason == null) {
            throw new IllegalArgumentException("reason is required");
        }
        this.reason = reason;
    }

    /** Which rule the upload broke. */
    public Reason reason() {
        return reason;
    }
}
