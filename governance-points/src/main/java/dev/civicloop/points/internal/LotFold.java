package dev.civicloop.points.internal;

import dev.civicloop.spi.ledger.AccountHistory;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.ledger.StoredPosting;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A member's lots, derived by folding the member account's points postings in order. Every credit
 * that is not a give-back (an award, a correction of a penalty…) opens a lot; a give-back (a hold
 * released, a penalty reversed) returns the points to the lots the original debit took them from,
 * so cancelling a reservation never refreshes the points' expiry. Debits take from lots oldest
 * first: first lots that were neither expired nor locked at the debit's time, then locked ones,
 * then expired ones (only an expiry posting, which names its lot, or a store written by other code
 * gets there). Nothing here is stored: the ledger is the only truth.
 */
public final class LotFold {
    /** Detail key: the lot an expiry posting expires. */
    public static final String LOT = "lot";
    /** Detail key: the posting whose debit a release gives back (the reservation's hold). */
    public static final String RESTORES = "restores";
    /** Detail key: the posting a reversal corrects. */
    public static final String REVERSES = "reverses";

    /** One lot while folding. */
    public static final class LotState {
        public final PostingId id;
        public final Instant earnedAt;
        public final Instant expiresAt;
        public final Instant unlocksAt;
        public long amount;
        public long remaining;
        public int expiries;

        LotState(PostingId id, Instant earnedAt, Instant expiresAt, Instant unlocksAt, long amount) {
            this.id = id;
            this.earnedAt = earnedAt;
            this.expiresAt = expiresAt;
            this.unlocksAt = unlocksAt;
            this.amount = amount;
            this.remaining = amount;
        }

        public boolean expiredAt(Instant t) {
            return !t.isBefore(expiresAt);
        }

        public boolean lockedAt(Instant t) {
            return t.isBefore(unlocksAt);
        }
    }

    private final List<LotState> lots = new ArrayList<>();
    private final Map<PostingId, LotState> byId = new HashMap<>();
    private final Map<PostingId, LinkedHashMap<LotState, Long>> taken = new HashMap<>();
    private long balance;
    private long unplaced;

    private LotFold() {}

    /**
     * Folds the account's history.
     *
     * @param expiresAt when a lot earned at the given instant expires ({@link Instant#MAX} if never)
     */
    public static LotFold of(AccountHistory history, Function<Instant, Instant> expiresAt, Duration lockPeriod) {
        LotFold f = new LotFold();
        AccountId account = history.account();
        for (StoredPosting sp : history.postings()) {
            Posting p = sp.posting();
            if (!p.asset().equals(Posting.POINTS)) {
                continue;
            }
            long effect = p.effectOn(account);
            f.balance += effect;
            if (effect > 0) {
                f.credit(p, effect, expiresAt, lockPeriod);
            } else if (effect < 0) {
                f.debit(p, -effect);
            }
        }
        return f;
    }

    private void credit(Posting p, long amount, Function<Instant, Instant> expiresAt, Duration lockPeriod) {
        String back = p.details().containsKey(RESTORES) ? p.details().get(RESTORES) : p.details().get(REVERSES);
        long left = amount;
        if (back != null) {
            LinkedHashMap<LotState, Long> from = taken.get(PostingId.of(back));
            if (from != null) {
                for (Map.Entry<LotState, Long> e : from.entrySet()) {
                    long give = Math.min(left, e.getValue());
                    e.getKey().remaining += give;
                    e.setValue(e.getValue() - give);
                    left -= give;
                }
            }
        }
        if (left > 0 && unplaced > 0) {
            long cover = Math.min(left, unplaced);
            unplaced -= cover;
            left -= cover;
        }
        if (left > 0) {
            LotState lot = byId.get(p.id());
            if (lot == null) {
                lot = new LotState(p.id(), p.at(), expiresAt.apply(p.at()), p.at().plus(lockPeriod), 0);
                lots.add(lot);
                byId.put(p.id(), lot);
            }
            lot.amount += left;
            lot.remaining += left;
        }
    }

    private void debit(Posting p, long amount) {
        LinkedHashMap<LotState, Long> from = new LinkedHashMap<>();
        long left = amount;
        String preferred = "expire".equals(p.kind()) ? p.details().get(LOT) : p.details().get(REVERSES);
        if (preferred != null) {
            LotState lot = byId.get(PostingId.of(preferred));
            if (lot != null) {
                left = take(lot, left, from);
                if ("expire".equals(p.kind())) {
                    lot.expiries++;
                }
            }
        }
        Instant t = p.at();
        for (int tier = 0; tier < 3 && left > 0; tier++) {
            for (LotState lot : lots) {
                if (left == 0) {
                    break;
                }
                boolean expired = lot.expiredAt(t);
                int lotTier = expired ? 2 : lot.lockedAt(t) ? 1 : 0;
                if (lotTier == tier) {
                    left = take(lot, left, from);
                }
            }
        }
        unplaced += left;
        taken.put(p.id(), from);
    }

    private static long take(LotState lot, long left, Map<LotState, Long> from) {
        long t = Math.min(left, lot.remaining);
        if (t > 0) {
            lot.remaining -= t;
            from.merge(lot, t, Long::sum);
        }
        return left - t;
    }

    /** The account's points balance: credits minus debits. */
    public long balance() {
        return balance;
    }

    /** Every lot in the order it was opened. */
    public List<LotState> lots() {
        return lots;
    }

    /** Points not in an expired lot at {@code now}: what a penalty or a correction may take. */
    public long available(Instant now) {
        long a = 0;
        for (LotState l : lots) {
            if (!l.expiredAt(now)) {
                a += l.remaining;
            }
        }
        return Math.max(0, Math.min(balance, a - unplaced));
    }

    /** Points neither expired nor locked at {@code now}: what a redemption may spend. */
    public long spendable(Instant now) {
        long a = 0;
        for (LotState l : lots) {
            if (!l.expiredAt(now) && !l.lockedAt(now)) {
                a += l.remaining;
            }
        }
        return Math.max(0, Math.min(balance, a - unplaced));
    }
}
