package dev.civicloop.points;

import dev.civicloop.spi.ledger.PostingId;
import java.time.Instant;
import java.util.Map;

/**
 * One line of a {@link MemberHistory}: a ledger posting on the member's account.
 *
 * @param kind {@code award}, {@code penalty}, {@code reversal}, {@code expire}, {@code hold},
 *     {@code release}… as posted
 * @param amount the signed effect on the member's balance (+ credited, − debited)
 * @param balanceAfter the member's balance right after this posting
 * @param details why, as posted: rule, event, limit applied, reservation…
 */
public record HistoryEntry(
        PostingId posting, long position, Instant at, String kind, long amount, long balanceAfter,
        Map<String, String> details) {
    public HistoryEntry {
        details = Map.copyOf(details);
    }
}
