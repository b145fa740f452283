package dev.civicloop.members;

import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.member.MemberAppend;
import dev.civicloop.spi.member.MemberEnvelope;
import dev.civicloop.spi.member.MemberStore;
import dev.civicloop.spi.member.PersonalData;
import dev.civicloop.spi.member.StoredMemberEvent;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.store.memory.InMemoryMemberStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-memory store with a millisecond added to every stream read, so racing members read the
 * same version and really collide; counts the conflicts to show a race happened.
 */
final class SlowReadingMemberStore implements MemberStore {
    private final InMemoryMemberStore store = new InMemoryMemberStore();
    private final AtomicInteger conflicts = new AtomicInteger();

    int conflicts() {
        return conflicts.get();
    }

    @Override
    public List<StoredMemberEvent> append(MemberAppend append) {
        try {
            return store.append(append);
        } catch (ConcurrencyConflict e) {
            conflicts.incrementAndGet();
            throw e;
        }
    }

    @Override
    public List<MemberEnvelope> load(String stream) {
        List<MemberEnvelope> events = store.load(stream);
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return events;
    }

    @Override
    public List<MemberEnvelope> byCommand(CommandId commandId) {
        return store.byCommand(commandId);
    }

    @Override
    public List<StoredMemberEvent> readAfter(long afterPosition, int limit) {
        return store.readAfter(afterPosition, limit);
    }

    @Override
    public void putPersonalData(ActorId member, PersonalData data) {
        store.putPersonalData(member, data);
    }

    @Override
    public Optional<PersonalData> personalData(ActorId member) {
        return store.personalData(member);
    }

    @Override
    public boolean erasePersonalData(ActorId member) {
        return store.erasePersonalData(member);
    }
}
