package dev.civicloop.points;

import dev.civicloop.spi.GovernanceException;

/**
 * A gold-pioneer nomination or decision is not allowed in the current state; {@link #reason()}
 * says which rule refused it. Nothing was recorded. (Missing roles or org scope are
 * {@link dev.civicloop.spi.NotAuthorized}; bad values are {@link dev.civicloop.spi.InvalidInput}.)
 */
public class HonourRefused extends GovernanceException {
    private static final long serialVersionUID = 1L;
    private final Reason reason;

    public HonourRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public enum Reason {
        /** The member is already the gold pioneer of that month (one award per member per month). */
        ALREADY_AWARDED,
        /** The member already has a nomination for that month waiting for the street. */
        ALREADY_NOMINATED,
        /** The nomination was already approved or refused; a new nomination is needed. */
        ALREADY_DECIDED,
        /** The month has not begun yet in the city's zone. */
        MONTH_NOT_STARTED
    }
}
