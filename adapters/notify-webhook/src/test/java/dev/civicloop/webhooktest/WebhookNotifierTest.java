package dev.civicloop.webhooktest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.notify.webhook.WebhookDeliveryFailed;
import dev.civicloop.notify.webhook.WebhookEndpoint;
import dev.civicloop.notify.webhook.WebhookNotifier;
import dev.civicloop.notify.webhook.WebhookVerifier;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.PermanentDeliveryFailure;
import dev.civicloop.spi.notify.Recipient;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The notifier against a real HTTP receiver on a loopback port. */
class WebhookNotifierTest {
    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private WebhookNotifier.Builder toReceiver(String secret) {
        return WebhookNotifier.builder()
                .endpoint(new WebhookEndpoint(receiver.url("/civicloop"), secret))
                .retry(3, Duration.ofMillis(10), Duration.ofMillis(40));
    }

    @Test
    void gasCompanyReceivesTheDispatchAsSignedJsonAndVerifiesIt() throws Exception {
        Notification sent = Fixtures.gasLeakDispatched();
        toReceiver(Fixtures.GAS_SECRET).build().deliver(sent);

        List<Receiver.Request> got = receiver.requests();
        assertEquals(1, got.size());
        Receiver.Request r = got.get(0);
        assertEquals("POST", r.method());
        assertEquals("/civicloop", r.path());
        assertEquals("application/json; charset=utf-8", r.contentType());
        assertEquals(sent.id(), r.id(), "X-CivicLoop-Id is the notification id");
        assertTrue(r.signature().matches("sha256=[0-9a-f]{64}"), r.signature());
        long signedAt = Long.parseLong(r.timestamp());
        long now = Instant.now().getEpochSecond();
        assertTrue(Math.abs(now - signedAt) < 300, "timestamp is epoch seconds: " + r.timestamp());

        // the documented recipe, as a receiver in any language would compute it
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Fixtures.GAS_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((r.timestamp() + ".").getBytes(StandardCharsets.UTF_8));
        assertEquals("sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body())), r.signature());

        Notification received = WebhookVerifier.of(Fixtures.GAS_SECRET).verify(r.timestamp(), r.signature(), r.body());
        assertEquals(sent, received, "the body carries the whole notification, Chinese text included");
        String json = r.bodyText();
        for (String field : List.of("\"id\":", "\"topic\":\"dispatched\"", "\"recipient\":{\"kind\":\"DEPARTMENT\",\"id\":\"gas-co\"}",
                "\"ticketId\":\"T1\"", "\"createdAt\":\"2026-11-23T01:05:00Z\"", "\"urgent\":true", "\"data\":{")) {
            assertTrue(json.contains(field), field + " in " + json);
        }
    }

    @Test
    void pointsAwardedToARiderAreAboutNoTicketAndCarryANullTicketId() throws Exception {
        Notification sent = new Notification("points-awarded:verified-report:T1@3", "points-awarded",
                Recipient.actor("wang-bin"), null, Instant.parse("2026-11-23T01:05:00Z"), false,
                Map.of("points", "10", "rule", "verified-report"));
        toReceiver(Fixtures.GAS_SECRET).build().deliver(sent);

        Receiver.Request r = receiver.requests().get(0);
        assertTrue(r.bodyText().contains("\"ticketId\":null"), r.bodyText());
        assertEquals(sent, WebhookVerifier.of(Fixtures.GAS_SECRET).verify(r.timestamp(), r.signature(), r.body()));
    }

    @Test
    void aReceiverAnswering503TwiceGetsTheSameNotificationOnTheThirdAttempt() throws Exception {
        receiver.script(503, 503);
        Notification sent = Fixtures.gasLeakDispatched();
        toReceiver(Fixtures.GAS_SECRET).build().deliver(sent);

        List<Receiver.Request> got = receiver.requests();
        assertEquals(List.of(503, 503, 204), got.stream().map(Receiver.Request::answered).toList());
        WebhookVerifier verifier = WebhookVerifier.of(Fixtures.GAS_SECRET);
        for (Receiver.Request r : got) {
            assertEquals(sent.id(), r.id(), "every attempt carries the same id, so the receiver can de-duplicate");
            assertEquals(sent, verifier.verify(r.timestamp(), r.signature(), r.body()), "every attempt is signed");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 425, 429, 500, 502, 503, 504})
    void transientFailuresAreRetriedWithinOneDelivery(int status) throws Exception {
        receiver.script(status);
        toReceiver(Fixtures.GAS_SECRET).build().deliver(Fixtures.gasLeakDispatched());
        assertEquals(List.of(status, 204), receiver.requests().stream().map(Receiver.Request::answered).toList());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410, 422})
    void aRefusalIsNotRetriedAndFailsPermanently(int status) {
        receiver.script(status);
        WebhookNotifier notifier = toReceiver(Fixtures.GAS_SECRET).build();
        PermanentDeliveryFailure permanent = assertThrows(PermanentDeliveryFailure.class,
                () -> notifier.deliver(Fixtures.gasLeakDispatched()));
        WebhookDeliveryFailed e = assertInstanceOf(WebhookDeliveryFailed.class, permanent.getCause(),
                "the cause carries the status");
        assertEquals(e.getMessage(), permanent.getMessage());
        assertEquals(1, receiver.requests().size(), "one request only");
        assertEquals(status, e.status().orElseThrow());
        assertEquals(1, e.attempts());
        assertFalse(e.retryable());
        assertEquals("T1-2-dispatched-D-gas-co", e.notificationId());
        assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
    }

