package dev.civicloop.members;

import dev.civicloop.spi.GovernanceException;

/**
 * A sign-up, withdrawal or attendance was refused by the activity's rules; nothing was changed.
 * {@link #reason()} says which rule, e.g. {@link Reason#NO_PLACE_LEFT} when the capacity is taken.
 */
public class ActivityRefused extends GovernanceException {
    private static final long serialVersionUID = 1L;
    private final Reason reason;
    private final ActivityId activity;

    /** Why. */
    public enum Reason {
        /** Every place is taken. */
        NO_PLACE_LEFT,
        /** The member already signed up. */
        ALREADY_SIGNED_UP,
        /** The member did not sign up (or withdrew). */
        NOT_SIGNED_UP,
        /** The member's attendance is recorded: they can no longer withdraw. */
        ALREADY_ATTENDED,
        /** Sign-up after the activity ended, or attendance before it began. */
        OUTSIDE_TIME_WINDOW
    }

    public ActivityRefused(Reason reason, ActivityId activity, String detail) {
        super("activity " + activity + ": " + detail);
        this.reason = reason;
        this.activity = activity;
    }

    public Reason reason() {
        return reason;
    }

    public ActivityId activity() {
        return activity;
    }
}
