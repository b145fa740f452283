package dev.civicloop.core.command;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.TicketId;

/**
 * Community staff claim a dispatched ticket for their community (领单).
 */
public record Claim(
        CommandId commandId,
        Actor actor,
        TicketId ticketId)
        implements TicketCommand.OnTicket {
    public Claim {
        Check.notNull("commandId", commandId);
        Check.notNull("actor", actor);
        Check.notNull("ticketId", ticketId);
    }

    @Override
    public String command() {
        return "claim";
    }
}
