package dev.civicloop.store.memory;

import dev.civicloop.spi.ConcurrencyConflict;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deliberately broken stores, each a decorator over {@link InMemoryTicketStore} with one bug an
 * adapter author could plausibly write. They exist to prove that the conformance kit catches
 * those bugs (see {@link ConformanceKitCatchesBrokenStoresTest}).
 */
final class BrokenStores {
    private BrokenStores() {}

    /** Forwards everything to an in-memory store; subclasses override the part they break. */
    abstract static class Delegating implements TicketStore, OutboxStore {
        final InMemoryTicketStore delegate = new InMemoryTicketStore();

        @Override
        public AppendResult append(AppendRequest request) {
            return delegate.append(request);
        }

        @Override
        public List<EventEnvelope> load(TicketId ticketId) {
            return delegate.load(ticketId);
        }

        @Override
        public Optional<CommandRecord> findCommand(CommandId commandId) {
            return delegate.findCommand(commandId);
        }

        @Override
        public int purgeCommands(Instant recordedBefore) {
            return delegate.purgeCommands(recordedBefore);
        }

        @Override
        public Page<TicketSummary> query(TicketQuery query) {
            return delegate.query(query);
        }

        @Override
        public List<StoredEvent> readAfter(long afterPosition, int limit) {
            return delegate.readAfter(afterPosition, limit);
        }

        @Override
        public List<OutboxEntry> due(Instant now, int limit) {
            return delegate.due(now, limit);
        }

        @Override
        public void markDelivered(String notificationId, Instant at) {
            delegate.markDelivered(notificationId, at);
        }

        @Override
        public void markFailed(String notificationId, int attempts, Instant nextAttemptAt, String error) {
            delegate.markFailed(notificationId, attempts, nextAttemptAt, error);
        }

        @Override
        public void markDead(String notificationId, int attempts, Instant at, String error) {
            delegate.markDead(notificationId, attempts, at, error);
        }

        @Override
        public List<DeadLetter> deadLetters(int limit) {
            return delegate.deadLetters(limit);
        }

        @Override
        public boolean redeliver(String notificationId, Instant now) {
            return delegate.redeliver(notificationId, now);
        }

        @Override
        public long pendingCount() {
            return delegate.pendingCount();
        }
    }

    /**
     * "Last writer wins": appends at the ticket's actual version whatever the caller expected,
     * so a ConcurrencyConflict is never raised to the caller.
     */
    static final class IgnoresExpectedVersion extends Delegating {
        @Override
        public AppendResult append(AppendRequest request) {
            while (true) {
                long actual = delegate.load(request.ticketId()).size();
                try {
                    return delegate.append(actual == request.expectedVersion() ? request : renumber(request, actual));
                } catch (ConcurrencyConflict raced) {
                    // Another writer got in between our read and our write: read again.
                }
            }
        }

        private static AppendRequest renumber(AppendRequest r, long actual) {
            List<EventEnvelope> events = new ArrayList<>();
            for (EventEnvelope e : r.events()) {
                events.add(new EventEnvelope(e.ticketId(), actual + events.size() + 1, e.occurredAt(), e.actor(),
                        e.commandId(), e.state(), e.event()));
            }
            long version = actual + events.size();
            TicketSummary s = r.summary();
            TicketSummary summary = new TicketSummary(s.ticketId(), version, s.workflow(), s.category(), s.state(),
                    s.terminal(), s.orgUnits(), s.reportedAt(), s.updatedAt(), s.nextDueAt());
            CommandRecord c = r.command();
            CommandRecord command = c == null ? null
                    : new CommandRecord(c.commandId(), c.fingerprint(), c.ticketId(), version, c.recordedAt());
            return new AppendRequest(r.ticketId(), actual, events, r.notifications(), command, summary);
        }
    }

    /**
     * Loses a write under contention: when another append is in flight at the same moment, it
     * silently drops its own events but reports success (think of a swallowed serialization
     * failure). A short sleep widens the window so that concurrent appends really overlap.
     */
    static final class LosesEventsUnderConcurrency extends Delegating {
        private final AtomicInteger inFlight = new AtomicInteger();

        @Override
        public AppendResult append(AppendRequest request) {
            inFlight.incrementAndGet();
            try {
                Thread.sleep(1);
                if (inFlight.get() > 1) {
                    return new AppendResult(request.newVersion(), 0);
                }
                return delegate.append(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    /** Returns events out of order from load and readAfter: each adjacent pair is swapped. */
    static final class ReordersEvents extends Delegating {
        @Override
        public List<EventEnvelope> load(TicketId ticketId) {
            return swapPairs(delegate.load(ticketId));
        }

        @Override
        public List<StoredEvent> readAfter(long afterPosition, int limit) {
            return swapPairs(delegate.readAfter(afterPosition, limit));
        }

        private static <T> List<T> swapPairs(List<T> in) {
            List<T> out = new ArrayList<>(in);
            for (int i = 0; i + 1 < out.size(); i += 2) {
                T first = out.get(i);
                out.set(i, out.get(i + 1));
                out.set(i + 1, first);
            }
            return List.copyOf(out);
        }
    }

    /**
     * Forgets the dead-letter state in markFailed, as an {@code UPDATE outbox … WHERE delivered_at
     * IS NULL} that was written before dead letters existed would: a late failure report from a
     * second dispatcher makes a dead letter pending again, and it is retried forever after all.
     */
    static final class ResurrectsDeadLetters extends Delegating {
        @Override
        public void markFailed(String notificationId, int attempts, Instant nextAttemptAt, String error) {
            delegate.redeliver(notificationId, nextAttemptAt);
            delegate.markFailed(notificationId, attempts, nextAttemptAt, error);
        }
    }

    /** A correct store that is only a TicketStore, not an OutboxStore: the kit skips its outbox tests. */
    static final class TicketStoreOnly implements TicketStore {
        private final InMemoryTicketStore delegate = new InMemoryTicketStore();

        @Override
        public AppendResult append(AppendRequest request) {
            return delegate.append(request);
        }

        @Override
        public List<EventEnvelope> load(TicketId ticketId) {
            return delegate.load(ticketId);
        }

        @Override
        public Optional<CommandRecord> findCommand(CommandId commandId) {
            return delegate.findCommand(commandId);
        }

        @Override
        public int purgeCommands(Instant recordedBefore) {
            return delegate.purgeCommands(recordedBefore);
        }

        @Override
        public Page<TicketSummary> query(TicketQuery query) {
            return delegate.query(query);
        }

        @Override
        public List<StoredEvent> readAfter(long afterPosition, int limit) {
            return delegate.readAfter(afterPosition, limit);
        }
    }
}
