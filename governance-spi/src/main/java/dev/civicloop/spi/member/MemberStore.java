package dev.civicloop.spi.member;

import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import java.util.List;
import java.util.Optional;

/**
 * Where members, teams, service tasks and activities are kept: event streams appended under an
 * expected version (a slot of a task is claimed by appending to the task's stream at the version
 * the claimant read, so slots are never oversubscribed), a global feed for projections, and the
 * personal data vault. Thread-safe; for shared databases the version and command-id checks are
 * enforced where the data lives. Prove an adapter with the conformance kit's
 * {@code MemberStoreCompatibilityKit}.
 *
 * <p>A stream's version is its number of events; expected version 0 means a new stream. Null
 * arguments are {@link dev.civicloop.spi.InvalidInput}. Returned lists belong to the caller:
 * changing them does not change the store.
 *
 * <p>The store writes the notifications its events cause (a member told that their application
 * was approved) to the same transactional outbox as the ticket store, so one
 * {@link dev.civicloop.spi.store.OutboxStore} delivers them: the JDBC stores share the
 * {@code outbox} table of their database, the in-memory stores an {@code InMemoryOutbox} they are
 * built with.
 */
public interface MemberStore {

    /**
     * Appends the events to their stream, atomically, and returns them with their positions: no
     * reader sees part of an append, and an append's events sit side by side in the feed.
     * A command id is used once in the whole store, on any stream; the store does no idempotency
     * itself (an equal append again is still refused; the caller compares with
     * {@link #byCommand}). When both apply, {@code DuplicateCommand} is reported before
     * {@code ConcurrencyConflict}, so a retry whose first attempt was stored learns it. The
     * append's {@linkplain MemberAppend#notifications() notifications} are written to the store's
     * transactional outbox in the same transaction: pending, due at their creation, if and only if
     * the events are stored. A refused append writes nothing and leaves its command id unused.
     *
     * @throws dev.civicloop.spi.ConcurrencyConflict the stream is not at the expected version
     * @throws dev.civicloop.spi.DuplicateCommand the command id was already used; nothing written
     * @throws dev.civicloop.spi.InvalidInput a notification id is already in the outbox (pending,
     *     dead or delivered); nothing was written
     */
    List<StoredMemberEvent> append(MemberAppend append);

    /** A stream's events, oldest first; empty for an unknown stream. */
    List<MemberEnvelope> load(String stream);

    /** The events a command id appended, equal to those given; empty if it was never used. */
    List<MemberEnvelope> byCommand(CommandId commandId);

    /**
     * Events after a global position, in position order, at most {@code limit}. Positions are
     * positive and strictly increase in commit order (they need not be contiguous), so a reader
     * resuming after the last position it saw never skips an event.
     *
     * @throws dev.civicloop.spi.InvalidInput {@code afterPosition} is negative or {@code limit} below 1
     */
    List<StoredMemberEvent> readAfter(long afterPosition, int limit);

    /** Stores (or replaces) a member's personal data. */
    void putPersonalData(ActorId member, PersonalData data);

    /** A member's personal data, unless never stored or erased. */
    Optional<PersonalData> personalData(ActorId member);

    /**
     * Erases a member's personal data for good, every copy and every earlier version; the streams
     * stay as they were. Returns whether there was any. A later {@link #putPersonalData} (a member
     * who rejoins and consents again) stores only the new data.
     */
    boolean erasePersonalData(ActorId member);
}
