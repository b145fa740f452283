package dev.civicloop.core.command;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.TicketId;

/**
 * The service centre answers a worker's grievance.
 */
public record Answer(
        CommandId commandId,
        Actor actor,
        TicketId ticketId,
        String answer)
        implements TicketCommand.OnTicket {
    public Answer {
        Check.notNull("commandId", commandId);
        Check.notNull("actor", actor);
        Check.notNull("ticketId", ticketId);
        Check.text("answer", answer, MAX_TEXT);
    }

    @Override
    public String command() {
        return "answer";
    }
}
