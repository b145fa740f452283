package dev.civicloop.points;

import dev.civicloop.points.internal.Ids;
import dev.civicloop.points.internal.LedgerTally;
import dev.civicloop.points.internal.Periods;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.ledger.AccountHistory;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.StoredPosting;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Recipient;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns civic events into ledger awards by the city's {@link PointsRules}, and tells a member why
 * they have the points they have.
 *
 * <pre>{@code
 * PointsAwarder awarder = PointsAwarder.of(rules, ledger, ledgerStore, members::profile);
 * awarder.accept(CivicEvent.of("act-7", "volunteer.attended", rider, at, Map.of("hours", "2.5")));
 * List<String> reasons = awarder.why(rider).stream().map(a -> a.explanation().text()).toList();
 * }</pre>
 *
 * <p>Limits and idempotency are read from the ledger (see {@code LedgerTally}): an award's
 * posting id is derived from (rule, event), so replaying events awards nothing more, and today's
 * total is the sum of the member's award postings of the rule recorded for today. An event's
 * awards are appended guarded on the member's account version its limits were counted at, so two
 * events of one member cannot both pass a limit — in one process or across any number of nodes
 * sharing one ledger store (the loser decides again from what the winner wrote).
 *
 * <p>Penalties (rules with negative points, e.g. a report rejected as false) are posted through
 * {@link PointsLedger#penalize}, which takes at most what the member has.
 *
 * <p>Each award and penalty tells the member: a {@value #AWARDED_TOPIC} (or {@value #DEDUCTED_TOPIC})
 * notification to {@code Recipient.actor(member)}, written to the outbox in the posting's own
 * ledger append, so it exists exactly when the points do. Its id is {@code <topic>:<posting id>}
 * (a SHA-256 of the posting id past 128 characters), so a replay adds none; its ticket is the event's (null for an event about no ticket); its
 * data holds {@code points} (for a penalty the points taken, and {@code requested}), {@code rule},
 * {@code event}, {@code eventType} and {@code explanation} (the one-line explanation, at most 500
 * characters). The engine delivers it with the ticket notifications when the ledger store shares
 * the ticket store's outbox (JDBC: one database; in memory: one {@code InMemoryOutbox}).
 */
public final class PointsAwarder {
    /** The topic of the notification that tells a member of points awarded by a rule. */
    public static final String AWARDED_TOPIC = "points-awarded";
    /** The topic of the notification that tells a member of points taken by a penalty rule. */
    public static final String DEDUCTED_TOPIC = "points-deducted";

    private final PointsRules rules;
    private final PointsLedger ledger;
    private final LedgerStore store;
    private final Function<ActorId, MemberProfile> members;

    private PointsAwarder(PointsRules rules, PointsLedger ledger, LedgerStore store,
            Function<ActorId, MemberProfile> members) {
        this.rules = rules;
        this.ledger = ledger;
        this.store = store;
        this.members = members;
    }

    /**
     * @param store the store the ledger writes to (read for limits and explanations)
     * @param members the city's member directory: roles and occupation for rule conditions
     */
    public static PointsAwarder of(PointsRules rules, PointsLedger ledger, LedgerStore store,
            Function<ActorId, MemberProfile> members) {
        if (rules == null || ledger == null || store == null || members == null) {
            throw new InvalidConfiguration("points awarder: rules, ledger, ledger store and members are all required");
        }
        return new PointsAwarder(rules, ledger, store, members);
    }

    public PointsRules rules() {
        return rules;
    }

    /**
     * Evaluates the event and posts its awards and penalties. Returns every decision: AWARDED and
     * PENALTY (posted; a penalty never takes a balance below zero, see
     * {@link PointsLedger#penalize}), LIMIT_REACHED and ALREADY_AWARDED (nothing posted).
     */
    public synchronized List<Award> accept(CivicEvent event) {
        if (!rules.eventTypes().contains(event.type())) {
            return List.of();
        }
        MemberProfile profile = members.apply(event.member());
        return ledger.withRetries(() -> decideAndPost(event, profile == null ? MemberProfile.UNKNOWN : profile));
    }

    /**
     * One attempt: the member's account is read once, the rules count limits from that read, and
     * the awards are appended guarded on its version. Another node awarding to the same member in
     * between makes the append a {@code ConcurrencyConflict}, and the next attempt decides again
     * from what that node wrote — so a limit holds across any number of nodes on one ledger store.
     */
    private List<Award> decideAndPost(CivicEvent event, MemberProfile profile) {
        AccountHistory account = store.account(AccountId.member(event.member()));
        List<Award> decisions = rules.evaluate(event, profile, new LedgerTally(store, account));
        List<Posting> awards = new ArrayList<>();
        List<Notification> notes = new ArrayList<>();
        for (Award a : decisions) {
            if (a.outcome() == Award.Outcome.AWARDED) {
                awards.add(ledger.awardPosting(a.member(), a.points(), a.postingId(), details(event, a)));
                notes.add(notification(AWARDED_TOPIC, event, a, Map.of("points", Long.toString(a.points()))));
            }
        }
        if (!awards.isEmpty()) {
            ledger.appendAwards(event.member(), account.version(), awards, notes);
        }
        for (Award a : decisions) {
            if (a.outcome() == Award.Outcome.PENALTY) {
                long requested = -a.points();
                ledger.penalize(a.member(), requested, a.postingId(), details(event, a),
                        taken -> List.of(notification(DEDUCTED_TOPIC, event, a, Map.of("points", Long.toString(taken),
                                "requested", Long.toString(requested)))));
            }
        }
        return decisions;
    }

    /**
     * The member's notification of an award or penalty, in the posting's transaction; its id is
     * derived from the posting id, so a replayed event cannot tell the member twice. No balance: it
     * would cost a read of the member's whole account per award, and a concurrent posting could
     * make it wrong; the member's app asks for the statement instead.
     */
    private Notification notification(String topic, CivicEvent event, Award a, Map<String, String> amounts) {
        Map<String, String> data = new HashMap<>(amounts);
        data.put("rule", a.ruleId());
        data.put("event", event.id());
        data.put("eventType", event.type());
        String text = a.explanation().text();
        data.put("explanation", text.length() <= 500 ? text : text.substring(0, 500));
        return new Notification(Ids.notification(topic, a.postingId()), topic, Recipient.actor(a.member().value()),
                event.ticket(), ledger.clock().instant(), false, data);
    }

    /** The member's balance of points. */
    public long balance(ActorId member) {
        return ledger.balance(member);
    }

    /** Every award the member received from rules, oldest first, each with its explanation (read from the ledger). */
    public List<Award> why(ActorId member) {
        List<Award> out = new ArrayList<>();
        for (StoredPosting p : store.account(AccountId.member(member)).postings()) {
            Map<String, String> d = p.posting().details();
            if (!LedgerTally.KIND.equals(p.posting().kind()) || !d.containsKey("rule") || !d.containsKey("at")) {
                continue;
            }
            String period = d.get("limitPeriod");
            Explanation e = new Explanation(d.get("rule"), d.get("ruleDescription"), d.get("event"), d.get("eventType"),
                    ZonedDateTime.parse(d.get("at")), d.get("basis"), Long.parseLong(d.get("requested")),
                    p.posting().amount(), period == null ? null : LimitPeriod.valueOf(period),
                    Long.parseLong(d.getOrDefault("limit", "0")), Long.parseLong(d.getOrDefault("already", "0")), null);
            out.add(new Award(d.get("rule"), d.get("event"), member, p.posting().amount(), p.posting().id(),
                    Award.Outcome.AWARDED, e));
        }
        return out;
    }

    private static Map<String, String> details(CivicEvent event, Award a) {
        Explanation e = a.explanation();
        Map<String, String> d = new HashMap<>();
        d.put("rule", a.ruleId());
        if (e.ruleDescription() != null) {
            d.put("ruleDescription", e.ruleDescription());
        }
        d.put("event", event.id());
        d.put("eventType", event.type());
        if (event.ticket() != null) {
            d.put("ticket", event.ticket().value());
        }
        d.put("at", e.at().toString());
        LocalDate day = e.at().toLocalDate();
        for (LimitPeriod p : LimitPeriod.values()) {
            d.put(Periods.detailKey(p), Periods.key(p, day));
        }
        d.put("basis", e.basis());
        d.put("requested", Long.toString(e.requested()));
        if (e.limitPeriod() != null) {
            d.put("limitPeriod", e.limitPeriod().name());
            d.put("limit", Long.toString(e.limit()));
            d.put("already", Long.toString(e.alreadyInPeriod()));
        }
        String text = e.text();
        d.put("explanation", text.length() <= 1000 ? text : text.substring(0, 1000));
        return d;
    }
}
