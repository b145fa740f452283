package dev.civicloop.spi.internal;

import dev.civicloop.spi.InvalidInput;
import java.util.Collection;

/** Validation helpers shared by the value records; every failure is an {@link InvalidInput}. */
public final class Check {
    private Check() {}

    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new InvalidInput(field, "is required");
        }
        return value;
    }

    public static String text(String field, String value, int maxLength) {
        notNull(field, value);
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

    public static <C extends Collection<?>> C noNulls(String field, C values) {
        notNull(field, values);
        int i = 0;
        for (Object v : values) {
            if (v == null) {
                throw new InvalidInput(field + "[" + i + "]", "is required");
            }
            i++;
        }
        return values;
    }

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
}
