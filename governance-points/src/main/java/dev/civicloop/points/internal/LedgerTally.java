package dev.civicloop.points.internal;

import dev.civicloop.points.Award;
import dev.civicloop.points.AwardTally;
import dev.civicloop.points.LimitPeriod;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.ledger.StoredPosting;
import dev.civicloop.spi.model.ActorId;
import java.util.Map;

/**
 * Answers from the ledger itself: limits count the member's award postings of the rule whose
 * recorded period (the event's local day, ISO week, month) matches, so a restart, a second
 * process or a replay sees exactly what was awarded, with no state of our own to rebuild.
 */
public final class LedgerTally implements AwardTally {
    public static final String KIND = "award";
    private final LedgerStore store;

    public LedgerTally(LedgerStore store) {
        this.store = store;
    }

    @Override
    public boolean alreadyAwarded(PostingId id) {
        return store.find(id).isPresent();
    }

    @Override
    public long awarded(ActorId member, String ruleId, LimitPeriod period, String periodKey) {
        String key = Periods.detailKey(period);
        long sum = 0;
        for (StoredPosting p : store.account(AccountId.member(member)).postings()) {
            Map<String, String> d = p.posting().details();
            if (KIND.equals(p.posting().kind()) && ruleId.equals(d.get("rule")) && periodKey.equals(d.get(key))) {
                sum += p.posting().effectOn(AccountId.member(member));
            }
        }
        return sum;
    }

    @Override
    public void add(Award award) {
        // the awarder posts; the ledger is the tally
    }
}
