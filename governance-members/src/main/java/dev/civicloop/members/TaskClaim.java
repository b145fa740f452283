package dev.civicloop.members;

import dev.civicloop.spi.model.ActorId;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One member's claim on a service task and how far it got. A released claim is gone (its slot
 * free again); every other claim holds a slot.
 *
 * @param checkedInAt null until the member checks in
 * @param checkedOutAt null until the member checks out
 * @param hours the hours recorded when staff confirmed; null before
 */
public record TaskClaim(ActorId member, Status status, Instant claimedAt, Instant checkedInAt, Instant checkedOutAt,
        BigDecimal hours) {

    /** The steps of a claim: claimed → checked in → checked out → completed (confirmed by staff). */
    public enum Status {
        CLAIMED,
        CHECKED_IN,
        CHECKED_OUT,
        COMPLETED
    }
}
