package dev.civicloop.notify.webhook;

import dev.civicloop.spi.GovernanceException;

/**
 * {@link WebhookVerifier} refused a request: answer it with 400 or 401 and do not act on it.
 * {@link #reason()} says why, for the receiver's logs.
 */
public class WebhookRejected extends GovernanceException {
    private static final long serialVersionUID = 1L;

    /** Why a request was refused. */
    public enum Reason {
        /** The timestamp or signature header is absent or empty. */
        MISSING_HEADER,
        /** A header is present but not of the form {@code 1795399200} / {@code sha256=<64 hex digits>}. */
        MALFORMED_HEADER,
        /** The signature does not match the body and timestamp under this secret: tampered, or another secret. */
        SIGNATURE_MISMATCH,
        /** Signed correctly but too long ago (or too far ahead): a replay, or a badly wrong clock. */
        TIMESTAMP_OUT_OF_TOLERANCE,
        /** Signed correctly, but the body is not a notification. */
        MALFORMED_BODY
    }

    private final Reason reason;

    WebhookRejected(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    WebhookRejected(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
