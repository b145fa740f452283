package dev.civicloop.members;

import dev.civicloop.spi.InvalidInput;
import java.util.regex.Pattern;

/** Validation shared by the team, task and activity values; every failure is an {@link InvalidInput}. */
final class TaskText {
    /** A mainland mobile number or a resident ID number, once spaces and hyphens are taken out. */
    private static final Pattern PERSONAL_NUMBER = Pattern.compile("(?<!\\d)(1[3-9]\\d{9}|\\d{17}[\\dXx])(?!\\d)");

    private TaskText() {}

    static String id(String field, String value) {
        text(field, value, 100);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new InvalidInput(field, "must not contain white space or control characters");
            }
        }
        return value;
    }

    static String text(String field, String value, int maxLength) {
        if (value == null) {
            throw new InvalidInput(field, "is required");
        }
        if (value.isBlank()) {
            throw new InvalidInput(field, "must not be blank");
        }
        if (value.length() > maxLength) {
            throw new InvalidInput(field, "must be at most " + maxLength + " characters, was " + value.length());
        }
        return value;
    }

    /**
     * Text that is kept in event streams, which are never erased: it must not carry a phone or ID
     * number (a resident is named by a pseudonymous reference the community keeps elsewhere).
     */
    static String publicText(String field, String value, int maxLength) {
        text(field, value, maxLength);
        if (PERSONAL_NUMBER.matcher(value.replaceAll("[\\s-]", "")).find()) {
            throw new InvalidInput(field, "must not contain a phone or ID number (use a pseudonymous reference for the resident)");
        }
        return value;
    }

    static String optionalPublicText(String field, String value, int maxLength) {
        return value == null ? null : publicText(field, value, maxLength);
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidInput(field, "is required");
        }
        return value;
    }
}
