package dev.civicloop.spi.event;

import dev.civicloop.spi.model.TicketId;

/** The ticket was merged into another open ticket; its reporter follows that one. */
public record TicketMerged(TicketId into) implements TicketEvent {
    @Override
    public String command() {
        return "merge";
    }
}
