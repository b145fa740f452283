package dev.civicloop.core.command;

import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.TicketId;

/**
 * Grid staff confirm a report, on site or by its photo (核实).
 */
public record Verify(
        CommandId commandId,
        Actor actor,
        TicketId ticketId,
        VerificationMethod method,
        String note)
        implements TicketCommand.OnTicket {
    public Verify {
        Check.notNull("commandId", commandId);
        Check.notNull("actor", actor);
        Check.notNull("ticketId", ticketId);
        Check.notNull("method", method);
        Check.optionalText("note", note, MAX_TEXT);
    }

    @Override
    public String command() {
        return "verify";
    }
}
