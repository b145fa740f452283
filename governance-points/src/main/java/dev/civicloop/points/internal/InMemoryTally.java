package dev.civicloop.points.internal;

import dev.civicloop.points.Award;
import dev.civicloop.points.AwardTally;
import dev.civicloop.points.LimitPeriod;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.model.ActorId;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Totals per (member, rule, period) and the posting ids decided, in plain hash maps. */
public final class InMemoryTally implements AwardTally {
    private final Set<PostingId> awarded = new HashSet<>();
    private final Map<Key, Long> totals = new HashMap<>();

    private record Key(ActorId member, String ruleId, LimitPeriod period, String periodKey) {}

    @Override
    public boolean alreadyAwarded(PostingId id) {
        return awarded.contains(id);
    }

    @Override
    public long awarded(ActorId member, String ruleId, LimitPeriod period, String periodKey) {
        Long t = totals.get(new Key(member, ruleId, period, periodKey));
        return t == null ? 0 : t;
    }

    @Override
    public void add(Award award) {
        if (!awarded.add(award.postingId()) || award.points() <= 0) {
            return;
        }
        LocalDate day = award.explanation().at().toLocalDate();
        for (LimitPeriod p : LimitPeriod.values()) {
            totals.merge(new Key(award.member(), award.ruleId(), p, Periods.key(p, day)), award.points(), Long::sum);
        }
    }
}
