package dev.civicloop.members;

import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.DuplicateCommand;
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

/**
 * A minimal, test-only {@link MemberStore} honouring the SPI's contract (version check, command ids
 * refused when used, a global feed in commit order). Stands in until the in-memory adapter lands.
 */
final class SimpleMemberStore implements MemberStore {
    private final Map<String, List<MemberEnvelope>> streams = new HashMap<>();
    private final Map<CommandId, List<MemberEnvelope>> commands = new HashMap<>();
    private final List<StoredMemberEvent> feed = new ArrayList<>();
    private final Map<ActorId, PersonalData> personal = new HashMap<>();
    private int conflicts;
    private final boolean slowReads;

    SimpleMemberStore() {
        this(false);
    }

    private SimpleMemberStore(boolean slowReads) {
        this.slowReads = slowReads;
    }

    /** A store whose reads take a millisecond, so racers read the same version and collide. */
    static SimpleMemberStore withSlowReads() {
        return new SimpleMemberStore(true);
    }

    @Override
    public synchronized List<StoredMemberEvent> append(MemberAppend append) {
        List<MemberEnvelope> stream = streams.computeIfAbsent(append.stream(), s -> new ArrayList<>());
        if (stream.size() != append.expectedVersion()) {
            conflicts++;
            throw ConcurrencyConflict.on("stream " + append.stream(), append.expectedVersion(), stream.size());
        }
        CommandId command = append.events().get(0).commandId();
        if (commands.containsKey(command)) {
            throw new DuplicateCommand(command.value(), "was already used");
        }
        List<StoredMemberEvent> out = new ArrayList<>();
        for (MemberEnvelope e : append.events()) {
            StoredMemberEvent s = new StoredMemberEvent(feed.size() + 1, e);
            feed.add(s);
            stream.add(e);
            out.add(s);
        }
        commands.put(command, List.copyOf(append.events()));
        return out;
    }

    /** How many appends were refused for a stale version: shows that a race really happened. */
    synchronized int conflicts() {
        return conflicts;
    }

    @Override
    public List<MemberEnvelope> load(String stream) {
        List<MemberEnvelope> copy;
        synchronized (this) {
            copy = List.copyOf(streams.getOrDefault(stream, List.of()));
        }
        if (slowReads) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return copy;
    }

    @Override
    public synchronized List<MemberEnvelope> byCommand(CommandId commandId) {
        return commands.getOrDefault(commandId, List.of());
    }

    @Override
    public synchronized List<StoredMemberEvent> readAfter(long afterPosition, int limit) {
        int from = (int) Math.min(Math.max(afterPosition, 0), feed.size());
        return List.copyOf(feed.subList(from, Math.min(feed.size(), from + limit)));
    }

    @Override
    public synchronized void putPersonalData(ActorId member, PersonalData data) {
        personal.put(member, data);
    }

    @Override
    public synchronized Optional<PersonalData> personalData(ActorId member) {
        return Optional.ofNullable(personal.get(member));
    }

    @Override
    public synchronized boolean erasePersonalData(ActorId member) {
        return personal.remove(member) != null;
    }
}
