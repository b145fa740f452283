package dev.civicloop.members.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal numbers inside free text a person typed (a refusal or suspension reason, a
 * verifier's message) before it is stored in an event, shown or logged: a mainland mobile number
 * becomes {@code 138****5678}, a resident ID number keeps its first 6 and last 4 characters.
 * Events are never erased, so whatever they hold must already be safe to keep.
 */
public final class Masking {
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z])(\\d{6})\\d{8}(\\d{3}[\\dXx])(?![0-9A-Za-z])");
    private static final Pattern PHONE = Pattern.compile("(?<!\\d)(1\\d{2})\\d{4}(\\d{4})(?!\\d)");

    private Masking() {}

    /** The text with every phone and ID number in it masked; null stays null. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        String s = ID_NUMBER.matcher(text).replaceAll("$1********$2");
        Matcher m = PHONE.matcher(s);
        return m.replaceAll("$1****$2");
    }
}
