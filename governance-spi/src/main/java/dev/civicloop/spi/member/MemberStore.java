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
 */
public interface MemberStore {

    /**
     * Appends the events to their stream, atomically, and returns them with their positions.
     *
     * @throws dev.civicloop.spi.ConcurrencyConflict the stream is not at the expected version
     * @throws dev.civicloop.spi.DuplicateCommand the command id was already used; nothing written
     */
    List<StoredMemberEvent> append(MemberAppend append);

    /** A stream's events, oldest first; empty for an unknown stream. */
    List<MemberEnvelope> load(String stream);

    /** The events a command id appended, if it was used. */
    List<MemberEnvelope> byCommand(CommandId commandId);

    /** Events after a global position, in position order, at most {@code limit}. */
    List<StoredMemberEvent> readAfter(long afterPosition, int limit);

    /** Stores (or replaces) a member's personal data. */
    void putPersonalData(ActorId member, PersonalData data);

    /** A member's personal data, unless never stored or erased. */
    Optional<PersonalData> personalData(ActorId member);

    /** Erases a member's personal data for good. Returns whether there was any. */
    boolean erasePersonalData(ActorId member);
}
