package dev.civicloop.points;

import dev.civicloop.points.internal.InMemoryHonoursStore;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * Where the gold-pioneer {@link PioneerDecision decisions} are kept: an append-only history, never
 * edited. {@link #inMemory()} is the default; state is lost with the JVM. A durable adapter (JDBC,
 * to come) enforces the same contract where the data lives: a unique key on the decision id, a
 * unique key on (nomination, sequence number) for the version check, and at most one APPROVED
 * decision per (member, month).
 *
 * <pre>{@code
 * Honours honours = Honours.builder()...store(HonoursStore.inMemory()).build();
 * }</pre>
 */
public interface HonoursStore {

    /** A new, empty, thread-safe store in memory. */
    static HonoursStore inMemory() {
        return new InMemoryHonoursStore();
    }

    /**
     * Appends one decision atomically.
     *
     * @param expectedVersion how many decisions its nomination has now (0 for a nomination)
     * @throws dev.civicloop.spi.DuplicateCommand the decision id is already stored; nothing was written
     * @throws dev.civicloop.spi.ConcurrencyConflict the nomination has another number of decisions; nothing was written
     * @throws HonourRefused an APPROVED decision for a member and month that already has one; nothing was written
     */
    void append(PioneerDecision decision, int expectedVersion);

    /** The decision with this id, if stored. */
    Optional<PioneerDecision> decision(CommandId id);

    /** The decisions of one nomination, oldest first; empty if there is no such nomination. */
    List<PioneerDecision> nomination(CommandId nomination);

    /** Every decision about a member, oldest first. */
    List<PioneerDecision> ofMember(ActorId member);

    /** Every decision about a month, oldest first. */
    List<PioneerDecision> ofMonth(YearMonth month);
}
