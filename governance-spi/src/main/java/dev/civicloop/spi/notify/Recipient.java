package dev.civicloop.spi.notify;

import dev.civicloop.spi.internal.Check;

/** Who a notification is for: an org unit (its duty staff), a department, or one person. */
public record Recipient(Kind kind, String id) {
    public enum Kind {
        ORG_UNIT,
        DEPARTMENT,
        ACTOR
    }

    public Recipient {
        Check.notNull("kind", kind);
        Check.id("id", id);
    }

    public static Recipient orgUnit(String id) {
        return new Recipient(Kind.ORG_UNIT, id);
    }

    public static Recipient department(String id) {
        return new Recipient(Kind.DEPARTMENT, id);
    }

    public static Recipient actor(String id) {
        return new Recipient(Kind.ACTOR, id);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
