package dev.civicloop.webhooktest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.notify.webhook.WebhookEndpoint;
import dev.civicloop.notify.webhook.WebhookNotifier;
import dev.civicloop.notify.webhook.WebhookVerifier;
import dev.civicloop.spi.InvalidConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A city's webhook settings are checked when they are built; the message names the field. */
class WebhookConfigurationTest {
    private static final WebhookEndpoint OK = WebhookEndpoint.of("https://gas-co.example/civicloop", Fixtures.GAS_SECRET);

    private static String refused(Executable setting) {
        return assertThrows(InvalidConfiguration.class, setting).getMessage();
    }

    @Test
    void endpointsNeedAnHttpUrlWithAHostAndALongEnoughSecret() {
        assertTrue(refused(() -> WebhookEndpoint.of("ftp://gas-co.example/x", Fixtures.GAS_SECRET)).startsWith("url: must be http or https"));
        assertTrue(refused(() -> WebhookEndpoint.of("/civicloop", Fixtures.GAS_SECRET)).startsWith("url: "));
        assertTrue(refused(() -> WebhookEndpoint.of("https://exa mple/", Fixtures.GAS_SECRET)).startsWith("url: not a URL"));
        assertTrue(refused(() -> WebhookEndpoint.of("", Fixtures.GAS_SECRET)).startsWith("url: required"));
        String creds = refused(() -> WebhookEndpoint.of("https://admin:pw@gas-co.example/x", Fixtures.GAS_SECRET));
        assertTrue(creds.startsWith("url: must not carry user info"), creds);
        assertFalse(creds.contains("pw"), "the credentials are not repeated: " + creds);
        assertEquals("secret: must be at least 16 bytes, was 6 bytes", refused(() -> WebhookEndpoint.of("https://gas-co.example/x", "s3cret")));
        assertTrue(refused(() -> WebhookEndpoint.of("https://gas-co.example/x", " ")).startsWith("secret: required"));
        assertTrue(refused(() -> WebhookVerifier.of("short")).startsWith("secret: "));
    }

    @Test
    void theNotifierNeedsARouteAndPositiveTimeoutsAndASaneRetryPolicy() {
        assertTrue(refused(() -> WebhookNotifier.builder().build()).startsWith("route: required"));
        assertEquals("route: was already set", refused(() -> WebhookNotifier.builder().endpoint(OK).route(r -> OK)));
        assertEquals("connectTimeout: must be positive, was PT0S",
                refused(() -> WebhookNotifier.builder().connectTimeout(Duration.ZERO)));
        assertEquals("requestTimeout: must be positive, was PT-1S",
                refused(() -> WebhookNotifier.builder().requestTimeout(Duration.ofSeconds(-1))));
        assertTrue(refused(() -> WebhookNotifier.builder().retry(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .startsWith("retry.maxAttempts: "));
        assertTrue(refused(() -> WebhookNotifier.builder().retry(3, null, Duration.ofSeconds(1)))
                .startsWith("retry.initialBackoff: "));
        assertTrue(refused(() -> WebhookNotifier.builder().retry(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .startsWith("retry.maxBackoff: must not be below retry.initialBackoff"));
        assertTrue(refused(() -> WebhookVerifier.builder(Fixtures.GAS_SECRET).tolerance(Duration.ZERO)).startsWith("tolerance: "));
    }
}
