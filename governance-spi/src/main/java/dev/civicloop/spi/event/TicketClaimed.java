package dev.civicloop.spi.event;

import dev.civicloop.spi.model.OrgUnitId;

/** The assigned community claimed the ticket (领单). */
public record TicketClaimed(OrgUnitId community) implements TicketEvent {
    @Override
    public String command() {
        return "claim";
    }
}
