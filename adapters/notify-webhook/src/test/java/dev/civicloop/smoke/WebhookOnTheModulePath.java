package dev.civicloop.smoke;

import com.sun.net.httpserver.HttpServer;
import dev.civicloop.notify.webhook.WebhookDeliveryFailed;
import dev.civicloop.notify.webhook.WebhookEndpoint;
import dev.civicloop.notify.webhook.WebhookHeaders;
import dev.civicloop.notify.webhook.WebhookNotifier;
import dev.civicloop.notify.webhook.WebhookRejected;
import dev.civicloop.notify.webhook.WebhookVerifier;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.PermanentDeliveryFailure;
import dev.civicloop.spi.notify.Recipient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;

/**
 * Run by {@code ModulePathSmokeTest} in a child JVM whose module path holds only the webhook
 * module and its runtime dependencies: a real receiver verifies what the notifier sends (Jackson
 * writes and reads the body), and refuses a request signed with another secret.
 */
public final class WebhookOnTheModulePath {
    private static final String SECRET = "smoke-secret-0123456789";

    private WebhookOnTheModulePath() {}

    public static void main(String[] args) throws Exception {
        WebhookVerifier verifier = WebhookVerifier.of(SECRET);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status;
                try {
                    Notification n = verifier.verify(exchange.getRequestHeaders().getFirst(WebhookHeaders.TIMESTAMP),
                            exchange.getRequestHeaders().getFirst(WebhookHeaders.SIGNATURE), body);
                    System.out.println("verified " + n.id() + " " + n.recipient() + " " + n.data().get("category"));
                    status = 204;
                } catch (WebhookRejected e) {
                    System.out.println("rejected " + e.reason());
                    status = 401;
                }
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            Notification n = new Notification("T1-2-dispatched-D-gas-co", "dispatched", Recipient.department("gas-co"),
                    TicketId.of("T1"), Instant.now(), true, Map.of("category", "gas_leak"));
            WebhookNotifier.builder().endpoint(WebhookEndpoint.of(url, SECRET)).build().deliver(n);
            try {
                WebhookNotifier.builder().endpoint(WebhookEndpoint.of(url, "another-secret-9876543210")).build().deliver(n);
            } catch (PermanentDeliveryFailure e) {
                System.out.println("refused " + ((WebhookDeliveryFailed) e.getCause()).status().orElse(-1));
            }
            System.out.println("module " + WebhookNotifier.class.getModule().getName());
        } finally {
            server.stop(0);
        }
    }
}
