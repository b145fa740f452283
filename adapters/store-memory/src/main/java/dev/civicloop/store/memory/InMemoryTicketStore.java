package dev.civicloop.store.memory;

import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.DuplicateCommand;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.event.EventEnvelope;
import dev.civicloop.spi.event.StoredEvent;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.store.AppendRequest;
import dev.civicloop.spi.store.AppendResult;
import dev.civicloop.spi.store.CommandRecord;
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
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * <p>Beyond the SPI's contract: a notification id that is already in the outbox (pending or
 * delivered) makes an append fail with {@link InvalidInput}, as a primary key would in a database;
 * marking a delivered notification delivered again is a no-op, and marking it failed is ignored,
 * so a late report from a second dispatcher cannot resurrect it.
 */
public final class InMemoryTicketStore implements TicketStore, OutboxStore {

    /** Urgent first, then oldest, then in the order the store received them. */
    private static final Comparator<Pending> DUE_ORDER = Comparator
            .comparing((Pending p) -> !p.entry.notification().urgent())
            .thenComparing(p -> p.entry.notification().createdAt())
            .thenComparingLong(p -> p.sequence);

    private final ReentrantLock lock = new ReentrantLock();

    // All fields below are guarded by lock.
    private final Map<TicketId, List<EventEnvelope>> tickets = new HashMap<>();
    private final List<StoredEvent> feed = new ArrayList<>();
    private final Map<CommandId, CommandRecord> commands = new HashMap<>();
    private final Map<TicketId, TicketSummary> summaries = new HashMap<>();
    private final Map<String, Pending> outbox = new LinkedHashMap<>();
    private final Set<String> delivered = new HashSet<>();
    private long outboxSequence;

    /** An empty store. */
    public InMemoryTicketStore() {}

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
            List<Notification> notifications = request.notifications();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < notifications.size(); i++) {
                String nid = notifications.get(i).id();
                if (outbox.containsKey(nid) || delivered.contains(nid) || !seen.add(nid)) {
                    throw new InvalidInput("notifications[" + i + "].id",
                            "must be unique in the outbox; '" + nid + "' is already there");
                }
            }

            // Every check passed: from here on nothing can fail, so the append is all or nothing.
            if (history == null) {
                history = new ArrayList<>();
                tickets.put(id, history);
            }
            for (EventEnvelope e : request.events()) {
                history.add(e);
                feed.add(new StoredEvent(feed.size() + 1L, e));
            }
            for (Notification n : notifications) {
                outbox.put(n.id(), new Pending(new OutboxEntry(n, 0, n.createdAt(), null), ++outboxSequence));
            }
            if (command != null) {
                commands.put(command.commandId(), command);
            }
            summaries.put(id, request.summary());
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
        required("now", now);
        positiveLimit(limit);
        List<Pending> due = new ArrayList<>();
        lock.lock();
        try {
            for (Pending p : outbox.values()) {
                if (!p.entry.nextAttemptAt().isAfter(now)) {
                    due.add(p);
                }
            }
        } finally {
            lock.unlock();
        }
        due.sort(DUE_ORDER);
        return due.stream().limit(limit).map(p -> p.entry).toList();
    }

    @Override
    public void markDelivered(String notificationId, Instant at) {
        required("notificationId", notificationId);
        required("at", at);
        lock.lock();
        try {
            if (outbox.remove(notificationId) != null) {
                delivered.add(notificationId);
            } else if (!delivered.contains(notificationId)) {
                throw new NotFound("notification " + notificationId);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void markFailed(String notificationId, int attempts, Instant nextAttemptAt, String error) {
        required("notificationId", notificationId);
        required("nextAttemptAt", nextAttemptAt);
        if (attempts < 1) {
            throw new InvalidInput("attempts", "must be 1 or more after a failed attempt, was " + attempts);
        }
        lock.lock();
        try {
            Pending p = outbox.get(notificationId);
            if (p != null) {
                outbox.put(notificationId,
                        new Pending(new OutboxEntry(p.entry.notification(), attempts, nextAttemptAt, error), p.sequence));
            } else if (!delivered.contains(notificationId)) {
                throw new NotFound("notification " + notificationId);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long pendingCount() {
        lock.lock();
        try {
            return outbox.size();
        } finally {
            lock.unlock();
        }
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

    /** An outbox entry and the order it arrived in, the last tie-breaker of {@link #due}. */
    private record Pending(OutboxEntry entry, long sequence) {}
}
