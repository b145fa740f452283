package dev.civicloop.notify.webhook;

import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.notify.Notification;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Checks a webhook request on the receiving side, before anything is done with it: the signature
 * must match the raw body and timestamp under the shared secret (compared in constant time), and
 * the timestamp must lie within a tolerance of the receiver's clock (default 5 minutes either
 * way), so a captured request cannot be replayed later. Returns the notification it carries.
 * Thread-safe.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.of(secret);
 * try {
 *     Notification n = verifier.verify(request.header("X-CivicLoop-Timestamp"),
 *             request.header("X-CivicLoop-Signature"), request.rawBody());
 *     if (seen.add(n.id())) handle(n);         // at least once: de-duplicate by id
 *     respond(204);
 * } catch (WebhookRejected e) {
 *     respond(401);
 * }
 * }</pre>
 */
public final class WebhookVerifier {
    /** The default tolerance between the signing time and the receiver's clock. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final byte[] secret;
    private final Duration tolerance;
    private final Clock clock;

    private WebhookVerifier(Builder b) {
        this.secret = b.secret;
        this.tolerance = b.tolerance;
        this.clock = b.clock;
    }

    /** A verifier with the default tolerance and the system clock. */
    public static WebhookVerifier of(String secret) {
        return builder(secret).build();
    }

    public static Builder builder(String secret) {
        return new Builder(secret);
    }

    /**
     * Verifies one request and returns its notification.
     *
     * @param timestamp the {@value WebhookHeaders#TIMESTAMP} header's value
     * @param signature the {@value WebhookHeaders#SIGNATURE} header's value
     * @param body the request body exactly as received (not re-encoded)
     * @throws WebhookRejected when any check fails; the reason names which
     */
    public Notification verify(String timestamp, String signature, byte[] body) {
        if (timestamp == null || timestamp.isBlank()) {
            throw new WebhookRejected(WebhookRejected.Reason.MISSING_HEADER, WebhookHeaders.TIMESTAMP + " is missing");
        }
        if (signature == null || signature.isBlank()) {
            throw new WebhookRejected(WebhookRejected.Reason.MISSING_HEADER, WebhookHeaders.SIGNATURE + " is missing");
        }
        if (body == null) {
            throw new WebhookRejected(WebhookRejected.Reason.MALFORMED_BODY, "no body");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new WebhookRejected(WebhookRejected.Reason.MALFORMED_HEADER,
                    WebhookHeaders.TIMESTAMP + " must be seconds since the epoch");
        }
        String sig = signature.strip();
        if (!sig.startsWith(WebhookHeaders.SIGNATURE_PREFIX)) {
            throw new WebhookRejected(WebhookRejected.Reason.MALFORMED_HEADER,
                    WebhookHeaders.SIGNATURE + " must start with " + WebhookHeaders.SIGNATURE_PREFIX);
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(sig.substring(WebhookHeaders.SIGNATURE_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new WebhookRejected(WebhookRejected.Reason.MALFORMED_HEADER,
                    WebhookHeaders.SIGNATURE + " must be " + WebhookHeaders.SIGNATURE_PREFIX + " and hex digits");
        }
        byte[] expected = Signatures.sign(secret, seconds, body);
        // MessageDigest.isEqual takes the same time wherever the first difference is
        if (!MessageDigest.isEqual(expected, given)) {
            throw new WebhookRejected(WebhookRejected.Reason.SIGNATURE_MISMATCH,
                    "the signature does not match this body and timestamp");
        }
        Instant signedAt = Instant.ofEpochSecond(seconds);
        Instant now = clock.instant();
        Duration skew = Duration.between(signedAt, now).abs();
        if (skew.compareTo(tolerance) > 0) {
            throw new WebhookRejected(WebhookRejected.Reason.TIMESTAMP_OUT_OF_TOLERANCE,
                    "signed at " + signedAt + ", now " + now + ", tolerance " + tolerance);
        }
        try {
            return NotificationJson.read(body);
        } catch (IllegalArgumentException e) {
            throw new WebhookRejected(WebhookRejected.Reason.MALFORMED_BODY, e.getMessage(), e);
        }
    }

    /** Configures a {@link WebhookVerifier}; every setter checks its input. */
    public static final class Builder {
        private final byte[] secret;
        private Duration tolerance = DEFAULT_TOLERANCE;
        private Clock clock = Clock.systemUTC();

        private Builder(String secret) {
            this.secret = WebhookEndpoint.checkSecret("secret", secret);
        }

        /** How far the timestamp may be from the receiver's clock, either way; default 5 minutes. */
        public Builder tolerance(Duration tolerance) {
            if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
                throw new InvalidConfiguration("tolerance: must be positive, was " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        /** The receiver's clock; default the system UTC clock. */
        public Builder clock(Clock clock) {
            if (clock == null) {
                throw new InvalidConfiguration("clock: required");
            }
            this.clock = clock;
            return this;
        }

        public WebhookVerifier build() {
            return new WebhookVerifier(this);
        }
    }
}
