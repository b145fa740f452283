package dev.civicloop.spi.ledger;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.internal.Check;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One immutable double-entry posting: {@code amount} units of {@code asset} move from the debit
 * account to the credit account. A mistake is corrected by a new, reversing posting, never by an
 * edit.
 *
 * @param asset {@code points}, or {@code item:<code>} for units of a catalogue item (the points module
 *     also records a penalty that found nothing to take as a memo of asset {@code points-uncollected},
 *     which never mixes with {@code points})
 * @param kind what the posting is, e.g. {@code award}, {@code penalty}, {@code hold},
 *     {@code redeem}, {@code release}, {@code expire}, {@code reversal}, {@code restock}
 * @param details why, for a person and for projections: rule, event, limit applied, reservation,
 *     lot expiry… (at most 32 entries)
 */
public record Posting(
        PostingId id,
        AccountId debit,
        AccountId credit,
        String asset,
        long amount,
        String kind,
        Instant at,
        Map<String, String> details) {
    /** The asset of points. */
    public static final String POINTS = "points";

    public Posting {
        Check.notNull("id", id);
        Check.notNull("debit", debit);
        Check.notNull("credit", credit);
        Check.id("asset", asset);
        Check.id("kind", kind);
        Check.notNull("at", at);
        Check.notNull("details", details);
        if (debit.equals(credit)) {
            throw new InvalidInput("credit", "must differ from the debit account " + debit);
        }
        if (amount <= 0) {
            throw new InvalidInput("amount", "must be more than 0, was " + amount);
        }
        if (details.size() > 32) {
            throw new InvalidInput("details", "at most 32 entries, was " + details.size());
        }
        details.forEach((k, v) -> {
            Check.id("details key", k);
            Check.text("details." + k, v, 1000);
        });
        details = Map.copyOf(new TreeMap<>(details));
    }

    /** An item's asset name. */
    public static String item(String code) {
        return "item:" + code;
    }

    /** The signed effect of this posting on an account's balance of its asset: +amount credited, -amount debited, else 0. */
    public long effectOn(AccountId account) {
        return account.equals(credit) ? amount : account.equals(debit) ? -amount : 0;
    }
}
