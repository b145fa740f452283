package dev.civicloop.store.memory;

import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.DuplicateCommand;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.member.MemberAppend;
import dev.civicloop.spi.member.MemberEnvelope;
import dev.civicloop.spi.member.MemberStore;
import dev.civicloop.spi.member.PersonalData;
import dev.civicloop.spi.member.StoredMemberEvent;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deliberately broken member stores, each with one bug an adapter author could plausibly write.
 * They exist to prove that the member conformance kit catches those bugs (see
 * {@link MemberKitCatchesBrokenStoresTest}).
 */
final class BrokenMemberStores {
    private BrokenMemberStores() {}

    /** Forwards everything to an in-memory store; subclasses override the part they break. */
    abstract static class Delegating implements MemberStore {
        final InMemoryMemberStore delegate = new InMemoryMemberStore();

        @Override
        public List<StoredMemberEvent> append(MemberAppend append) {
            return delegate.append(append);
        }

        @Override
        public List<MemberEnvelope> load(String stream) {
            return delegate.load(stream);
        }

        @Override
        public List<MemberEnvelope> byCommand(CommandId commandId) {
            return delegate.byCommand(commandId);
        }

        @Override
        public List<StoredMemberEvent> readAfter(long afterPosition, int limit) {
            return delegate.readAfter(afterPosition, limit);
        }

        @Override
        public void putPersonalData(ActorId member, PersonalData data) {
            delegate.putPersonalData(member, data);
        }

        @Override
        public Optional<PersonalData> personalData(ActorId member) {
            return delegate.personalData(member);
        }

        @Override
        public boolean erasePersonalData(ActorId member) {
            return delegate.erasePersonalData(member);
        }
    }

    /**
     * Writes the notifications in a step of their own before the events, as a store that inserts
     * outbox rows outside the events' transaction would: a refused append leaves its notifications
     * behind, and a member is told of an approval that never happened.
     */
    static final class NotifiesBeforeChecking extends Delegating {
        @Override
        public List<StoredMemberEvent> append(MemberAppend append) {
            if (append == null) {
                return delegate.append(null);
            }
            delegate.outbox().append(append.notifications(), () -> {});
            return delegate.append(new MemberAppend(append.stream(), append.expectedVersion(), append.events()));
        }
    }

    /** "Last writer wins": renumbers every append to the stream's current version, retrying until it lands. */
    static final class IgnoresExpectedVersions extends Delegating {
        @Override
        public List<StoredMemberEvent> append(MemberAppend append) {
            if (append == null) {
                return delegate.append(null);
            }
            while (true) {
                long actual = delegate.load(append.stream()).size();
                List<MemberEnvelope> renumbered = new ArrayList<>();
                for (MemberEnvelope e : append.events()) {
                    renumbered.add(new MemberEnvelope(e.stream(), actual + 1 + renumbered.size(), e.at(), e.actor(),
                            e.commandId(), e.event()));
                }
                try {
                    return delegate.append(new MemberAppend(append.stream(), actual, renumbered));
                } catch (ConcurrencyConflict raced) {
                    // Someone else got in between; go again on top of them.
                }
            }
        }
    }

    /**
     * Not atomic: checks the version, then writes event by event, each in a transaction of its
     * own, and records the command id last — so a used command id is found only after the events
     * are written (an INSERT of the command row failing on its unique key, without a rollback),
     * and a reader can see part of an append. A short sleep between events widens the window.
     */
    static final class NotAtomic extends Delegating {
        private final Object lock = new Object();
        private final List<StoredMemberEvent> feed = new ArrayList<>();
        private final Map<String, List<MemberEnvelope>> streams = new HashMap<>();
        private final Map<CommandId, List<MemberEnvelope>> commands = new HashMap<>();

        @Override
        public List<StoredMemberEvent> append(MemberAppend append) {
            if (append == null) {
                throw new InvalidInput("append", "is required");
            }
            synchronized (lock) {
                long actual = streams.getOrDefault(append.stream(), List.of()).size();
                if (actual != append.expectedVersion()) {
                    throw ConcurrencyConflict.on("stream " + append.stream(), append.expectedVersion(), actual);
                }
            }
            List<StoredMemberEvent> out = new ArrayList<>();
            for (MemberEnvelope e : append.events()) {
                synchronized (lock) {
                    StoredMemberEvent s = new StoredMemberEvent(feed.size() + 1L, e);
                    feed.add(s);
                    streams.computeIfAbsent(e.stream(), k -> new ArrayList<>()).add(e);
                    out.add(s);
                }
                pause();
            }
            CommandId command = append.events().get(0).commandId();
            synchronized (lock) {
                if (commands.putIfAbsent(command, append.events()) != null) {
                    throw new DuplicateCommand(command.value(), "was already used");
                }
            }
            return List.copyOf(out);
        }

