package dev.civicloop.webhooktest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.civicloop.notify.webhook.WebhookEndpoint;
import dev.civicloop.notify.webhook.WebhookNotifier;
import dev.civicloop.notify.webhook.WebhookRejected;
import dev.civicloop.notify.webhook.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The receiving side: a request the notifier really sent (captured by a real HTTP receiver) is
 * accepted as is, and refused once anything about it is wrong.
 */
class WebhookVerifierTest {
    private static final Instant SIGNED_AT = Instant.parse("2026-11-23T01:05:00Z");

    private Receiver receiver;
    private Receiver.Request captured;

    @BeforeEach
    void captureOneRealRequest() throws Exception {
        receiver = new Receiver();
        WebhookNotifier.builder()
                .endpoint(new WebhookEndpoint(receiver.url("/civicloop"), Fixtures.GAS_SECRET))
                .clock(Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
                .build()
                .deliver(Fixtures.gasLeakDispatched());
        captured = receiver.requests().get(0);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static WebhookVerifier verifierAt(Instant now) {
        return WebhookVerifier.builder(Fixtures.GAS_SECRET).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    }

    private static WebhookRejected.Reason refused(WebhookVerifier v, String timestamp, String signature, byte[] body) {
        return assertThrows(WebhookRejected.class, () -> v.verify(timestamp, signature, body)).reason();
    }

    @Test
    void theRequestAsSentIsAcceptedWithinFiveMinutesEitherWay() {
        assertEquals(String.valueOf(SIGNED_AT.getEpochSecond()), captured.timestamp());
        for (Duration skew : new Duration[] {Duration.ZERO, Duration.ofMinutes(5), Duration.ofMinutes(-5)}) {
            assertEquals(Fixtures.gasLeakDispatched(),
                    verifierAt(SIGNED_AT.plus(skew)).verify(captured.timestamp(), captured.signature(), captured.body()));
        }
    }

    @Test
    void aTamperedBodyIsRefused() {
        String forged = captured.bodyText().replace("\"urgent\":true", "\"urgent\":false");
        assertEquals(WebhookRejected.Reason.SIGNATURE_MISMATCH, refused(verifierAt(SIGNED_AT), captured.timestamp(),
                captured.signature(), forged.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aReplayAfterTheToleranceIsRefused() {
        assertEquals(WebhookRejected.Reason.TIMESTAMP_OUT_OF_TOLERANCE, refused(verifierAt(SIGNED_AT.plusSeconds(301)),
                captured.timestamp(), captured.signature(), captured.body()));
        WebhookVerifier lenient = WebhookVerifier.builder(Fixtures.GAS_SECRET).tolerance(Duration.ofMinutes(10))
                .clock(Clock.fixed(SIGNED_AT.plusSeconds(301), ZoneOffset.UTC)).build();
        assertEquals("T1-2-dispatched-D-gas-co",
                lenient.verify(captured.timestamp(), captured.signature(), captured.body()).id(), "a wider tolerance accepts it");
    }

    @Test
    void anOldRequestWithAFreshTimestampIsRefused() {
        String fresh = String.valueOf(SIGNED_AT.getEpochSecond() + 3600);
        assertEquals(WebhookRejected.Reason.SIGNATURE_MISMATCH, refused(verifierAt(SIGNED_AT.plusSeconds(3600)), fresh,
                captured.signature(), captured.body()), "the timestamp is signed too");
    }

    @Test
    void aRequestSignedWithAnotherSecretIsRefused() {
        WebhookVerifier community = WebhookVerifier.builder(Fixtures.COMMUNITY_SECRET)
                .clock(Clock.fixed(SIGNED_AT, ZoneOffset.UTC)).build();
        assertEquals(WebhookRejected.Reason.SIGNATURE_MISMATCH,
                refused(community, captured.timestamp(), captured.signature(), captured.body()));
    }

    @Test
    void missingOrMalformedHeadersAreRefused() {
        WebhookVerifier v = verifierAt(SIGNED_AT);
        assertEquals(WebhookRejected.Reason.MISSING_HEADER, refused(v, null, captured.signature(), captured.body()));
        assertEquals(WebhookRejected.Reason.MISSING_HEADER, refused(v, captured.timestamp(), "", captured.body()));
        assertEquals(WebhookRejected.Reason.MALFORMED_HEADER, refused(v, "yesterday", captured.signature(), captured.body()));
        assertEquals(WebhookRejected.Reason.MALFORMED_HEADER,
                refused(v, captured.timestamp(), captured.signature().substring("sha256=".length()), captured.body()));
        assertEquals(WebhookRejected.Reason.MALFORMED_HEADER,
                refused(v, captured.timestamp(), "sha256=not-hex", captured.body()));
        assertEquals(WebhookRejected.Reason.SIGNATURE_MISMATCH,
                refused(v, captured.timestamp(), captured.signature().substring(0, 21), captured.body()), "a truncated signature");
    }
}
