package dev.civicloop.spi.model;

import dev.civicloop.spi.internal.Check;

/**
 * Identifies a person or system acting on tickets (member, staff, handler, the clock).
 * At most 128 characters, no white space: {@code ActorId.of("…")}.
 */
public record ActorId(String value) implements Comparable<ActorId> {
    public ActorId {
        Check.id("actorId", value);
    }

    public static ActorId of(String value) {
        return new ActorId(value);
    }

    @Override
    public int compareTo(ActorId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
