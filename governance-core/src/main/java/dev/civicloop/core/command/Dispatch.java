package dev.civicloop.core.command;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.TicketId;
import java.util.List;

/**
 * The street dispatches a ticket (派单) to a community and departments, lead first, with the
 * reason.
 */
public record Dispatch(
        CommandId commandId,
        Actor actor,
        TicketId ticketId,
        OrgUnitId community,
        DepartmentId lead,
        List<DepartmentId> coHandlers,
        String reason)
        implements TicketCommand.OnTicket {
    public Dispatch {
        Check.notNull("commandId", commandId);
        Check.notNull("actor", actor);
        Check.notNull("ticketId", ticketId);
        Check.notNull("community", community);
        Check.notNull("lead", lead);
        coHandlers = List.copyOf(Check.noNulls("coHandlers", coHandlers));
        Check.text("reason", reason, MAX_TEXT);
    }

    @Override
    public String command() {
        return "dispatch";
    }
}
