package dev.civicloop.notify.webhook;

import dev.civicloop.spi.GovernanceException;
import java.util.OptionalInt;

/**
 * A notification could not be delivered in one {@link WebhookNotifier#deliver} call: no endpoint
 * for its recipient, a redirect (3xx, not followed), or every attempt failed (5xx, 408, 425, 429,
 * timeout, connection error). The engine's outbox keeps the notification pending and tries again
 * later with its own backoff. A refusal (a 4xx other than 408, 425 and 429) is thrown as a
 * {@link dev.civicloop.spi.notify.PermanentDeliveryFailure} whose cause is this exception. The
 * message never contains the endpoint's secret.
 */
public class WebhookDeliveryFailed extends GovernanceException {
    private static final long serialVersionUID = 1L;
    private final String notificationId;
    private final int status;
    private final int attempts;
    private final boolean retryable;

    WebhookDeliveryFailed(String notificationId, String message, int status, int attempts, boolean retryable,
            Throwable cause) {
        super(message, cause);
        this.notificationId = notificationId;
        this.status = status;
        this.attempts = attempts;
        this.retryable = retryable;
    }

    /** The notification that was not delivered. */
    public String notificationId() {
        return notificationId;
    }

    /** The last HTTP status received, if the receiver answered at all. */
    public OptionalInt status() {
        return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** HTTP requests made in this call (0 when no endpoint was found). */
    public int attempts() {
        return attempts;
    }

    /**
     * Whether the last failure was of a kind worth retrying (server error, 408, 429, timeout,
     * connection error), as opposed to a refusal or a missing route that needs a person to act.
     */
    public boolean retryable() {
        return retryable;
    }
}
