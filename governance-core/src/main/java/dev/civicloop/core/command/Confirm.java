package dev.civicloop.core.command;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.Satisfaction;
import dev.civicloop.spi.model.TicketId;

/**
 * The reporter confirms the result with their satisfaction (反馈).
 */
public record Confirm(
        CommandId commandId,
        Actor actor,
        TicketId ticketId,
        Satisfaction satisfaction,
        String comment)
        implements TicketCommand.OnTicket {
    public Confirm {
        Check.notNull("commandId", commandId);
        Check.notNull("actor", actor);
        Check.notNull("ticketId", ticketId);
        Check.notNull("satisfaction", satisfaction);
        Check.optionalText("comment", comment, MAX_TEXT);
    }

    @Override
    public String command() {
        return "confirm";
    }
}
