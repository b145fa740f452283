package dev.civicloop.points;

import dev.civicloop.spi.model.ActorId;
import java.time.Instant;

/**
 * A redemption in the points supermarket, as the ledger shows it: one unit of an item and its
 * points held for a member until pickup. Not stored separately; {@link PointsSupermarket} derives
 * it from the reservation's postings.
 *
 * @param id the caller's idempotency key
 * @param points the points held (the item's cost when reserved)
 * @param holdUntil when an unfulfilled reservation expires and releases its points and unit
 * @param closedAt when it was fulfilled, cancelled or expired; {@code null} while {@link State#RESERVED}
 */
public record Reservation(String id, ActorId member, String itemCode, long points, Instant reservedAt,
        Instant holdUntil, State state, Instant closedAt) {

    /** Where a reservation is: reserved, then exactly one of the three ends. */
    public enum State {
        /** Points and one unit are held. */
        RESERVED,
        /** Picked up: the points went to redemption, the unit left the shelf. */
        FULFILLED,
        /** Cancelled: points and unit went back. */
        CANCELLED,
        /** Not picked up within the hold time: points and unit went back. */
        EXPIRED
    }
}
