package dev.civicloop.store.memory;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.store.DeadLetter;
import dev.civicloop.spi.store.OutboxEntry;
import dev.civicloop.spi.store.OutboxStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The transactional outbox in memory: pending notifications, dead letters and the ids already
 * delivered. An {@link InMemoryTicketStore}, an {@link InMemoryLedgerStore} and an
 * {@link InMemoryMemberStore} write the notifications of their appends here; build them with one
 * outbox and their notifications share one delivery queue, which the engine reaches through the
 * ticket store. Thread-safe.
 *
 * <pre>{@code
 * InMemoryOutbox outbox = new InMemoryOutbox();
 * InMemoryTicketStore tickets = new InMemoryTicketStore(outbox);
 * InMemoryLedgerStore ledger = new InMemoryLedgerStore(outbox);   // points awarded go here too
 * InMemoryMemberStore members = new InMemoryMemberStore(outbox);  // and notices to members
 * }</pre>
 *
 * <p>Beyond the SPI's contract: a notification id that is already in the outbox (pending, dead or
 * delivered) makes the append that carries it fail with {@link InvalidInput}, as a primary key
 * would in a database.
 */
public final class InMemoryOutbox implements OutboxStore {

    /** Urgent first, then oldest, then in the order the outbox received them. */
    private static final Comparator<Slot> DUE_ORDER = Comparator
            .comparing((Slot s) -> !s.notification.urgent())
            .thenComparing(s -> s.notification.createdAt())
            .thenComparingLong(s -> s.sequence);
    private static final Comparator<Slot> DEAD_ORDER = Comparator
            .comparing((Slot s) -> s.deadAt)
            .thenComparingLong(s -> s.sequence);

    private final ReentrantLock lock = new ReentrantLock();

    // All fields below are guarded by lock.
    private final Map<String, Slot> pending = new HashMap<>();
    private final Map<String, Slot> dead = new HashMap<>();
    private final Set<String> delivered = new HashSet<>();
    private long sequence;

    /** An empty outbox. */
    public InMemoryOutbox() {}

    /**
     * Adds the notifications of one store write, all or none: checks that no id is taken, then
     * runs {@code commit} (the store's own writes, which must not fail), then adds them, all under
     * this outbox's lock so no reader sees the notifications without the write or the other way
     * round. A caller holding its own lock takes it before this one, never after.
     *
     * @throws InvalidInput an id is already in the outbox or twice in the list; nothing happened
     */
    void append(List<Notification> notifications, Runnable commit) {
        lock.lock();
        try {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < notifications.size(); i++) {
                String id = notifications.get(i).id();
                if (pending.containsKey(id) || dead.containsKey(id) || delivered.contains(id) || !seen.add(id)) {
                    throw new InvalidInput("notifications[" + i + "].id",
                            "must be unique in the outbox; '" + id + "' is already there");
                }
            }
            commit.run();
            for (Notification n : notifications) {
                pending.put(n.id(), new Slot(n, 0, n.createdAt(), null, ++sequence, null));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<OutboxEntry> due(Instant now, int limit) {
        required("now", now);
        positiveLimit(limit);
        List<Slot> due = new ArrayList<>();
        lock.lock();
        try {
            for (Slot s : pending.values()) {
                if (!s.nextAttemptAt.isAfter(now)) {
                    due.add(s);
                }
            }
        } finally {
            lock.unlock();
        }
        due.sort(DUE_ORDER);
        return due.stream().limit(limit).map(Slot::entry).toList();
    }

    @Override
    public void markDelivered(String notificationId, Instant at) {
        required("notificationId", notificationId);
        required("at", at);
        lock.lock();
        try {
            if (pending.remove(notificationId) != null || dead.remove(notificationId) != null) {
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
        positiveAttempts(attempts);
        lock.lock();
        try {
            Slot s = pending.get(notificationId);
            if (s != null) {
                pending.put(notificationId, new Slot(s.notification, attempts, nextAttemptAt, error, s.sequence, null));
            } else {
                known(notificationId);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void markDead(String notificationId, int attempts, Instant at, String error) {
        required("notificationId", notificationId);
        required("at", at);
        positiveAttempts(attempts);
        lock.lock();
        try {
            Slot s = pending.remove(notificationId);
            if (s != null) {
                dead.put(notificationId, new Slot(s.notification, attempts, s.nextAttemptAt, error, s.sequence, at));
            } else {
                known(notificationId);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        positiveLimit(limit);
        List<Slot> letters;
        lock.lock();
        try {
            letters = new ArrayList<>(dead.values());
        } finally {
            lock.unlock();
        }
        letters.sort(DEAD_ORDER);
        return letters.stream().limit(limit)
                .map(s -> new DeadLetter(s.notification, s.attempts, s.deadAt, s.lastError)).toList();
    }

    @Override
    public boolean redeliver(String notificationId, Instant now) {
        required("notificationId", notificationId);
        required("now", now);
        lock.lock();
        try {
            Slot s = dead.remove(notificationId);
            if (s == null) {
                known(notificationId);
                return false;
            }
            pending.put(notificationId, new Slot(s.notification, 0, now, s.lastError, s.sequence, null));
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long pendingCount() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: an id that is neither pending nor dead must at least have been delivered. */
    private void known(String notificationId) {
        if (!pending.containsKey(notificationId) && !dead.containsKey(notificationId)
                && !delivered.contains(notificationId)) {
            throw new NotFound("notification " + notificationId);
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

    private static void positiveAttempts(int attempts) {
        if (attempts < 1) {
            throw new InvalidInput("attempts", "must be 1 or more after a failed attempt, was " + attempts);
        }
    }

    /** A notification's delivery state; {@code sequence} is the order of arrival, the last tie-breaker. */
    private record Slot(Notification notification, int attempts, Instant nextAttemptAt, String lastError,
            long sequence, Instant deadAt) {
        OutboxEntry entry() {
            return new OutboxEntry(notification, attempts, nextAttemptAt, lastError);
        }
    }
}
