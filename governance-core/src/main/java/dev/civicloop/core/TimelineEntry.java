package dev.civicloop.core;

import dev.civicloop.spi.event.TicketEvent;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.TicketState;
import java.time.Instant;
import java.util.Locale;

/**
 * One step of a ticket's history: when, who, what ({@code event}) and the state after it. A
 * reporter's app shows these; {@link #describe(Locale)} gives a line in Chinese or English.
 */
public record TimelineEntry(long version, Instant at, ActorId actor, TicketState state, TicketEvent event) {

    /** The command's label, e.g. "派单" / "dispatched". */
    public String label(Locale locale) {
        return Labels.command(event.command(), locale);
    }

    /** One line: label, state, and the event's details (reason, department, result…). */
    public String describe(Locale locale) {
        return Labels.describe(this, locale);
    }
}
