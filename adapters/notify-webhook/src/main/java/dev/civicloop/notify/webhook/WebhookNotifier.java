package dev.civicloop.notify.webhook;

import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Notifier;
import dev.civicloop.spi.notify.PermanentDeliveryFailure;
import dev.civicloop.spi.notify.Recipient;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each notification as a JSON POST to the endpoint its recipient routes to, signed with
 * that endpoint's secret (headers in {@link WebhookHeaders}). One {@link #deliver} call makes up
 * to {@code maxAttempts} requests, backing off between them, when the receiver answers 5xx, 408,
 * 425 or 429, times out, or cannot be reached; when it gives up it throws
 * {@link WebhookDeliveryFailed}, and the engine's outbox keeps the notification pending and
 * retries it later with its own, longer backoff. Any other 4xx is a refusal: it is not retried and
 * is thrown as a {@link PermanentDeliveryFailure} (its cause the {@link WebhookDeliveryFailed} with
 * the status), which makes the engine's outbox set the notification aside as a dead letter at
 * once. Thread-safe.
 *
 * <pre>{@code
 * WebhookEndpoint community = WebhookEndpoint.of("https://yuanhang.example/hooks", communitySecret);
 * WebhookEndpoint gasCompany = WebhookEndpoint.of("https://gas-co.example/civicloop", gasSecret);
 * Notifier webhooks = WebhookNotifier.builder()
 *         .route(r -> r.kind() == Recipient.Kind.DEPARTMENT && r.id().equals("gas-co") ? gasCompany : community)
 *         .requestTimeout(Duration.ofSeconds(5))
 *         .build();
 * GovernanceEngine engine = GovernanceEngine.builder().store(store).notifier(webhooks)…build();
 * }</pre>
 */
public final class WebhookNotifier implements Notifier {
    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final int ERROR_SNIPPET_BYTES = 200;

    private final Function<Recipient, WebhookEndpoint> route;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Clock clock;
    private final HttpClient client;

