package dev.civicloop.spi.model;

import dev.civicloop.spi.internal.Check;

/**
 * Identifies a ticket (one report and its whole life).
 * At most 128 characters, no white space: {@code TicketId.of("…")}.
 */
public record TicketId(String value) implements Comparable<TicketId> {
    public TicketId {
        Check.id("ticketId", value);
    }

    public static TicketId of(String value) {
        return new TicketId(value);
    }

    @Override
    public int compareTo(TicketId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
