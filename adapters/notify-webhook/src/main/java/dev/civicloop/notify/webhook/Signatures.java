package dev.civicloop.notify.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over {@code "<timestamp>.<body>"}, shared by the notifier and the verifier. */
final class Signatures {
    private static final String ALGORITHM = "HmacSHA256";

    private Signatures() {}

    static byte[] sign(byte[] secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update(Long.toString(timestamp).getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            // every Java SE platform must provide HmacSHA256
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static String header(byte[] secret, long timestamp, byte[] body) {
        return WebhookHeaders.SIGNATURE_PREFIX + HexFormat.of().formatHex(sign(secret, timestamp, body));
    }
}
