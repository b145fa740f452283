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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link MemberStore} in memory. Thread-safe: every operation runs under one lock, so an append
 * is atomic and positions (1, 2, 3, …) follow commit order exactly. Personal data live in a map of
 * their own, apart from the streams; erasing removes the entry, and nothing else holds it. Nothing
 * survives the JVM.
 *
 * <p>An append's notifications (a member told their application was approved) go to the store's
 * {@link InMemoryOutbox}, together with its events. Share one outbox with the ticket store and
 * the engine delivers them:
 *
 * <pre>{@code
 * InMemoryOutbox outbox = new InMemoryOutbox();
 * InMemoryTicketStore tickets = new InMemoryTicketStore(outbox);
 * MemberStore store = new InMemoryMemberStore(outbox);
 * store.append(new MemberAppend("member:wang-bin", 0, List.of(applied)));
 * store.putPersonalData(ActorId.of("wang-bin"), data);
 * }</pre>
 */
public final class InMemoryMemberStore implements MemberStore {
    private final ReentrantLock lock = new ReentrantLock();
    private final InMemoryOutbox outbox;
    private final List<StoredMemberEvent> feed = new ArrayList<>();
    private final Map<String, List<MemberEnvelope>> streams = new HashMap<>();
    private final Map<CommandId, List<MemberEnvelope>> byCommand = new HashMap<>();
    private final Map<ActorId, PersonalData> vault = new HashMap<>();

    /** An empty store with an outbox of its own (no one delivers its notifications unless they ask it). */
    public InMemoryMemberStore() {
        this(new InMemoryOutbox());
    }

    /** An empty store writing the notifications of its appends to {@code outbox}. */
    public InMemoryMemberStore(InMemoryOutbox outbox) {
        if (outbox == null) {
            throw new InvalidInput("outbox", "is required");
        }
        this.outbox = outbox;
    }

    /** The outbox this store writes notifications to. */
    public InMemoryOutbox outbox() {
        return outbox;
    }

    @Override
    public List<StoredMemberEvent> append(MemberAppend append) {
        if (append == null) {
            throw new InvalidInput("append", "is required");
        }
        CommandId command = append.events().get(0).commandId();
        lock.lock();
        try {
            // A retry whose first attempt was stored learns that, rather than reloading in vain.
            if (byCommand.containsKey(command)) {
                throw new DuplicateCommand(command.value(), "was already used in stream "
                        + byCommand.get(command).get(0).stream() + "; nothing was written");
            }
            List<MemberEnvelope> stream = streams.getOrDefault(append.stream(), List.of());
            if (stream.size() != append.expectedVersion()) {
                throw ConcurrencyConflict.on("stream " + append.stream(), append.expectedVersion(), stream.size());
            }
            // Every check of this store passed; the outbox checks the notification ids, then runs the
            // writes below (which cannot fail) and adds the notifications: all or nothing.
            List<StoredMemberEvent> out = new ArrayList<>(append.events().size());
            outbox.append(append.notifications(), () -> {
                List<MemberEnvelope> target = streams.computeIfAbsent(append.stream(), s -> new ArrayList<>());
                for (MemberEnvelope e : append.events()) {
                    StoredMemberEvent s = new StoredMemberEvent(feed.size() + 1L, e);
                    feed.add(s);
                    target.add(e);
                    out.add(s);
                }
                byCommand.put(command, List.copyOf(append.events()));
            });
            return List.copyOf(out);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<MemberEnvelope> load(String stream) {
        if (stream == null) {
            throw new InvalidInput("stream", "is required");
        }
        lock.lock();
        try {
            return List.copyOf(streams.getOrDefault(stream, List.of()));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<MemberEnvelope> byCommand(CommandId commandId) {
        if (commandId == null) {
            throw new InvalidInput("commandId", "is required");
        }
        lock.lock();
        try {
            return byCommand.getOrDefault(commandId, List.of());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<StoredMemberEvent> readAfter(long afterPosition, int limit) {
        if (afterPosition < 0) {
            throw new InvalidInput("afterPosition", "must be 0 or more, was " + afterPosition);
        }
        if (limit < 1) {
            throw new InvalidInput("limit", "must be at least 1, was " + limit);
        }
        lock.lock();
        try {
            int from = (int) Math.min(afterPosition, feed.size());
            return List.copyOf(feed.subList(from, Math.min(feed.size(), from + limit)));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void putPersonalData(ActorId member, PersonalData data) {
        if (member == null) {
            throw new InvalidInput("member", "is required");
        }
        if (data == null) {
            throw new InvalidInput("data", "is required");
        }
        lock.lock();
        try {
            vault.put(member, data);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<PersonalData> personalData(ActorId member) {
        if (member == null) {
            throw new InvalidInput("member", "is required");
        }
        lock.lock();
        try {
            return Optional.ofNullable(vault.get(member));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean erasePersonalData(ActorId member) {
        if (member == null) {
            throw new InvalidInput("member", "is required");
        }
        lock.lock();
        try {
            return vault.remove(member) != null;
        } finally {
            lock.unlock();
        }
    }
}