    @Test
    void aReceiverThatKeepsFailingGetsMaxAttemptsThenTheDeliveryFails() {
        receiver.answer(503);
        WebhookNotifier notifier = toReceiver(Fixtures.GAS_SECRET).build();
        WebhookDeliveryFailed e = assertThrows(WebhookDeliveryFailed.class, () -> notifier.deliver(Fixtures.gasLeakDispatched()));
        assertEquals(3, receiver.requests().size());
        assertEquals(3, e.attempts());
        assertEquals(503, e.status().orElseThrow());
        assertTrue(e.retryable());
    }

    @Test
    void aReceiverThatNeverAnswersIsCutOffByTheRequestTimeout() throws Exception {
        receiver.hang();
        WebhookNotifier notifier = WebhookNotifier.builder()
                .endpoint(new WebhookEndpoint(receiver.url("/slow"), Fixtures.GAS_SECRET))
                .requestTimeout(Duration.ofMillis(300))
                .retry(2, Duration.ofMillis(10), Duration.ofMillis(10))
                .build();
        WebhookDeliveryFailed e = assertThrows(WebhookDeliveryFailed.class, () -> notifier.deliver(Fixtures.gasLeakDispatched()));
        assertInstanceOf(HttpTimeoutException.class, e.getCause());
        assertEquals(2, e.attempts(), "a timeout is retried");
        assertTrue(e.retryable());
        assertTrue(e.status().isEmpty(), "no answer, no status");
        assertEquals(2, receiver.awaitRequests(2).size());
    }

    @Test
    void anUnreachableReceiverIsRetriedThenTheDeliveryFails() throws Exception {
        URI nobody = URI.create("http://127.0.0.1:" + Fixtures.closedPort() + "/civicloop");
        WebhookNotifier notifier = WebhookNotifier.builder()
                .endpoint(new WebhookEndpoint(nobody, Fixtures.GAS_SECRET))
                .retry(2, Duration.ofMillis(10), Duration.ofMillis(10))
                .build();
        WebhookDeliveryFailed e = assertThrows(WebhookDeliveryFailed.class, () -> notifier.deliver(Fixtures.gasLeakDispatched()));
        assertInstanceOf(ConnectException.class, e.getCause());
        assertEquals(2, e.attempts());
        assertTrue(e.retryable());
    }

    @Test
    void eachRecipientGoesToItsOwnEndpointSignedWithItsOwnSecret() throws Exception {
        WebhookEndpoint gas = new WebhookEndpoint(receiver.url("/departments/gas-co"), Fixtures.GAS_SECRET);
        WebhookEndpoint community = new WebhookEndpoint(receiver.url("/units/yuanhang"), Fixtures.COMMUNITY_SECRET);
        WebhookNotifier notifier = WebhookNotifier.builder()
                .route(r -> r.kind() == Recipient.Kind.DEPARTMENT ? gas : r.kind() == Recipient.Kind.ORG_UNIT ? community : null)
                .build();
        Notification toGas = Fixtures.gasLeakDispatched();
        Notification toCommunity = new Notification("T1-2-dispatched-O-yuanhang", "dispatched", Recipient.orgUnit("yuanhang"),
                TicketId.of("T1"), toGas.createdAt(), true, toGas.data());
        notifier.deliver(toGas);
        notifier.deliver(toCommunity);

        List<Receiver.Request> got = receiver.requests();
        assertEquals(List.of("/departments/gas-co", "/units/yuanhang"), got.stream().map(Receiver.Request::path).toList());
        assertEquals(toGas, WebhookVerifier.of(Fixtures.GAS_SECRET).verify(got.get(0).timestamp(), got.get(0).signature(),
                got.get(0).body()));
        assertEquals(toCommunity, WebhookVerifier.of(Fixtures.COMMUNITY_SECRET).verify(got.get(1).timestamp(),
                got.get(1).signature(), got.get(1).body()));

        Notification toRider = new Notification("T1-9-resolved-A-wang-bin", "resolved", Recipient.actor("wang-bin"),
                TicketId.of("T1"), toGas.createdAt(), false, Map.of());
        WebhookDeliveryFailed e = assertThrows(WebhookDeliveryFailed.class, () -> notifier.deliver(toRider));
        assertEquals(0, e.attempts(), "no route, no request");
        assertTrue(e.getMessage().contains("actor:wang-bin"), e.getMessage());
        assertEquals(2, receiver.requests().size());
    }

    @Test
    void theSecretNeverAppearsInMessages() {
        receiver.answer(400);
        WebhookEndpoint endpoint = new WebhookEndpoint(receiver.url("/civicloop"), Fixtures.GAS_SECRET);
        assertFalse(endpoint.toString().contains(Fixtures.GAS_SECRET), endpoint.toString());
        WebhookNotifier notifier = WebhookNotifier.builder().endpoint(endpoint).build();
        PermanentDeliveryFailure e = assertThrows(PermanentDeliveryFailure.class,
                () -> notifier.deliver(Fixtures.gasLeakDispatched()));
        assertFalse(e.toString().contains(Fixtures.GAS_SECRET), e.toString());
        assertFalse(e.getCause().toString().contains(Fixtures.GAS_SECRET), e.getCause().toString());
    }
}
