package dev.civicloop.spi.event;

import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.TicketId;

/**
 * Another report was merged into this ticket ("me too"); its reporter gets this ticket's
 * feedback.
 */
public record MeTooAdded(
        TicketId duplicate,
        ActorId reporter,
        int meTooCount)
        implements TicketEvent {
    @Override
    public String command() {
        return "merge";
    }
}
