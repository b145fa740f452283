package dev.civicloop.points;

import dev.civicloop.spi.ledger.PostingId;
import java.time.Instant;

/**
 * Points earned together: one award (or any other credit that is not a give-back), what is left
 * of it, when it can first be spent and when it expires. Lots are not stored; {@link PointsLedger}
 * derives them from the member's postings, spending the oldest first.
 *
 * <pre>{@code
 * long expiringThisMonth = ledger.lots(rider).stream()
 *         .filter(lot -> lot.expiresAt().isBefore(endOfMonth))
 *         .mapToLong(Lot::remaining).sum();
 * }</pre>
 *
 * @param id the posting that opened the lot (usually an award)
 * @param expiresAt {@link Instant#MAX} when points never expire
 * @param unlocksAt when the points can first be spent (the award's time plus the lock period)
 * @param amount points the lot received (an award's amount)
 * @param remaining points not yet spent, penalised, reversed or expired
 */
public record Lot(PostingId id, Instant earnedAt, Instant expiresAt, Instant unlocksAt, long amount, long remaining) {
    /** Whether the lot has expired at {@code now} (its rest is due to be posted to expiry). */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Whether the lot is still in its lock period at {@code now}. */
    public boolean lockedAt(Instant now) {
        return now.isBefore(unlocksAt);
    }
}
