package dev.civicloop.spi.event;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import java.time.Instant;

/**
 * One event of one ticket with its metadata: the ticket's version after it (1 for the report),
 * when, who, which command, and the state the ticket is in after it.
 */
public record EventEnvelope(
        TicketId ticketId,
        long version,
        Instant occurredAt,
        ActorId actor,
        CommandId commandId,
        TicketState state,
        TicketEvent event) {
    public EventEnvelope {
        Check.notNull("ticketId", ticketId);
        Check.notNull("occurredAt", occurredAt);
        Check.notNull("actor", actor);
        Check.notNull("commandId", commandId);
        Check.notNull("state", state);
        Check.notNull("event", event);
        if (version < 1) {
            throw new dev.civicloop.spi.InvalidInput("version", "must be 1 or more, was " + version);
        }
    }
}
