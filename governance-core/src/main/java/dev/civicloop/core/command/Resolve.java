package dev.civicloop.core.command;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.Media;
import dev.civicloop.spi.model.TicketId;
import java.util.List;

/**
 * A department finishes its part (办结) with the result and evidence.
 */
public record Resolve(
        CommandId commandId,
        Actor actor,
        TicketId ticketId,
        String result,
        List<Media> evidence)
        implements TicketCommand.OnTicket {
    public Resolve {
        Check.notNull("commandId", commandId);
        Check.notNull("actor", actor);
        Check.notNull("ticketId", ticketId);
        Check.text("result", result, MAX_TEXT);
        evidence = List.copyOf(Check.noNulls("evidence", evidence));
    }

    @Override
    public String command() {
        return "resolve";
    }
}