    private WebhookNotifier(Builder b) {
        this.route = b.route;
        this.requestTimeout = b.requestTimeout;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.clock = b.clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER) // a signed body is for the configured URL only
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * POSTs the notification to its recipient's endpoint, retrying within this call as described
     * above; returns when the receiver answered 2xx.
     *
     * @throws PermanentDeliveryFailure the receiver refused it (4xx other than 408, 425, 429); the
     *     cause is the {@link WebhookDeliveryFailed} with the status
     * @throws WebhookDeliveryFailed no endpoint for the recipient, a redirect (3xx), or every attempt
     *     failed
     */
    @Override
    public void deliver(Notification notification) {
        Objects.requireNonNull(notification, "notification");
        WebhookEndpoint endpoint;
        try {
            endpoint = route.apply(notification.recipient());
        } catch (RuntimeException e) {
            throw new WebhookDeliveryFailed(notification.id(), "routing " + notification.recipient() + " failed: " + e,
                    -1, 0, false, e);
        }
        if (endpoint == null) {
            throw new WebhookDeliveryFailed(notification.id(),
                    "no webhook endpoint for recipient " + notification.recipient(), -1, 0, false, null);
        }
        byte[] body = NotificationJson.write(notification);
        byte[] secret = endpoint.secretBytes();
        String where = WebhookEndpoint.redacted(endpoint.url());
        WebhookDeliveryFailed last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                pause(notification, backoff(attempt - 1), attempt - 1, last);
            }
            long timestamp = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(endpoint.url())
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "CivicLoop-Webhook")
                    .header(WebhookHeaders.ID, notification.id())
                    .header(WebhookHeaders.TIMESTAMP, Long.toString(timestamp))
                    .header(WebhookHeaders.SIGNATURE, Signatures.header(secret, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            try {
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                String snippet = snippet(response.body());
                if (status >= 200 && status < 300) {
                    log.debug("notification {} delivered to {} (HTTP {}, attempt {})", notification.id(), where, status,
                            attempt);
                    return;
                }
                boolean retryable = status >= 500 || status == 408 || status == 425 || status == 429;
                last = new WebhookDeliveryFailed(notification.id(), where + " answered HTTP " + status
                        + (snippet.isEmpty() ? "" : ": " + snippet) + " (attempt " + attempt + " of " + maxAttempts + ")",
                        status, attempt, retryable, null);
                if (status >= 400 && !retryable) {
                    // The receiver refused this notification: sending it again cannot help.
                    throw new PermanentDeliveryFailure(last.getMessage(), last);
                }
                if (!retryable) {
                    throw last;
                }
            } catch (HttpTimeoutException e) {
                last = new WebhookDeliveryFailed(notification.id(), where + " timed out: " + e.getMessage()
                        + " (attempt " + attempt + " of " + maxAttempts + ")", -1, attempt, true, e);
            } catch (IOException e) {
                last = new WebhookDeliveryFailed(notification.id(), where + " unreachable: " + e
                        + " (attempt " + attempt + " of " + maxAttempts + ")", -1, attempt, true, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WebhookDeliveryFailed(notification.id(), "interrupted while posting to " + where, -1, attempt,
                        true, e);
            }
        }
        throw last;
    }

    private Duration backoff(int retry) {
        Duration d = initialBackoff;
        for (int i = 1; i < retry && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    private static void pause(Notification n, Duration wait, int attempts, WebhookDeliveryFailed last) {
        log.info("notification {}: {}; retrying in {}", n.id(), last.getMessage(), wait);
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebhookDeliveryFailed(n.id(), "interrupted while waiting to retry: " + last.getMessage(),
                    last.status().orElse(-1), attempts, true, e);
        }
    }

    /** The start of an error response, for the outbox's last-error column; the rest is discarded. */
    private static String snippet(InputStream in) throws IOException {
        try (in) {
            byte[] head = in.readNBytes(ERROR_SNIPPET_BYTES);
            return new String(head, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        }
    }

    /** Configures a {@link WebhookNotifier}; every setter checks its input and names the field it refuses. */
    public static final class Builder {
        private Function<Recipient, WebhookEndpoint> route;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * Which endpoint a recipient's notifications go to (required, or {@link #endpoint}). Return
         * {@code null} for a recipient with no endpoint: its notifications fail and stay in the
         * outbox until a route exists.
         */
        public Builder route(Function<Recipient, WebhookEndpoint> route) {
            if (route == null) {
                throw new InvalidConfiguration("route: required");
            }
            if (this.route != null) {
                throw new InvalidConfiguration("route: was already set");
            }
            this.route = route;
            return this;
        }

        /** One endpoint for every recipient: the same as {@code route(r -> endpoint)}. */
        public Builder endpoint(WebhookEndpoint endpoint) {
            if (endpoint == null) {
                throw new InvalidConfiguration("endpoint: required");
            }
            return route(r -> endpoint);
        }

        /** How long to wait for a connection; default 5 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /** How long to wait for the response to one request, once sent; default 10 s. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive("requestTimeout", timeout);
            return this;
        }

        /**
         * Requests per {@code deliver} call and the pause between them: {@code initialBackoff},
         * doubling up to {@code maxBackoff}. Default 3 attempts, 500 ms … 5 s. Keep the total well
         * below the interval at which the outbox is polled.
         */
        public Builder retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
            if (maxAttempts < 1 || maxAttempts > 10) {
                throw new InvalidConfiguration("retry.maxAttempts: must be between 1 and 10, was " + maxAttempts);
            }
            Duration initial = positive("retry.initialBackoff", initialBackoff);
            Duration max = positive("retry.maxBackoff", maxBackoff);
            if (max.compareTo(initial) < 0) {
                throw new InvalidConfiguration("retry.maxBackoff: must not be below retry.initialBackoff ("
                        + initial + "), was " + max);
            }
            this.maxAttempts = maxAttempts;
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** The clock for the timestamp header; default the system UTC clock. */
        public Builder clock(Clock clock) {
            if (clock == null) {
                throw new InvalidConfiguration("clock: required");
            }
            this.clock = clock;
            return this;
        }

        /** @throws InvalidConfiguration when no route was given */
        public WebhookNotifier build() {
            if (route == null) {
                throw new InvalidConfiguration("route: required; give route(recipient -> endpoint) or endpoint(endpoint)");
            }
            return new WebhookNotifier(this);
        }

        private static Duration positive(String field, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new InvalidConfiguration(field + ": must be positive, was " + d);
            }
            return d;
        }
    }
}
