package dev.civicloop.spi.event;

import dev.civicloop.spi.model.DepartmentId;

/**
 * The community or a department sent the ticket back to the street (退单), with a reason;
 * returnCount counts every return of the ticket.
 */
public record TicketReturned(
        DepartmentId department,
        String reason,
        int returnCount)
        implements TicketEvent {
    @Override
    public String command() {
        return "return";
    }
}
