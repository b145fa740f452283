package dev.civicloop.spi.notify;

import dev.civicloop.spi.GovernanceException;

/**
 * A {@link Notifier} says a notification can never be delivered as it is (the receiver refused
 * it: unknown recipient, a payload it rejects, HTTP 4xx other than 408, 425 and 429). The
 * engine's outbox does not retry it: it becomes a dead letter at once, which an operator can list
 * and, once the cause is fixed, redeliver. Throw anything else for a failure worth retrying
 * (outage, timeout, rate limit).
 *
 * <pre>{@code
 * Notifier sms = n -> {
 *     SmsResult r = gateway.send(phoneOf(n.recipient()), text(n));
 *     if (r.code() == SmsResult.INVALID_NUMBER) {
 *         throw new PermanentDeliveryFailure("SMS gateway: no such number for " + n.recipient());
 *     }
 * };
 * }</pre>
 */
public class PermanentDeliveryFailure extends GovernanceException {
    private static final long serialVersionUID = 1L;

    public PermanentDeliveryFailure(String message) {
        super(message);
    }

    /** @param cause the notifier's own, more detailed failure (e.g. one carrying the HTTP status) */
    public PermanentDeliveryFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