        @Override
        public List<MemberEnvelope> load(String stream) {
            if (stream == null) {
                throw new InvalidInput("stream", "is required");
            }
            synchronized (lock) {
                return List.copyOf(streams.getOrDefault(stream, List.of()));
            }
        }

        @Override
        public List<MemberEnvelope> byCommand(CommandId commandId) {
            if (commandId == null) {
                throw new InvalidInput("commandId", "is required");
            }
            synchronized (lock) {
                return commands.getOrDefault(commandId, List.of());
            }
        }

        @Override
        public List<StoredMemberEvent> readAfter(long afterPosition, int limit) {
            if (afterPosition < 0 || limit < 1) {
                throw new InvalidInput("readAfter", "bad page " + afterPosition + ", " + limit);
            }
            synchronized (lock) {
                int from = (int) Math.min(afterPosition, feed.size());
                return List.copyOf(feed.subList(from, Math.min(feed.size(), from + limit)));
            }
        }

        private static void pause() {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** Idempotent by itself: an append equal to the one stored under its command id returns the stored events. */
    static final class IdempotentOnEqualContent extends Delegating {
        @Override
        public List<StoredMemberEvent> append(MemberAppend append) {
            try {
                return delegate.append(append);
            } catch (DuplicateCommand e) {
                if (!delegate.byCommand(append.events().get(0).commandId()).equals(append.events())) {
                    throw e;
                }
                Set<MemberEnvelope> mine = new HashSet<>(append.events());
                return delegate.readAfter(0, Integer.MAX_VALUE).stream().filter(s -> mine.contains(s.envelope())).toList();
            }
        }
    }

    /**
     * A read-through cache in front of the vault that erasure forgets to evict: the database row
     * is gone, but personalData() keeps serving the cached copy.
     */
    static final class ErasureMissesTheCache extends Delegating {
        private final Map<ActorId, PersonalData> cache = new ConcurrentHashMap<>();

        @Override
        public void putPersonalData(ActorId member, PersonalData data) {
            delegate.putPersonalData(member, data);
            if (member != null && data != null) {
                cache.put(member, data);
            }
        }

        @Override
        public Optional<PersonalData> personalData(ActorId member) {
            if (member != null && cache.containsKey(member)) {
                return Optional.of(cache.get(member));
            }
            return delegate.personalData(member);
        }
    }

    /**
     * Keeps every version of a member's personal data (an audit table) and erasure deletes only
     * the newest row, so the previous phone number comes back.
     */
    static final class ErasureRevealsOlderData extends Delegating {
        private final Map<ActorId, List<PersonalData>> versions = new HashMap<>();

        @Override
        public synchronized void putPersonalData(ActorId member, PersonalData data) {
            delegate.putPersonalData(member, data);
            versions.computeIfAbsent(member, m -> new ArrayList<>()).add(data);
        }

        @Override
        public synchronized Optional<PersonalData> personalData(ActorId member) {
            if (member == null) {
                return delegate.personalData(null);
            }
            List<PersonalData> v = versions.getOrDefault(member, List.of());
            return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
        }

        @Override
        public synchronized boolean erasePersonalData(ActorId member) {
            if (member == null) {
                return delegate.erasePersonalData(null);
            }
            List<PersonalData> v = versions.getOrDefault(member, new ArrayList<>());
            if (v.isEmpty()) {
                return false;
            }
            v.remove(v.size() - 1);
            return true;
        }
    }

    /**
     * Loses a write under contention: when another append is in flight at the same moment, it
     * silently drops its own events but reports success with made-up positions (think of a
     * swallowed serialization failure). A short sleep widens the window so appends really overlap.
     */
    static final class LosesEventsUnderConcurrency extends Delegating {
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicLong madeUp = new AtomicLong(1_000_000);

        @Override
        public List<StoredMemberEvent> append(MemberAppend append) {
            inFlight.incrementAndGet();
            try {
                Thread.sleep(1);
                if (inFlight.get() > 1 && append != null) {
                    return append.events().stream().map(e -> new StoredMemberEvent(madeUp.incrementAndGet(), e)).toList();
                }
                return delegate.append(append);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    /** readAfter includes the event at the given position ({@code >=} for {@code >}): a follower sees it twice. */
    static final class ReadAfterIncludesTheGivenPosition extends Delegating {
        @Override
        public List<StoredMemberEvent> readAfter(long afterPosition, int limit) {
            return delegate.readAfter(afterPosition <= 0 ? afterPosition : afterPosition - 1, limit);
        }
    }
}
