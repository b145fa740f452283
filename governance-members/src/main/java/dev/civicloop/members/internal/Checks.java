package dev.civicloop.members.internal;

import dev.civicloop.spi.InvalidInput;

/** Validation helpers of this module; every failure is an {@link InvalidInput} naming the field, never the value. */
public final class Checks {
    private Checks() {}

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidInput(field, "is required");
        }
        return value;
    }

    public static String text(String field, String value, int maxLength) {
        required(field, value);
        if (value.isBlank()) {
            throw new InvalidInput(field, "must not be blank");
        }
        if (value.length() > maxLength) {
            throw new InvalidInput(field, "must be at most " + maxLength + " characters, was " + value.length());
        }
        return value;
    }

    public static String optionalText(String field, String value, int maxLength) {
        return value == null ? null : text(field, value, maxLength);
    }

    /** An id: at most 128 characters, no white space or control characters. */
    public static String id(String field, String value) {
        text(field, value, 128);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new InvalidInput(field, "must not contain white space or control characters");
            }
        }
        return value;
    }

    public static String optionalId(String field, String value) {
        return value == null ? null : id(field, value);
    }
}
