package dev.civicloop.points.internal;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.ledger.StoredPosting;
import dev.civicloop.spi.model.ActorId;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Points earned per member per calendar month and over a lifetime, folded from the ledger feed
 * after its own checkpoint (never by scanning accounts). Earned = awards minus reversals of
 * awards; penalties, holds and expiry do not count. A reversal subtracts from the month of the
 * award it names in its {@code reverses} detail only when it is made in that same month, so a
 * closed month's board stays as published; it always subtracts from the lifetime total. A
 * reversal that names no known award counts against its own month. Not thread-safe: the caller
 * serialises.
 */
public final class EarnedProjection {
    private static final int BATCH = 1000;

    private final LedgerStore ledger;
    private final ZoneId zone;
    private long checkpoint;
    private final Map<YearMonth, Map<ActorId, Tally>> months = new HashMap<>();
    private final Map<ActorId, Long> lifetime = new HashMap<>();

    public EarnedProjection(LedgerStore ledger, ZoneId zone) {
        this.ledger = ledger;
        this.zone = zone;
    }

    /** A member's points earned in one month and when that total was reached. */
    public static final class Tally {
        private long points;
        private Instant reachedAt;

        public long points() {
            return points;
        }

        public Instant reachedAt() {
            return reachedAt;
        }

        void add(long delta, Instant at) {
            points += delta;
            reachedAt = at;
        }
    }

    /** Reads the feed after the checkpoint up to its end; returns how many postings were read. */
    public int catchUp() {
        int read = 0;
        while (true) {
            List<StoredPosting> batch = ledger.readAfter(checkpoint, BATCH);
            for (StoredPosting p : batch) {
                apply(p.posting());
                checkpoint = p.position();
            }
            read += batch.size();
            if (batch.size() < BATCH) {
                return read;
            }
        }
    }

    public long checkpoint() {
        return checkpoint;
    }

    public YearMonth monthOf(Instant at) {
        return YearMonth.from(at.atZone(zone));
    }

    /** Every member with a tally in the month (possibly 0 or less after reversals). */
    public Map<ActorId, Tally> month(YearMonth month) {
        return months.getOrDefault(month, Map.of());
    }

    public long lifetime(ActorId member) {
        return lifetime.getOrDefault(member, 0L);
    }

    private void apply(Posting p) {
        if (!p.asset().equals(Posting.POINTS)) {
            return;
        }
        if (p.kind().equals("award") && p.credit().kind() == AccountId.Kind.MEMBER) {
            ActorId member = ActorId.of(p.credit().name());
            tally(monthOf(p.at()), member).add(p.amount(), p.at());
            lifetime.merge(member, p.amount(), Long::sum);
        } else if (p.kind().equals("reversal") && p.debit().kind() == AccountId.Kind.MEMBER) {
            ActorId member = ActorId.of(p.debit().name());
            YearMonth month = monthOf(p.at());
            Optional<Posting> award = reversed(p);
            if (award.isPresent()) {
                if (!award.get().kind().equals("award") || !award.get().credit().equals(p.debit())) {
                    return; // reverses something other than this member's award: not earned points
                }
                if (!monthOf(award.get().at()).equals(month)) {
                    lifetime.merge(member, -p.amount(), Long::sum);
                    return;
                }
            }
            tally(month, member).add(-p.amount(), p.at());
            lifetime.merge(member, -p.amount(), Long::sum);
        }
    }

    private Optional<Posting> reversed(Posting reversal) {
        String ref = reversal.details().get(LotFold.REVERSES);
        if (ref == null) {
            return Optional.empty();
        }
        try {
            return ledger.find(PostingId.of(ref)).map(StoredPosting::posting);
        } catch (InvalidInput e) {
            return Optional.empty();
        }
    }

    private Tally tally(YearMonth month, ActorId member) {
        return months.computeIfAbsent(month, m -> new HashMap<>()).computeIfAbsent(member, m -> new Tally());
    }
}
