package dev.civicloop.points;

import dev.civicloop.spi.DuplicatePosting;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.LedgerAppend;
import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.ledger.StoredPosting;
import dev.civicloop.spi.model.ActorId;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The points ledger: every award, penalty, hold, redemption, expiry and correction is an
 * immutable double-entry posting in a {@link LedgerStore}. Idempotent by posting id: the same id
 * with the same content returns the original posting; the same id with another amount is
 * refused.
 */
public final class PointsLedger {
    private final LedgerStore store;
    private final Clock clock;

    public PointsLedger(LedgerStore store, Clock clock) {
        if (store == null || clock == null) {
            throw new InvalidConfiguration("points ledger: store and clock are required");
        }
        this.store = store;
        this.clock = clock;
    }

    /**
     * Awards points to a member (issuance → member).
     *
     * @param id the idempotency key, e.g. derived from (rule, event)
     * @param details why: rule, event, limit applied…
     * @return the posting, the original one when this id was already awarded with the same content
     * @throws DuplicatePosting the id was used for another posting (e.g. another amount)
     */
    public StoredPosting award(ActorId member, long points, PostingId id, Map<String, String> details) {
        if (member == null) {
            throw new InvalidInput("member", "is required");
        }
        Posting p = new Posting(id, AccountId.ISSUANCE, AccountId.member(member), Posting.POINTS, points, "award",
                clock.instant(), details);
        return appendOnce(p);
    }

    /** The member's balance of points. */
    public long balance(ActorId member) {
        return store.account(AccountId.member(member)).balance(Posting.POINTS);
    }

    private StoredPosting appendOnce(Posting p) {
        Optional<StoredPosting> prior = store.find(p.id());
        if (prior.isPresent()) {
            return same(prior.get(), p);
        }
        try {
            return store.append(LedgerAppend.unguarded(List.of(p))).get(0);
        } catch (DuplicatePosting e) {
            return same(store.find(p.id()).orElseThrow(() -> e), p);
        }
    }

    /** A retry matches the original in everything but the time it was made. */
    private static StoredPosting same(StoredPosting prior, Posting p) {
        Posting o = prior.posting();
        if (o.debit().equals(p.debit()) && o.credit().equals(p.credit()) && o.asset().equals(p.asset())
                && o.amount() == p.amount() && o.kind().equals(p.kind())) {
            return prior;
        }
        throw new DuplicatePosting(p.id().value(), "was already posted as " + o.kind() + " of " + o.amount() + " "
                + o.asset() + " from " + o.debit() + " to " + o.credit() + "; refused " + p.kind() + " of " + p.amount());
    }
}
