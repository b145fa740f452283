package dev.civicloop.core.command;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.TicketId;

/**
 * A department accepts its part (接单); in the grievance workflow, the service centre accepts the
 * grievance.
 */
public record Accept(
        CommandId commandId,
        Actor actor,
        TicketId ticketId)
        implements TicketCommand.OnTicket {
    public Accept {
        Check.notNull("commandId", commandId);
        Check.notNull("actor", actor);
        Check.notNull("ticketId", ticketId);
    }

    @Override
    public String command() {
        return "accept";
    }
}
