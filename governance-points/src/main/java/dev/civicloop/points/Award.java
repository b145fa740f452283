package dev.civicloop.points;

import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.model.ActorId;

/**
 * One rule's decision on one event, with its {@link Explanation}.
 *
 * @param points what the member gets from this decision: positive for an award, negative for a
 *     penalty, 0 when a limit was reached or it was already awarded
 * @param postingId the ledger posting id, derived from (rule, event) — or (rule, ticket, member) for
 *     {@code oncePerTicket} rules — so the same event never awards twice
 */
public record Award(String ruleId, String eventId, ActorId member, long points, PostingId postingId, Outcome outcome,
        Explanation explanation) {

    /** What became of the decision. */
    public enum Outcome {
        /** Points awarded ({@link PointsAwarder}: posted to the ledger). */
        AWARDED,
        /** A limit left nothing to award; nothing posted. */
        LIMIT_REACHED,
        /** The posting id is already in the ledger (a replay, or {@code oncePerTicket}); nothing more. */
        ALREADY_AWARDED,
        /** A negative amount: {@link PointsAwarder} posts it as a ledger penalty. */
        PENALTY
    }
}
