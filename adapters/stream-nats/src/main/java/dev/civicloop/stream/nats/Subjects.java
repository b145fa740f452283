package dev.civicloop.stream.nats;

import java.nio.charset.StandardCharsets;

/**
 * Subject tokens from CivicLoop ids. Ids may hold any visible character, but a NATS subject token
 * must not contain {@code .}, {@code *}, {@code >} or white space; every character outside
 * {@code [A-Za-z0-9_-]} becomes {@code ~XX} per UTF-8 byte, so distinct ids stay distinct
 * subjects ({@code T.1} → {@code T~2E1}).
 */
final class Subjects {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Subjects() {}

    static String token(String id) {
        StringBuilder out = new StringBuilder(id.length() + 8);
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                out.append((char) c);
            } else {
                out.append('~').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /**
     * {@code kind:name} ids (accounts, member streams) as two tokens, so a consumer can filter on
     * the kind ({@code civicloop.points.member.>}); an id without a colon is one token.
     */
    static String kindAndName(String id) {
        int colon = id.indexOf(':');
        if (colon <= 0 || colon == id.length() - 1) {
            return token(id);
        }
        return token(id.substring(0, colon)) + "." + token(id.substring(colon + 1));
    }

    /** A prefix of one or more dot-separated tokens, each of {@code [A-Za-z0-9_-]}. */
    static boolean validPrefix(String prefix) {
        return prefix != null && prefix.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    }
}
