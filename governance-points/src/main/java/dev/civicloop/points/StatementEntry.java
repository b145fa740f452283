package dev.civicloop.points;

import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.PostingId;
import java.time.Instant;
import java.util.Map;

/**
 * One line of a member's {@link Statement}: a posting that touched the member's account, its
 * signed effect, the points balance after it and why it happened.
 *
 * @param kind award, penalty, hold, release, expire, reversal…
 * @param asset {@code points}, or {@link PointsLedger#UNCOLLECTED} for a penalty that found nothing to take
 * @param amount the signed effect on the member's balance of {@code asset} (+ credited, − debited)
 * @param balance the member's points balance after this posting
 * @param counterparty the other account: issuance for an award, holds for a reservation…
 * @param details the explanation: rule, event, limit applied, reservation, lot, reason…
 */
public record StatementEntry(
        long position,
        PostingId id,
        Instant at,
        String kind,
        String asset,
        long amount,
        long balance,
        AccountId counterparty,
        Map<String, String> details) {
    public StatementEntry {
        details = Map.copyOf(details);
    }
}
