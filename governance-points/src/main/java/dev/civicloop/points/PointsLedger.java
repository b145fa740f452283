package dev.civicloop.points;

import dev.civicloop.points.internal.Ids;
import dev.civicloop.points.internal.LotFold;
import dev.civicloop.points.internal.Retry;
import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.DuplicatePosting;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.ledger.AccountHistory;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.LedgerAppend;
import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.ledger.StoredPosting;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.notify.Notification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The points ledger: every award, penalty, hold, redemption, expiry and correction is an
 * immutable double-entry posting in a {@link LedgerStore}. Idempotent by posting id: the same id
 * with the same content returns the original posting; the same id with another amount is
 * refused.
 *
 * <p>Accounts: {@code member:<actor>} (never below zero), and the system accounts
 * {@code system:issuance} (awards), {@code system:penalties}, {@code system:expiry},
 * {@code system:holds} and {@code system:redemption} (the {@link PointsSupermarket}). For every asset
 * all accounts sum to zero.
 *
 * <p>Lots: every award opens a lot; spending takes the oldest first. With a
 * {@linkplain Builder#lotValidity lot validity} of N days a lot earned on day D (city time) expires
 * at the start of day D+N+1, and {@link #expire()} posts its unspent rest to {@code system:expiry}.
 * With a {@linkplain Builder#lockPeriod lock period} new points count in the balance at once but
 * can be spent only after it.
 *
 * <p>Rules that need the balance (a redemption, a penalty, a reversal, an expiry) read the member's
 * account history, check, and append under the version they read; if another writer got there
 * first they re-read and try again, up to {@linkplain Builder#maxAttempts a bound}, then throw
 * {@link ConcurrencyConflict}.
 *
 * <pre>{@code
 * PointsLedger ledger = PointsLedger.builder(store).lotValidity(Period.ofDays(365)).lockPeriod(Duration.ofDays(1)).build();
 * ledger.award(rider, 10, PostingId.of("verified-report:T-1"), Map.of("rule", "verified-report", "event", "T-1/3"));
 * long spendable = ledger.statement(rider).spendable();
 * }</pre>
 */
public final class PointsLedger {
    /**
     * The memo asset of a penalty that found nothing to take: {@code system:penalties → member}, so
     * the member's statement shows it and replaying the penalty later takes nothing.
     */
    public static final String UNCOLLECTED = "points-uncollected";

    private final LedgerStore store;
    private final Clock clock;
    private final ZoneId zone;
    private final Period lotValidity;
    private final Duration lockPeriod;
    private final int maxAttempts;

    /** A ledger whose points never expire and are never locked, in Asia/Shanghai. */
    public PointsLedger(LedgerStore store, Clock clock) {
        this(builder(store).clock(clock));
    }

    private PointsLedger(Builder b) {
        if (b.store == null || b.clock == null) {
            throw new InvalidConfiguration("points ledger: store and clock are required");
        }
        this.store = b.store;
        this.clock = b.clock;
        this.zone = b.zone;
        this.lotValidity = b.lotValidity;
        this.lockPeriod = b.lockPeriod;
        this.maxAttempts = b.maxAttempts;
    }

    public static Builder builder(LedgerStore store) {
        return new Builder(store);
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
        return award(member, points, id, details, List.of());
    }

    /**
     * {@link #award}, with the notifications the award causes, written to the outbox with the
     * posting or not at all; a retry of a stored award writes none.
     */
    StoredPosting award(ActorId member, long points, PostingId id, Map<String, String> details,
            List<Notification> notifications) {
        return appendOnce(awardPosting(member, points, id, details), notifications);
    }

    /** An award's posting (issuance → member), not yet appended. */
    Posting awardPosting(ActorId member, long points, PostingId id, Map<String, String> details) {
        if (member == null) {
            throw new InvalidInput("member", "is required");
        }
        return new Posting(id, AccountId.ISSUANCE, AccountId.member(member), Posting.POINTS, points, "award",
                clock.instant(), details);
    }

    /**
     * Appends awards to one member in one append, guarded on the member's account version the
     * caller decided them from (its limits counted at that version): if any posting touched the
     * account since — another node's award — {@code ConcurrencyConflict}, and nothing is written.
     */
    List<StoredPosting> appendAwards(ActorId member, long expectedVersion, List<Posting> awards,
            List<Notification> notifications) {
        return appendGuarded(new LedgerAppend(awards, Map.of(AccountId.member(member), expectedVersion))
                .withNotifications(notifications));
    }

    /** The member's balance of points (including locked lots and expired lots not yet posted to expiry). */
    public long balance(ActorId member) {
        return store.account(AccountId.member(member)).balance(Posting.POINTS);
    }

    /** What the member can spend now: the balance less locked lots and lots past their expiry. */
    public long spendable(ActorId member) {
        return fold(history(member)).spendable(clock.instant());
    }

    /** The member's lots, oldest first, including spent and expired ones. */
    public List<Lot> lots(ActorId member) {
        return lotsOf(fold(history(member)));
    }

    /**
     * Takes points back from a member (member → penalties), e.g. for a report rejected as false. A
     * balance never goes negative: the penalty takes what the member has outside expired lots (locked
     * points included), at most {@code points}, and records {@code requested} and {@code shortfall}
     * in the posting's details. When there is nothing to take it posts a memo of
     * {@link #UNCOLLECTED} instead, so the id is spent and a replay takes nothing later. Taken points
     * leave the oldest lots first; reversing the penalty gives them back to the same lots.
     *
     * @throws DuplicatePosting the id was used for another posting or another amount
     */
    public Penalty penalize(ActorId member, long points, PostingId id, Map<String, String> details) {
        return penalize(member, points, id, details, taken -> List.of());
    }

    /**
     * {@link #penalize}, with the notifications the penalty causes (made from the points actually
     * taken), written with the posting or not at all; a retry of a stored penalty writes none.
     */
    Penalty penalize(ActorId member, long points, PostingId id, Map<String, String> details,
            LongFunction<List<Notification>> notifications) {
        Ids.required("member", member);
        Ids.required("id", id);
        Ids.required("details", details);
        if (points <= 0) {
            throw new InvalidInput("points", "must be more than 0, was " + points);
        }
        AccountId account = AccountId.member(member);
        return withRetries(() -> {
            Optional<StoredPosting> prior = store.find(id);
            if (prior.isPresent()) {
                return samePenalty(prior.get(), account, points);
            }
            AccountHistory h = store.account(account);
            Instant now = clock.instant();
            long taken = Math.min(points, fold(h).available(now));
            Map<String, String> d = new HashMap<>(details);
            d.put("requested", Long.toString(points));
            d.put("shortfall", Long.toString(points - taken));
            Posting p = taken > 0
                    ? new Posting(id, account, AccountId.PENALTIES, Posting.POINTS, taken, "penalty", now, d)
                    : new Posting(id, AccountId.PENALTIES, account, UNCOLLECTED, points, "penalty", now, d);
            StoredPosting s = appendGuarded(new LedgerAppend(List.of(p), Map.of(account, h.version()))
                    .withNotifications(notifications.apply(taken))).get(0);
            return new Penalty(s, points, taken, points - taken);
        });
    }

    /**
     * Corrects an award or a penalty with a reversing posting (same accounts and amount, the other
     * way round; details {@code reverses} and {@code reason}). An award is reversed only while the
     * member still has its points outside expired lots (taken from the award's own lot first); a
     * reversed penalty gives the points back to the lots it took them from.
     *
     * @param newId the reversal's idempotency key: reversing again with it returns the same posting
     * @throws NotFound no posting has {@code postingId}
     * @throws InvalidInput the posting is not an award or a penalty
     * @throws PointsRefused POINTS_ALREADY_SPENT, or ALREADY_REVERSED by a reversal with another id
     */
    public StoredPosting reverse(PostingId postingId, PostingId newId, String reason) {
        Ids.required("postingId", postingId);
        Ids.required("newId", newId);
        Ids.text("reason", reason, 500);
        return withRetries(() -> {
            Optional<StoredPosting> prior = store.find(newId);
            if (prior.isPresent()) {
                Posting o = prior.get().posting();
                if (o.kind().equals("reversal") && postingId.value().equals(o.details().get(LotFold.REVERSES))) {
                    return prior.get();
                }
                throw new DuplicatePosting(newId.value(), "was already posted as " + o.kind() + " of " + o.amount()
                        + " " + o.asset() + "; refused as the reversal of " + postingId);
            }
            Posting orig = store.find(postingId).orElseThrow(() -> new NotFound("posting " + postingId)).posting();
            boolean award = orig.kind().equals("award") && orig.credit().kind() == AccountId.Kind.MEMBER;
            boolean penalty = orig.kind().equals("penalty") && (orig.debit().kind() == AccountId.Kind.MEMBER
                    || orig.credit().kind() == AccountId.Kind.MEMBER);
            if (!award && !penalty) {
                throw new InvalidInput("postingId", "only award and penalty postings can be reversed; " + postingId
                        + " is a " + orig.kind() + " (cancel a reservation instead of reversing its postings)");
            }
            AccountId account = orig.credit().kind() == AccountId.Kind.MEMBER ? orig.credit() : orig.debit();
            AccountHistory h = store.account(account);
            for (StoredPosting sp : h.postings()) {
                Posting q = sp.posting();
                if (q.kind().equals("reversal") && postingId.value().equals(q.details().get(LotFold.REVERSES))) {
                    throw new PointsRefused(PointsRefused.Reason.ALREADY_REVERSED, "postingId",
                            postingId + " was already reversed by " + q.id());
                }
            }
            Instant now = clock.instant();
            if (orig.asset().equals(Posting.POINTS) && orig.credit().equals(account)) {
                long available = fold(h).available(now);
                if (available < orig.amount()) {
                    throw new PointsRefused(PointsRefused.Reason.POINTS_ALREADY_SPENT, "points", account + " has "
                            + available + " points left, the award " + postingId + " gave " + orig.amount());
                }
            }
            Map<String, String> d = Map.of(LotFold.REVERSES, postingId.value(), "reason", reason,
                    "reversedKind", orig.kind());
            Posting p = new Posting(newId, orig.credit(), orig.debit(), orig.asset(), orig.amount(), "reversal", now, d);
            return appendGuarded(new LedgerAppend(List.of(p), Map.of(account, h.version()))).get(0);
        });
    }

    /**
     * Posts the unspent rest of every lot of this member that has expired (member → expiry, one
     * posting per lot, details {@code lot}, {@code earnedAt}, {@code expiresAt}). Idempotent: the
     * posting id is derived from (member, lot), so running it twice, or on two machines, posts once.
     *
     * @return the postings this call made (empty when nothing was due)
     */
    public List<StoredPosting> expire(ActorId member) {
        Ids.required("member", member);
        AccountId account = AccountId.member(member);
        return withRetries(() -> {
            AccountHistory h = store.account(account);
            Instant now = clock.instant();
            List<Posting> due = new ArrayList<>();
            for (LotFold.LotState lot : fold(h).lots()) {
                if (lot.expiredAt(now) && lot.remaining > 0) {
                    due.add(new Posting(Ids.expiry(member.value(), lot.id, lot.expiries), account, AccountId.EXPIRY,
                            Posting.POINTS, lot.remaining, "expire", now, Map.of(LotFold.LOT, lot.id.value(),
                                    "earnedAt", lot.earnedAt.toString(), "expiresAt", lot.expiresAt.toString())));
                }
            }
            if (due.isEmpty()) {
                return List.of();
            }
            return appendGuarded(new LedgerAppend(due, Map.of(account, h.version())));
        });
    }

    /** {@link #expire(ActorId)} for every member who holds points. */
    public List<StoredPosting> expire() {
        List<StoredPosting> out = new ArrayList<>();
        for (Map.Entry<AccountId, Long> e : store.balances(Posting.POINTS).entrySet()) {
            if (e.getKey().kind() == AccountId.Kind.MEMBER && e.getValue() > 0) {
                out.addAll(expire(ActorId.of(e.getKey().name())));
            }
        }
        return out;
    }

    /** Every posting on the member's account with its running balance and explanation, and the lots. */
    public Statement statement(ActorId member) {
        AccountHistory h = history(member);
        Instant now = clock.instant();
        List<StatementEntry> entries = new ArrayList<>(h.postings().size());
        long running = 0;
        for (StoredPosting sp : h.postings()) {
            Posting p = sp.posting();
            long effect = p.effectOn(h.account());
            if (p.asset().equals(Posting.POINTS)) {
                running += effect;
            }
            AccountId other = p.debit().equals(h.account()) ? p.credit() : p.debit();
            entries.add(new StatementEntry(sp.position(), p.id(), p.at(), p.kind(), p.asset(), effect, running, other,
                    p.details()));
        }
        LotFold f = fold(h);
        return new Statement(member, now, running, f.spendable(now), lotsOf(f), entries);
    }

    /** The city's time zone (lot expiry is counted in its days). */
    public ZoneId zone() {
        return zone;
    }

    // ------------------------------------------------------------ shared with the supermarket

    LedgerStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    LotFold fold(AccountHistory h) {
        return LotFold.of(h, this::expiresAt, lockPeriod);
    }

    /** Runs an optimistic attempt until it does not meet a concurrent writer, at most maxAttempts times. */
    <T> T withRetries(Supplier<T> attempt) {
        ConcurrencyConflict last = null;
        for (int i = 0; i < maxAttempts; i++) {
            try {
                return attempt.get();
            } catch (ConcurrencyConflict e) {
                last = e;
            }
            Retry.pause(i);
        }
        throw last;
    }

    /**
     * Appends within an attempt of {@link #withRetries}. A posting id stored by a concurrent writer
     * between our find and our append counts as a conflict: the next attempt finds the posting and
     * tells a retry from a clash.
     */
    List<StoredPosting> appendGuarded(LedgerAppend append) {
        try {
            return store.append(append);
        } catch (DuplicatePosting e) {
            throw ConcurrencyConflict.onAccount("of posting " + e.postingId(), 0, 1);
        }
    }

    StoredPosting appendOnce(Posting p) {
        return appendOnce(p, List.of());
    }

    StoredPosting appendOnce(Posting p, List<Notification> notifications) {
        Optional<StoredPosting> prior = store.find(p.id());
        if (prior.isPresent()) {
            return same(prior.get(), p);
        }
        try {
            return store.append(LedgerAppend.unguarded(List.of(p)).withNotifications(notifications)).get(0);
        } catch (DuplicatePosting e) {
            return same(store.find(p.id()).orElseThrow(() -> e), p);
        }
    }

    private AccountHistory history(ActorId member) {
        return store.account(AccountId.member(Ids.required("member", member)));
    }

    private Instant expiresAt(Instant earnedAt) {
        if (lotValidity == null) {
            return Instant.MAX;
        }
        return earnedAt.atZone(zone).toLocalDate().plus(lotValidity).plusDays(1).atStartOfDay(zone).toInstant();
    }

    private static List<Lot> lotsOf(LotFold f) {
        List<Lot> out = new ArrayList<>(f.lots().size());
        for (LotFold.LotState l : f.lots()) {
            out.add(new Lot(l.id, l.earnedAt, l.expiresAt, l.unlocksAt, l.amount, l.remaining));
        }
        return out;
    }

    private static Penalty samePenalty(StoredPosting prior, AccountId account, long points) {
        Posting o = prior.posting();
        String requested = o.details().get("requested");
        boolean onMember = o.debit().equals(account) || o.credit().equals(account);
        if (!o.kind().equals("penalty") || !onMember || !Long.toString(points).equals(requested)) {
            throw new DuplicatePosting(o.id().value(), "was already posted as " + o.kind() + " of " + o.amount() + " "
                    + o.asset() + " on " + o.debit() + " → " + o.credit() + " (requested " + requested
                    + "); refused penalty of " + points + " on " + account);
        }
        long taken = o.asset().equals(Posting.POINTS) ? o.amount() : 0;
        return new Penalty(prior, points, taken, points - taken);
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

    /**
     * Configures a {@link PointsLedger}; every setter checks its value and says what was wrong.
     * Defaults: the system clock, Asia/Shanghai, points never expire, no lock period, 100 attempts.
     */
    public static final class Builder {
        private final LedgerStore store;
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneId.of("Asia/Shanghai");
        private Period lotValidity;
        private Duration lockPeriod = Duration.ZERO;
        private int maxAttempts = 100;

        private Builder(LedgerStore store) {
            if (store == null) {
                throw new InvalidConfiguration("points ledger: store is required");
            }
            this.store = store;
        }

        public Builder clock(Clock clock) {
            if (clock == null) {
                throw new InvalidConfiguration("points ledger: clock is required");
            }
            this.clock = clock;
            return this;
        }

        /** The city's time zone, in whose days lots expire. */
        public Builder zone(ZoneId zone) {
            if (zone == null) {
                throw new InvalidConfiguration("points ledger: zone is required");
            }
            this.zone = zone;
            return this;
        }

        /**
         * How long points stay valid: a lot earned on day D expires at the start of day D + validity + 1
         * in the city's zone (so {@code Period.ofDays(365)}: valid on the day earned and 365 more days).
         */
        public Builder lotValidity(Period validity) {
            if (validity == null || validity.isNegative() || validity.isZero()) {
                throw new InvalidConfiguration("points ledger: lotValidity must be a positive period, was " + validity);
            }
            this.lotValidity = validity;
            return this;
        }

        /** How long new points wait before they can be spent (they count in the balance at once). */
        public Builder lockPeriod(Duration lock) {
            if (lock == null || lock.isNegative()) {
                throw new InvalidConfiguration("points ledger: lockPeriod must be zero or more, was " + lock);
            }
            this.lockPeriod = lock;
            return this;
        }

        /** How many optimistic attempts an operation makes before it throws {@link ConcurrencyConflict}. */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new InvalidConfiguration("points ledger: maxAttempts must be at least 1, was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        public PointsLedger build() {
            return new PointsLedger(this);
        }
    }
}
