package dev.civicloop.points;

import dev.civicloop.spi.GovernanceException;

/**
 * A points operation was refused by a ledger or supermarket rule; nothing was written. The
 * {@link #reason() reason} says which rule, {@link #field() field} which value it concerns, and the
 * message gives the numbers, e.g. {@code not enough points (points): member:rider-1 can spend 40,
 * toy-car costs 50}.
 *
 * <pre>{@code
 * try {
 *     market.reserve("r-1", rider, "toy-car");
 * } catch (PointsRefused e) {
 *     if (e.reason() == PointsRefused.Reason.OUT_OF_STOCK) { … }
 * }
 * }</pre>
 */
public final class PointsRefused extends GovernanceException {
    private static final long serialVersionUID = 1L;

    /** The rule that refused. */
    public enum Reason {
        /** The member cannot spend enough (locked and expired lots do not count). */
        NOT_ENOUGH_POINTS("not enough points"),
        /** No unit of the item is on the shelf. */
        OUT_OF_STOCK("out of stock"),
        /** The member already reserved or received the item's per-member limit. */
        LIMIT_REACHED("limit reached"),
        /** The item is outside its active window. */
        ITEM_NOT_ACTIVE("item not active"),
        /** The reservation's hold time is over; it is released (or about to be) by {@code expireHolds()}. */
        HOLD_EXPIRED("hold expired"),
        /** A fulfilled reservation cannot be cancelled. */
        ALREADY_FULFILLED("already fulfilled"),
        /** A cancelled or expired reservation cannot be fulfilled. */
        RESERVATION_RELEASED("reservation released"),
        /** An award cannot be reversed once the member no longer has its points. */
        POINTS_ALREADY_SPENT("points already spent"),
        /** The posting was already reversed by another correction. */
        ALREADY_REVERSED("already reversed");

        private final String words;

        Reason(String words) {
            this.words = words;
        }

        /** The reason in words, as it starts the message. */
        public String words() {
            return words;
        }
    }

    private final Reason reason;
    private final String field;

    public PointsRefused(Reason reason, String field, String detail) {
        super(reason.words() + " (" + field + "): " + detail);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** The value the rule concerns: {@code points}, {@code stock}, {@code perMemberLimit}, {@code activeFrom}, {@code reservationId}… */
    public String field() {
        return field;
    }
}
