package dev.civicloop.core.command;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.TicketId;

/**
 * The street merges a ticket into another open ticket; its reporter then follows that one ("me
 * too").
 */
public record Merge(
        CommandId commandId,
        Actor actor,
        TicketId ticketId,
        TicketId into)
        implements TicketCommand.OnTicket {
    public Merge {
        Check.notNull("commandId", commandId);
        Check.notNull("actor", actor);
        Check.notNull("ticketId", ticketId);
        Check.notNull("into", into);
    }

    @Override
    public String command() {
        return "merge";
    }
}
