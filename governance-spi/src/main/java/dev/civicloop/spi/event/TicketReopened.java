package dev.civicloop.spi.event;

import java.time.Instant;

/**
 * The reporter was unsatisfied and the ticket was reopened (重办); redoCount counts every
 * reopening; the due instants of the restarted deadlines travel with it.
 */
public record TicketReopened(String reason, int redoCount, Instant claimDueAt, Instant resolveDueAt)
        implements TicketEvent {
    @Override
    public String command() {
        return "reopen";
    }
}
