package dev.civicloop.core.command;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.TicketId;

/**
 * The unsatisfied reporter reopens the ticket (重办).
 */
public record Reopen(
        CommandId commandId,
        Actor actor,
        TicketId ticketId,
        String reason)
        implements TicketCommand.OnTicket {
    public Reopen {
        Check.notNull("commandId", commandId);
        Check.notNull("actor", actor);
        Check.notNull("ticketId", ticketId);
        Check.text("reason", reason, MAX_TEXT);
    }

    @Override
    public String command() {
        return "reopen";
    }
}
