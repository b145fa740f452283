package dev.civicloop.core.command;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.TicketId;

/**
 * The community or a department sends the ticket back to the street (退单), with the reason.
 */
public record Return(
        CommandId commandId,
        Actor actor,
        TicketId ticketId,
        String reason)
        implements TicketCommand.OnTicket {
    public Return {
        Check.notNull("commandId", commandId);
        Check.notNull("actor", actor);
        Check.notNull("ticketId", ticketId);
        Check.text("reason", reason, MAX_TEXT);
    }

    @Override
    public String command() {
        return "return";
    }
}
