package dev.civicloop.core.command;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.TicketId;

/**
 * Grid staff reject a report as false.
 */
public record RejectAsFalse(
        CommandId commandId,
        Actor actor,
        TicketId ticketId,
        String reason)
        implements TicketCommand.OnTicket {
    public RejectAsFalse {
        Check.notNull("commandId", commandId);
        Check.notNull("actor", actor);
        Check.notNull("ticketId", ticketId);
        Check.text("reason", reason, MAX_TEXT);
    }

    @Override
    public String command() {
        return "reject_as_false";
    }
}
