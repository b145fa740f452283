package dev.civicloop.notify.webhook;

import dev.civicloop.spi.InvalidConfiguration;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Where notifications for some recipients go: an {@code http} or {@code https} URL and the secret
 * shared with that receiver. The secret signs every request and never appears in
 * {@link #toString()}, logs or exception messages.
 *
 * <pre>{@code
 * WebhookEndpoint gasCompany = WebhookEndpoint.of("https://hooks.gas-co.example/civicloop", System.getenv("GAS_CO_SECRET"));
 * }</pre>
 *
 * @param url absolute {@code http}/{@code https} URL with a host and no user info
 * @param secret at least 16 bytes in UTF-8; a random 32-byte value, hex or base64, is a good choice
 */
public record WebhookEndpoint(URI url, String secret) {
    /** The shortest secret accepted, in UTF-8 bytes. */
    public static final int MIN_SECRET_BYTES = 16;

    public WebhookEndpoint {
        checkUrl(url);
        checkSecret("secret", secret);
    }

    /** An endpoint from a URL string; a malformed URL is {@link InvalidConfiguration} on {@code url}. */
    public static WebhookEndpoint of(String url, String secret) {
        if (url == null || url.isBlank()) {
            throw new InvalidConfiguration("url: required, an absolute http or https URL");
        }
        try {
            return new WebhookEndpoint(new URI(url.strip()), secret);
        } catch (URISyntaxException e) {
            throw new InvalidConfiguration("url: not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
    }

    private static void checkUrl(URI url) {
        if (url == null) {
            throw new InvalidConfiguration("url: required, an absolute http or https URL");
        }
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new InvalidConfiguration("url: must be http or https, was " + redacted(url));
        }
        if (url.getHost() == null) {
            throw new InvalidConfiguration("url: needs a host, was " + redacted(url));
        }
        if (url.getRawUserInfo() != null) {
            // credentials in the URL would end up in logs; the signature authenticates the sender
            throw new InvalidConfiguration("url: must not carry user info, was " + redacted(url));
        }
    }

    static byte[] checkSecret(String field, String secret) {
        if (secret == null || secret.isBlank()) {
            throw new InvalidConfiguration(field + ": required, at least " + MIN_SECRET_BYTES + " bytes");
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new InvalidConfiguration(field + ": must be at least " + MIN_SECRET_BYTES + " bytes, was "
                    + bytes.length + " bytes");
        }
        return bytes;
    }

    /** The URL without user info, query or fragment, which may hold tokens: safe for logs. */
    static String redacted(URI url) {
        StringBuilder b = new StringBuilder();
        if (url.getScheme() != null) {
            b.append(url.getScheme()).append("://");
        }
        if (url.getHost() != null) {
            b.append(url.getHost());
            if (url.getPort() >= 0) {
                b.append(':').append(url.getPort());
            }
        }
        if (url.getRawPath() != null) {
            b.append(url.getRawPath());
        }
        if (url.getRawQuery() != null) {
            b.append("?…");
        }
        return b.toString();
    }

    byte[] secretBytes() {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[url=" + redacted(url) + ", secret=***]";
    }
}
