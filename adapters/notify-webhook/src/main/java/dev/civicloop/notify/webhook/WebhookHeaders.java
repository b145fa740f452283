package dev.civicloop.notify.webhook;

/**
 * The headers every webhook request carries, besides {@code Content-Type: application/json}.
 *
 * <pre>{@code
 * X-CivicLoop-Id: T1-3-dispatched-D-gas-co
 * X-CivicLoop-Timestamp: 1795399200
 * X-CivicLoop-Signature: sha256=5d2f…
 * }</pre>
 */
public final class WebhookHeaders {
    /** The notification id: the same on every retry, so the receiver can de-duplicate. */
    public static final String ID = "X-CivicLoop-Id";
    /** When this attempt was signed, in seconds since the epoch (new on every attempt). */
    public static final String TIMESTAMP = "X-CivicLoop-Timestamp";
    /** {@code sha256=} and the lower-case hex HMAC-SHA256 of {@code "<timestamp>.<body>"} under the endpoint's secret. */
    public static final String SIGNATURE = "X-CivicLoop-Signature";
    /** The prefix of the signature header's value. */
    public static final String SIGNATURE_PREFIX = "sha256=";

    private WebhookHeaders() {}
}
