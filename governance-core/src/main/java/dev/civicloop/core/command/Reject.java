package dev.civicloop.core.command;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.TicketId;

/**
 * The street rejects a ticket, with the reason.
 */
public record Reject(
        CommandId commandId,
        Actor actor,
        TicketId ticketId,
        String reason)
        implements TicketCommand.OnTicket {
    public Reject {
        Check.notNull("commandId", commandId);
        Check.notNull("actor", actor);
        Check.notNull("ticketId", ticketId);
        Check.text("reason", reason, MAX_TEXT);
    }

    @Override
    public String command() {
        return "reject";
    }
}
