package dev.civicloop.core.command;

import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.TicketId;

/**
 * A request to change a ticket, issued by an actor under a caller-chosen command id. The id is
 * the idempotency key: sending the same command again returns the first result and changes
 * nothing; the same id with another payload is refused.
 *
 * <pre>{@code
 * engine.handle(new Claim(CommandId.of("c-42"), communityStaff, ticketId));
 * }</pre>
 */
public sealed interface TicketCommand permits Report, TicketCommand.OnTicket {
    /** The longest reason, note or result a command may carry. */
    int MAX_TEXT = 2000;

    CommandId commandId();

    Actor actor();

    /** The workflow command name ({@code report}, {@code claim}, …). */
    String command();

    /** A command on an existing ticket. */
    sealed interface OnTicket extends TicketCommand
            permits Verify, RejectAsFalse, Dispatch, Claim, Accept, Return, NoteProgress, Resolve, Answer, Confirm, Reopen, Reject, Merge, Cancel, Escalate {
        TicketId ticketId();
    }
}
