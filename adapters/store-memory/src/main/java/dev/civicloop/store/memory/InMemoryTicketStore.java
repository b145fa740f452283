package dev.civicloop.store.memory;

import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.DuplicateCommand;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.event.EventEnvelope;
import dev.civicloop.spi.event.StoredEvent;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.store.AppendRequest;
import dev.civicloop.spi.store.AppendResult;
import dev.civicloop.spi.store.CommandRecord;
import dev.civicloop.spi.store.DeadLetter;
import dev.civicloop.spi.store.OutboxEntry;
import dev.civicloop.spi.store.OutboxStore;
import dev.civicloop.spi.store.Page;
import dev.civicloop.spi.store.TicketQuery;
import dev.civicloop.spi.store.TicketStore;
import dev.civicloop.spi.store.TicketSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link TicketStore} and {@link OutboxStore} that keeps tickets, the global event feed, command
 * records and the outbox in memory. Thread-safe: every operation runs under one lock, so an
 * append is atomic and global positions (1, 2, 3, …) follow commit order exactly. Nothing
 * survives the JVM; use it for tests, demos and single-process embedding.
 *
 * <pre>{@code
 * InMemoryTicketStore store = new InMemoryTicketStore();
 * GovernanceEngine engine = GovernanceEngine.builder()
 *         .store(store)            // also the outbox, since it implements OutboxStore
 *         .orgUnits(orgTree).departments(departments).categories(categories)
 *         .build();
 * long waiting = store.pendingCount();
 * }</pre>
 *
 * <p>The outbox is an {@link InMemoryOutbox}; this store's {@link OutboxStore} methods are its.
 * Beyond the SPI's contract: a notification id that is already in the outbox (pending, dead or
 * delivered) makes an append fail with {@link InvalidInput}, as a primary key would in a database.
 */
public final class InMemoryTicketStore implements TicketStore, OutboxStore {

    private final ReentrantLock lock = new ReentrantLock();
    private final InMemoryOutbox outbox;

    // All fields below are guarded by lock.
    private final Map<TicketId, List<EventEnvelope>> tickets = new HashMap<>();
    private final List<StoredEvent> feed = new ArrayList<>();
    private final Map<CommandId, CommandRecord> commands = new HashMap<>();
    private final Map<TicketId, TicketSummary> summaries = new HashMap<>();

    /** An empty store with an outbox of its own. */
    public InMemoryTicketStore() {
        this(new InMemoryOutbox());
    }

    /**
     * An empty store writing its notifications to {@code outbox}, which an
     * {@link InMemoryLedgerStore} may share, so the engine delivers both from this store.
     */
    public InMemoryTicketStore(InMemoryOutbox outbox) {
        required("outbox", outbox);
        this.outbox = outbox;
    }

    @Override
    public AppendResult append(AppendRequest request) {
        required("request", request);
        lock.lock();
        try {
            TicketId id = request.ticketId();
            List<EventEnvelope> history = tickets.get(id);
            long current = history == null ? 0 : history.size();
            if (current != request.expectedVersion()) {
                throw new ConcurrencyConflict(id.value(), request.expectedVersion(), current);
            }
            CommandRecord command = request.command();
            if (command != null && commands.containsKey(command.commandId())) {
                CommandRecord prior = commands.get(command.commandId());
                throw new DuplicateCommand(command.commandId().value(),
                        "was already applied to ticket " + prior.ticketId() + " (version " + prior.version() + ")");
            }
            // Every check of this store passed; the outbox checks its ids, then runs the writes below
            // (which cannot fail) and adds the notifications: the append is all or nothing.
            outbox.append(request.notifications(), () -> {
                List<EventEnvelope> events = tickets.computeIfAbsent(id, k -> new ArrayList<>());
                for (EventEnvelope e : request.events()) {
                    events.add(e);
                    feed.add(new StoredEvent(feed.size() + 1L, e));
                }
                if (command != null) {
                    commands.put(command.commandId(), command);
                }
                summaries.put(id, request.summary());
            });
            return new AppendResult(request.newVersion(), feed.size());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<EventEnvelope> load(TicketId ticketId) {
        required("ticketId", ticketId);
        lock.lock();
        try {
            List<EventEnvelope> history = tickets.get(ticketId);
            return history == null ? List.of() : List.copyOf(history);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<CommandRecord> findCommand(CommandId commandId) {
        required("commandId", commandId);
        lock.lock();
        try {
            return Optional.ofNullable(commands.get(commandId));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int purgeCommands(Instant recordedBefore) {
        required("recordedBefore", recordedBefore);
        lock.lock();
        try {
            int removed = 0;
            for (Iterator<CommandRecord> it = commands.values().iterator(); it.hasNext(); ) {
                if (it.next().recordedAt().isBefore(recordedBefore)) {
                    it.remove();
                    removed++;
                }
            }
            return removed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Page<TicketSummary> query(TicketQuery query) {
        required("query", query);
        TicketQuery.Cursor after = query.after() == null ? null : TicketQuery.Cursor.parse(query.after());
        List<TicketSummary> matching = new ArrayList<>();
        lock.lock();
        try {
            for (TicketSummary s : summaries.values()) {
                if (query.matches(s) && (after == null || TicketQuery.Cursor.of(s).compareTo(after) > 0)) {
                    matching.add(s);
                }
            }
        } finally {
            lock.unlock();
        }
        // Summaries are immutable records, so sorting and paging can run outside the lock.
        matching.sort(Comparator.comparing(TicketQuery.Cursor::of));
        if (matching.size() <= query.limit()) {
            return new Page<>(matching, null);
        }
        List<TicketSummary> page = matching.subList(0, query.limit());
        return new Page<>(page, TicketQuery.Cursor.of(page.get(page.size() - 1)).toString());
    }

    @Override
    public List<StoredEvent> readAfter(long afterPosition, int limit) {
        if (afterPosition < 0) {
            throw new InvalidInput("afterPosition", "must be 0 or more, was " + afterPosition);
        }
        positiveLimit(limit);
        lock.lock();
        try {
            if (afterPosition >= feed.size()) {
                return List.of();
            }
            // Position p sits at index p - 1.
            int from = (int) afterPosition;
            return List.copyOf(feed.subList(from, (int) Math.min(feed.size(), afterPosition + limit)));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<OutboxEntry> due(Instant now, int limit) {
        return outbox.due(now, limit);
    }

    @Override
    public void markDelivered(String notificationId, Instant at) {
        outbox.markDelivered(notificationId, at);
    }

    @Override
    public void markFailed(String notificationId, int attempts, Instant nextAttemptAt, String error) {
        outbox.markFailed(notificationId, attempts, nextAttemptAt, error);
    }

    @Override
    public void markDead(String notificationId, int attempts, Instant at, String error) {
        outbox.markDead(notificationId, attempts, at, error);
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        return outbox.deadLetters(limit);
    }

    @Override
    public boolean redeliver(String notificationId, Instant now) {
        return outbox.redeliver(notificationId, now);
    }

    @Override
    public long pendingCount() {
        return outbox.pendingCount();
    }

    private static void required(String name, Object value) {
        if (value == null) {
            throw new InvalidInput(name, "is required");
        }
    }

    private static void positiveLimit(int limit) {
        if (limit < 1) {
            throw new InvalidInput("limit", "must be 1 or more, was " + limit);
        }
    }
}
