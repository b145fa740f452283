package dev.civicloop.core.command;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.TicketId;

/**
 * A department notes progress on a ticket in handling.
 */
public record NoteProgress(
        CommandId commandId,
        Actor actor,
        TicketId ticketId,
        String note)
        implements TicketCommand.OnTicket {
    public NoteProgress {
        Check.notNull("commandId", commandId);
        Check.notNull("actor", actor);
        Check.notNull("ticketId", ticketId);
        Check.text("note", note, MAX_TEXT);
    }

    @Override
    public String command() {
        return "note_progress";
    }
}
