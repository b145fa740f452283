package dev.civicloop.spi.store;

import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.DuplicateCommand;
import dev.civicloop.spi.event.EventEnvelope;
import dev.civicloop.spi.event.StoredEvent;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.TicketId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where tickets live: an append-only event log per ticket, with the notifications those events
 * cause (a transactional outbox), the command ids already applied, and a summary row per ticket
 * for queries. Implementations must be thread-safe. A JDBC store maps each part to a table and
 * commits one {@link #append} in one transaction.
 *
 * <p>Prove an implementation with {@code dev.civicloop.tck.TicketStoreCompatibilityKit}.
 */
public interface TicketStore {

    /**
     * Appends events to one ticket, all or nothing, together with the outbox notifications they
     * cause, the command record and the new summary.
     *
     * @throws ConcurrencyConflict if the ticket is not at {@link AppendRequest#expectedVersion()}
     *     (0 for a new ticket); nothing is stored
     * @throws DuplicateCommand if the request's command id is already recorded; nothing is stored
     */
    AppendResult append(AppendRequest request);

    /** The ticket's events in version order; empty if the ticket does not exist. */
    List<EventEnvelope> load(TicketId ticketId);

    /** The record of an applied command, if it is still retained. */
    Optional<CommandRecord> findCommand(CommandId commandId);

    /** Forgets command records older than the cut-off; returns how many were removed. */
    int purgeCommands(Instant recordedBefore);

    /** Ticket summaries matching the query, in (reportedAt, ticketId) order, one page at a time. */
    Page<TicketSummary> query(TicketQuery query);

    /**
     * Events of all tickets with a global position greater than {@code afterPosition}, in position
     * order, at most {@code limit}. Never skips an event committed after a later position was
     * read: a reader that resumes from the last position it saw sees every event exactly once.
     */
    List<StoredEvent> readAfter(long afterPosition, int limit);
}
