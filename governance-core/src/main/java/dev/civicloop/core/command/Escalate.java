package dev.civicloop.core.command;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.TicketId;

/**
 * A supervisor raises a ticket's supervision level by hand (督办); the clock does so when a
 * deadline is missed.
 */
public record Escalate(
        CommandId commandId,
        Actor actor,
        TicketId ticketId,
        String reason)
        implements TicketCommand.OnTicket {
    public Escalate {
        Check.notNull("commandId", commandId);
        Check.notNull("actor", actor);
        Check.notNull("ticketId", ticketId);
        Check.text("reason", reason, MAX_TEXT);
    }

    @Override
    public String command() {
        return "escalate";
    }
}
