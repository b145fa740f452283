package dev.civicloop.points.internal;

import dev.civicloop.points.Award;
import dev.civicloop.points.AwardTally;
import dev.civicloop.points.LimitPeriod;
import dev.civicloop.spi.ledger.AccountHistory;
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
    private final AccountHistory snapshot;

    public LedgerTally(LedgerStore store) {
        this(store, null);
    }

    /**
     * Counts the snapshot's member from the snapshot, so the caller can append its awards guarded
     * on the version it counted from (other members are read from the store).
     */
    public LedgerTally(LedgerStore store, AccountHistory snapshot) {
        this.store = store;
        this.snapshot = snapshot;
    }

    @Override
    public boolean alreadyAwarded(PostingId id) {
        return store.find(id).isPresent();
    }

    @Override
    public long awarded(ActorId member, String ruleId, LimitPeriod period, String periodKey) {
        String key = Periods.detailKey(period);
        long sum = 0;
        AccountId account = AccountId.member(member);
        AccountHistory history = snapshot != null && snapshot.account().equals(account) ? snapshot : store.account(account);
        for (StoredPosting p : history.postings()) {
            Map<String, String> d = p.posting().details();
            if (KIND.equals(p.posting().kind()) && ruleId.equals(d.get("rule")) && periodKey.equals(d.get(key))) {
                sum += p.posting().effectOn(account);
            }
        }
        return sum;
    }

    @Override
    public void add(Award award) {
        // the awarder posts; the ledger is the tally
    }
}
