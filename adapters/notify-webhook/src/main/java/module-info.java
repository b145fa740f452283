/**
 * A notifier that delivers CivicLoop notifications as signed JSON POSTs (HMAC-SHA256 over the
 * timestamp and the body) on the JDK's HTTP client, with timeouts and retries; and the verifier a
 * receiver uses to check them. Jackson writes the body through its tree API, so nothing is opened.
 */
module dev.civicloop.notify.webhook {
    requires transitive dev.civicloop.spi;
    requires java.net.http;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.civicloop.notify.webhook;
}
