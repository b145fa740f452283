package dev.civicloop.points.internal;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.ledger.PostingId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Derived posting and notification ids, and the validation of the points module's own values. */
public final class Ids {
    /** Reservation ids leave room for the prefixes of the postings derived from them. */
    public static final int MAX_RESERVATION_ID = 100;

    private Ids() {}

    public static PostingId hold(String reservation) {
        return PostingId.of("reserve:" + reservation);
    }

    public static PostingId holdUnit(String reservation) {
        return PostingId.of("reserve:" + reservation + ":unit");
    }

    /** Fulfilment and release share this id, so the store lets only one of them happen. */
    public static PostingId close(String reservation) {
        return PostingId.of("close:" + reservation);
    }

    public static PostingId closeUnit(String reservation) {
        return PostingId.of("close:" + reservation + ":unit");
    }

    /** The id of the n-th expiry (0 = first) of a member's lot; a hash when the readable one is too long. */
    public static PostingId expiry(String member, PostingId lot, int n) {
        String readable = "expire:" + member + ":" + lot.value() + (n == 0 ? "" : "#" + (n + 1));
        if (readable.length() <= 128) {
            return PostingId.of(readable);
        }
        return PostingId.of("expire:" + sha256(member + "\n" + lot.value() + "\n" + n));
    }

    /**
     * The id of the notification a posting causes, {@code <topic>:<posting id>}: derived, so a
     * replay cannot add a second one; a hash of the posting id when the readable one is too long.
     */
    public static String notification(String topic, PostingId posting) {
        String readable = topic + ":" + posting.value();
        return readable.length() <= 128 ? readable : topic + ":" + sha256(posting.value());
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** An identifier: 1..max characters, no white space or control characters. */
    public static String id(String field, String value, int max) {
        text(field, value, max);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new InvalidInput(field, "must not contain white space or control characters, was '" + value + "'");
            }
        }
        return value;
    }

    /** An item code: letters, digits, '.', '_' or '-', at most 64. */
    public static String code(String field, String value) {
        text(field, value, 64);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-'))) {
                throw new InvalidInput(field, "must use only ASCII letters, digits, '.', '_' or '-', was '" + value + "'");
            }
        }
        return value;
    }

    public static String text(String field, String value, int max) {
        if (value == null) {
            throw new InvalidInput(field, "is required");
        }
        if (value.isBlank()) {
            throw new InvalidInput(field, "must not be blank");
        }
        if (value.length() > max) {
            throw new InvalidInput(field, "must be at most " + max + " characters, was " + value.length());
        }
        return value;
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidInput(field, "is required");
        }
        return value;
    }
}
