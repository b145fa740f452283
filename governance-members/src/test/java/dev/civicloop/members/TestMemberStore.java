package dev.civicloop.members;

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

/**
 * A minimal, test-only {@link MemberStore} following the SPI's javadoc (one lock; versions and
 * command ids checked; global positions 1, 2, 3 … in commit order). Stands in until the in-memory
 * adapter of adapters/store-memory lands; then the tests switch to it.
 */
final class TestMemberStore implements MemberStore {
    private final Map<String, List<MemberEnvelope>> streams = new HashMap<>();
    private final Map<CommandId, List<MemberEnvelope>> commands = new HashMap<>();
    private final List<StoredMemberEvent> feed = new ArrayList<>();
    private final Map<ActorId, PersonalData> vault = new HashMap<>();

    @Override
    public synchronized List<StoredMemberEvent> append(MemberAppend append) {
        List<MemberEnvelope> stream = streams.getOrDefault(append.stream(), List.of());
        CommandId id = append.events().get(0).commandId();
        if (commands.containsKey(id)) {
            throw new DuplicateCommand(id.value(), "is already stored; nothing written");
        }
        if (stream.size() != append.expectedVersion()) {
            throw ConcurrencyConflict.on("stream " + append.stream(), append.expectedVersion(), stream.size());
        }
        List<MemberEnvelope> next = new ArrayList<>(stream);
        next.addAll(append.events());
        streams.put(append.stream(), next);
        commands.put(id, List.copyOf(append.events()));
        List<StoredMemberEvent> out = new ArrayList<>();
        for (MemberEnvelope e : append.events()) {
            StoredMemberEvent s = new StoredMemberEvent(feed.size() + 1, e);
            feed.add(s);
            out.add(s);
        }
        return out;
    }

    @Override
    public synchronized List<MemberEnvelope> load(String stream) {
        return List.copyOf(streams.getOrDefault(stream, List.of()));
    }

    @Override
    public synchronized List<MemberEnvelope> byCommand(CommandId commandId) {
        return commands.getOrDefault(commandId, List.of());
    }

    @Override
    public synchronized List<StoredMemberEvent> readAfter(long afterPosition, int limit) {
        if (limit < 1) {
            throw new InvalidInput("limit", "must be at least 1");
        }
        int from = (int) Math.max(0, Math.min(afterPosition, feed.size()));
        return List.copyOf(feed.subList(from, Math.min(feed.size(), from + limit)));
    }

    @Override
    public synchronized void putPersonalData(ActorId member, PersonalData data) {
        vault.put(member, data);
    }

    @Override
    public synchronized Optional<PersonalData> personalData(ActorId member) {
        return Optional.ofNullable(vault.get(member));
    }

    @Override
    public synchronized boolean erasePersonalData(ActorId member) {
        return vault.remove(member) != null;
    }

    /** Everything the store holds, for "nothing changed" assertions. */
    synchronized String snapshot() {
        return feed + "|" + vault;
    }
}
