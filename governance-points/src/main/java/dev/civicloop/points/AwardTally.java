package dev.civicloop.points;

import dev.civicloop.points.internal.InMemoryTally;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.model.ActorId;

/**
 * What {@link PointsRules#evaluate} needs to know about past awards to apply limits and
 * idempotency. {@link PointsAwarder} answers from the ledger; {@link #inMemory()} keeps its own
 * totals (for dry runs, simulations and benchmarks).
 */
public interface AwardTally {

    /** Whether this posting id was already awarded (then nothing more is awarded). */
    boolean alreadyAwarded(PostingId id);

    /**
     * Points the member received from the rule in the period, e.g. ({@code DAY}, {@code 2026-11-23}),
     * ({@code WEEK}, {@code 2026-W48}), ({@code MONTH}, {@code 2026-11}).
     */
    long awarded(ActorId member, String ruleId, LimitPeriod period, String periodKey);

    /** Called by {@link PointsRules#evaluate} for every {@code AWARDED} or {@code PENALTY} decision it makes. */
    void add(Award award);

    /** A tally that remembers the decisions it is told about, in memory. Not thread-safe. */
    static AwardTally inMemory() {
        return new InMemoryTally();
    }
}
