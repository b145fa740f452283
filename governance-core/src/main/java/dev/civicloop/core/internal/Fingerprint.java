package dev.civicloop.core.internal;

import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.CommandId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A stable digest of a command's payload (everything but its id), the same in every JVM: sets
 * are sorted and an actor counts by id, so a retry from another node matches the original.
 */
final class Fingerprint {
    private Fingerprint() {}

    static String of(Record command) {
        StringBuilder sb = new StringBuilder(command.getClass().getSimpleName());
        append(sb, command);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * {@code readable} when it fits an id (128 characters), else {@code prefix} and a SHA-256 of
     * it: still derived from the same parts, so a retry or another node derives the same id.
     */
    static String boundedId(String prefix, String readable) {
        if (readable.length() <= 128) {
            return readable;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(readable.getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void append(StringBuilder sb, Object v) {
        if (v instanceof Actor a) {
            sb.append("actor:").append(a.id().value());
        } else if (v instanceof Record r) {
            sb.append('(');
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (c.getType() == CommandId.class) {
                    continue;
                }
                sb.append(c.getName()).append('=');
                try {
                    append(sb, c.getAccessor().invoke(r));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + c, e);
                }
                sb.append(';');
            }
            sb.append(')');
        } else if (v instanceof Set<?> s) {
            TreeSet<String> sorted = new TreeSet<>();
            for (Object o : s) {
                StringBuilder e = new StringBuilder();
                append(e, o);
                sorted.add(e.toString());
            }
            sb.append(sorted);
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            for (Object o : List.copyOf(c)) {
                append(sb, o);
                sb.append(',');
            }
            sb.append(']');
        } else {
            sb.append(v == null ? "null" : v.toString().replace("\\", "\\\\").replace(";", "\\;"));
        }
    }
}
