package dev.civicloop.points;

import dev.civicloop.points.internal.EarnedProjection;
import dev.civicloop.points.internal.OrgLookup;
import dev.civicloop.spi.DuplicateCommand;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotAuthorized;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.ledger.AccountHistory;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.StoredPosting;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Honours (荣誉): monthly leaderboards per community and per street, titles reached by lifetime
 * earned points, the 金牌先锋 "gold pioneer" chosen by review, and a member's points history.
 *
 * <p>Boards and titles are a projection of the ledger feed ({@link LedgerStore#readAfter}) kept
 * after its own checkpoint; every read first catches up. Points <em>earned</em> are awards minus
 * reversals of awards: penalties do not subtract, because boards and titles rank what members
 * contributed, while a penalty is a separate sanction that already lowers their balance. A
 * reversal lowers the month of the award it names (posting detail {@code reverses}) only when made
 * in that same month, so a closed month's board stays as published; it always lowers the lifetime
 * total. Months are calendar months in the city's zone (default Asia/Shanghai).
 *
 * <pre>{@code
 * Honours honours = Honours.builder()
 *         .ledger(ledgerStore)
 *         .orgTree(city.orgUnits())
 *         .membership(member -> roster.communityOf(member))
 *         .build();
 * Leaderboard top10 = honours.leaderboard(OrgUnitId.of("yuanhang"), YearMonth.of(2026, 11), 10);
 * }</pre>
 *
 * <p>Thread-safe: public methods are serialised on this instance.
 */
public final class Honours {
    private static final Logger log = LoggerFactory.getLogger(Honours.class);
    private static final Comparator<Map.Entry<ActorId, EarnedProjection.Tally>> RANKING =
            Comparator.<Map.Entry<ActorId, EarnedProjection.Tally>>comparingLong(e -> -e.getValue().points())
                    .thenComparing(e -> e.getValue().reachedAt())
                    .thenComparing(Map.Entry::getKey);

    private final LedgerStore ledger;
    private final OrgLookup org;
    private final Membership membership;
    private final ZoneId zone;
    private final Clock clock;
    private final List<TitleRule> titles;
    private final HonoursStore store;
    private final EarnedProjection earned;

    private Honours(Builder b) {
        this.ledger = b.ledger;
        this.org = new OrgLookup(b.orgTree);
        this.membership = b.membership;
        this.zone = b.zone;
        this.clock = b.clock;
        this.titles = b.titles;
        this.store = b.store;
        this.earned = new EarnedProjection(ledger, zone);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads the ledger feed up to its end; returns how many postings were read. Reads do this themselves. */
    public synchronized int catchUp() {
        return earned.catchUp();
    }

    /** The position of the last ledger posting folded into boards and titles. */
    public synchronized long checkpoint() {
        return earned.checkpoint();
    }

    /** The current calendar month in the city's zone. */
    public YearMonth currentMonth() {
        return YearMonth.now(clock.withZone(zone));
    }

    /**
     * The best {@code top} members of a COMMUNITY or a STREET by points earned in {@code month}.
     * Members with nothing earned (or everything reversed) are not listed.
     *
     * @throws NotFound the unit is not in the org tree
     * @throws InvalidInput the unit is not a community or a street, or {@code top} is below 1
     */
    public synchronized Leaderboard leaderboard(OrgUnitId unit, YearMonth month, int top) {
        if (top < 1) {
            throw new InvalidInput("top", "must be at least 1, was " + top);
        }
        OrgUnit u = boardUnit(unit, month);
        List<Map.Entry<ActorId, EarnedProjection.Tally>> ranked = ranked(u, month);
        List<Standing> standings = new ArrayList<>();
        for (int i = 0; i < Math.min(top, ranked.size()); i++) {
            standings.add(standing(i, ranked.get(i)));
        }
        return new Leaderboard(u.id(), u.level(), month, standings, ranked.size());
    }

    /** A member's own line on a community's or street's board, also when below the top shown; empty if they earned nothing there. */
    public synchronized Optional<Standing> standing(OrgUnitId unit, YearMonth month, ActorId member) {
        requireMember(member);
        List<Map.Entry<ActorId, EarnedProjection.Tally>> ranked = ranked(boardUnit(unit, month), month);
        for (int i = 0; i < ranked.size(); i++) {
            if (ranked.get(i).getKey().equals(member)) {
                return Optional.of(standing(i, ranked.get(i)));
            }
        }
        return Optional.empty();
    }

    /** Points a member earned over all time: awards minus reversals of awards. */
    public synchronized long lifetimeEarned(ActorId member) {
        requireMember(member);
        earned.catchUp();
        return earned.lifetime(member);
    }

    /**
     * The member's current titles: every threshold title their lifetime earned points reach
     * (lowest first), then each month they were approved as 金牌先锋 (oldest first).
     */
    public synchronized List<Title> titles(ActorId member) {
        requireMember(member);
        earned.catchUp();
        long points = earned.lifetime(member);
        List<Title> out = new ArrayList<>();
        for (TitleRule r : titles) {
            if (points >= r.threshold()) {
                out.add(Title.of(r));
            }
        }
        store.ofMember(member).stream()
                .filter(d -> d.kind() == PioneerDecision.Kind.APPROVED)
                .map(PioneerDecision::month)
                .sorted()
                .forEach(m -> out.add(Title.goldPioneer(m)));
        return List.copyOf(out);
    }

    /**
     * Nominates a member of {@code by}'s community as 金牌先锋 for a month. Idempotent by
     * {@code decisionId}: the same call again returns the nomination as it is now.
     *
     * @throws NotAuthorized {@code by} is not COMMUNITY_STAFF of the member's community
     * @throws HonourRefused already awarded or nominated for that month, or the month has not begun
     * @throws DuplicateCommand the decision id was used for another decision
     */
    public synchronized Nomination nominate(CommandId decisionId, Actor by, ActorId member, YearMonth month, String reason) {
        requireDecision(decisionId, by, reason);
        requireMember(member);
        if (month == null) {
            throw new InvalidInput("month", "is required");
        }
        Optional<Nomination> replay = replay(decisionId, PioneerDecision.Kind.NOMINATED, by, decisionId, reason,
                member, month);
        if (replay.isPresent()) {
            return replay.get();
        }
        if (!by.hasRole(Role.COMMUNITY_STAFF)) {
            throw new NotAuthorized(by.id() + " (roles " + sortedRoles(by) + ") may not nominate a gold pioneer;"
                    + " allowed: COMMUNITY_STAFF of the member's community");
        }
        OrgUnitId community = membership.communityOf(member)
                .orElseThrow(() -> new InvalidInput("member", member + " belongs to no community"));
        community(member, community);
        if (!org.covers(by, community)) {
            throw new NotAuthorized(by.id() + " may not nominate " + member + ": they belong to community " + community
                    + ", outside " + by.id() + "'s scope " + sortedScope(by));
        }
        OrgUnitId street = org.streetOf(community).orElseThrow(() -> new InvalidConfiguration(
                "honours: community " + community + " has no STREET above it in the org tree"));
        if (month.isAfter(currentMonth())) {
            throw new HonourRefused(HonourRefused.Reason.MONTH_NOT_STARTED, "month " + month
                    + " has not begun in " + zone + " (it is " + currentMonth() + ")");
        }
        for (Nomination n : nominationsOf(store.ofMember(member))) {
            if (!n.month().equals(month)) {
                continue;
            }
            if (n.status() == Nomination.Status.APPROVED) {
                throw new HonourRefused(HonourRefused.Reason.ALREADY_AWARDED, member + " is already the gold pioneer of "
                        + month + " (nomination " + n.id() + ")");
            }
            if (n.status() == Nomination.Status.PENDING) {
                throw new HonourRefused(HonourRefused.Reason.ALREADY_NOMINATED, member + " is already nominated for "
                        + month + " (nomination " + n.id() + ", waiting for street " + n.street() + ")");
            }
        }
        PioneerDecision d = new PioneerDecision(decisionId, decisionId, PioneerDecision.Kind.NOMINATED, member, month,
                community, street, by.id(), clock.instant(), reason);
        store.append(d, 0);
        log.info("gold pioneer {}: {} nominated {} for {}", decisionId, by.id(), member, month);
        return Nomination.of(store.nomination(decisionId));
    }

    /**
     * Approves a pending nomination: the member becomes 金牌先锋 of its month. Only a
     * STREET_COORDINATOR whose scope covers the street above the member's community may decide.
     *
     * @throws NotFound no such nomination
     * @throws NotAuthorized {@code by} is not STREET_COORDINATOR of that street
     * @throws HonourRefused already decided, or the member already holds that month's title
     */
    public synchronized Nomination approve(CommandId decisionId, Actor by, CommandId nomination, String reason) {
        return decide(PioneerDecision.Kind.APPROVED, decisionId, by, nomination, reason);
    }

    /** Refuses a pending nomination, with the reason; a new nomination may follow. Same checks as {@link #approve}. */
    public synchronized Nomination refuse(CommandId decisionId, Actor by, CommandId nomination, String reason) {
        return decide(PioneerDecision.Kind.REFUSED, decisionId, by, nomination, reason);
    }

    /** A nomination and its decisions, if it exists. */
    public synchronized Optional<Nomination> nomination(CommandId id) {
        if (id == null) {
            throw new InvalidInput("nomination", "is required");
        }
        List<PioneerDecision> ds = store.nomination(id);
        return ds.isEmpty() ? Optional.empty() : Optional.of(Nomination.of(ds));
    }

    /** Every nomination for a month, in the order they were made. */
    public synchronized List<Nomination> nominations(YearMonth month) {
        if (month == null) {
            throw new InvalidInput("month", "is required");
        }
        return nominationsOf(store.ofMonth(month));
    }

    /**
     * Every posting on the member's account, newest first, with the running balance and each
     * posting's explanation.
     */
    public MemberHistory history(ActorId member) {
        requireMember(member);
        AccountId account = AccountId.member(member);
        AccountHistory h = ledger.account(account);
        List<HistoryEntry> entries = new ArrayList<>();
        long balance = 0;
        for (StoredPosting sp : h.postings()) {
            Posting p = sp.posting();
            if (!p.asset().equals(Posting.POINTS)) {
                continue;
            }
            long effect = p.effectOn(account);
            balance += effect;
            entries.add(new HistoryEntry(p.id(), sp.position(), p.at(), p.kind(), effect, balance, p.details()));
        }
        Collections.reverse(entries);
        return new MemberHistory(member, balance, entries);
    }

    private Nomination decide(PioneerDecision.Kind kind, CommandId decisionId, Actor by, CommandId nominationId,
            String reason) {
        requireDecision(decisionId, by, reason);
        if (nominationId == null) {
            throw new InvalidInput("nomination", "is required");
        }
        Optional<Nomination> replay = replay(decisionId, kind, by, nominationId, reason, null, null);
        if (replay.isPresent()) {
            return replay.get();
        }
        List<PioneerDecision> ds = store.nomination(nominationId);
        if (ds.isEmpty()) {
            throw new NotFound("nomination " + nominationId);
        }
        Nomination n = Nomination.of(ds);
        String verb = kind == PioneerDecision.Kind.APPROVED ? "approve" : "refuse";
        if (!by.hasRole(Role.STREET_COORDINATOR)) {
            throw new NotAuthorized(by.id() + " (roles " + sortedRoles(by) + ") may not " + verb
                    + " a gold pioneer; allowed: STREET_COORDINATOR of street " + n.street());
        }
        if (!org.covers(by, n.street())) {
            throw new NotAuthorized(by.id() + " may not " + verb + " nomination " + n.id() + ": it belongs to street "
                    + n.street() + ", outside " + by.id() + "'s scope " + sortedScope(by));
        }
        if (n.status() != Nomination.Status.PENDING) {
            throw new HonourRefused(HonourRefused.Reason.ALREADY_DECIDED, "nomination " + n.id() + " is already "
                    + n.status() + "; nominate again for a new decision");
        }
        PioneerDecision d = new PioneerDecision(decisionId, n.id(), kind, n.member(), n.month(), n.community(),
                n.street(), by.id(), clock.instant(), reason);
        store.append(d, n.version());
        log.info("gold pioneer {}: {} {} nomination {} of {} for {}", decisionId, by.id(), kind, n.id(), n.member(),
                n.month());
        return Nomination.of(store.nomination(n.id()));
    }

    /** The nomination as it is now if this decision id was already recorded with the same content. */
    private Optional<Nomination> replay(CommandId decisionId, PioneerDecision.Kind kind, Actor by, CommandId nomination,
            String reason, ActorId member, YearMonth month) {
        Optional<PioneerDecision> prior = store.decision(decisionId);
        if (prior.isEmpty()) {
            return Optional.empty();
        }
        PioneerDecision o = prior.get();
        boolean same = o.kind() == kind && o.by().equals(by.id()) && o.nomination().equals(nomination)
                && o.reason().equals(reason) && (member == null || o.member().equals(member))
                && (month == null || o.month().equals(month));
        if (!same) {
            throw new DuplicateCommand(decisionId.value(), "was already used for " + o.kind() + " of nomination "
                    + o.nomination() + " by " + o.by() + "; refused " + kind + " by " + by.id());
        }
        return Optional.of(Nomination.of(store.nomination(o.nomination())));
    }

    private OrgUnit boardUnit(OrgUnitId unit, YearMonth month) {
        if (unit == null) {
            throw new InvalidInput("unit", "is required");
        }
        if (month == null) {
            throw new InvalidInput("month", "is required");
        }
        OrgUnit u = org.find(unit).orElseThrow(() -> new NotFound("org unit " + unit));
        if (u.level() != OrgLevel.COMMUNITY && u.level() != OrgLevel.STREET) {
            throw new InvalidInput("unit", "leaderboards are per COMMUNITY or STREET; " + unit + " is a " + u.level());
        }
        return u;
    }

    private List<Map.Entry<ActorId, EarnedProjection.Tally>> ranked(OrgUnit unit, YearMonth month) {
        earned.catchUp();
        Map<OrgUnitId, Optional<OrgUnitId>> streets = new HashMap<>();
        List<Map.Entry<ActorId, EarnedProjection.Tally>> in = new ArrayList<>();
        for (Map.Entry<ActorId, EarnedProjection.Tally> e : earned.month(month).entrySet()) {
            if (e.getValue().points() <= 0) {
                continue;
            }
            Optional<OrgUnitId> community = membership.communityOf(e.getKey());
            if (community == null || community.isEmpty()) {
                continue;
            }
            community(e.getKey(), community.get());
            boolean member = unit.level() == OrgLevel.COMMUNITY
                    ? community.get().equals(unit.id())
                    : streets.computeIfAbsent(community.get(), org::streetOf).filter(unit.id()::equals).isPresent();
            if (member) {
                in.add(e);
            }
        }
        in.sort(RANKING);
        return in;
    }

    /** A community the city's membership function named must be a COMMUNITY of the tree. */
    private void community(ActorId member, OrgUnitId community) {
        Optional<OrgUnit> u = org.find(community);
        if (u.isEmpty() || u.get().level() != OrgLevel.COMMUNITY) {
            throw new InvalidConfiguration("honours: membership places " + member + " in " + community
                    + ", which is not a COMMUNITY of the org tree");
        }
    }

    private static Standing standing(int index, Map.Entry<ActorId, EarnedProjection.Tally> e) {
        return new Standing(index + 1, e.getKey(), e.getValue().points(), e.getValue().reachedAt());
    }

    private static List<Nomination> nominationsOf(List<PioneerDecision> decisions) {
        Map<CommandId, List<PioneerDecision>> byNomination = new LinkedHashMap<>();
        for (PioneerDecision d : decisions) {
            byNomination.computeIfAbsent(d.nomination(), k -> new ArrayList<>()).add(d);
        }
        List<Nomination> out = new ArrayList<>();
        byNomination.values().forEach(ds -> out.add(Nomination.of(ds)));
        return List.copyOf(out);
    }

    private static void requireDecision(CommandId decisionId, Actor by, String reason) {
        if (decisionId == null) {
            throw new InvalidInput("decisionId", "is required");
        }
        if (by == null) {
            throw new InvalidInput("by", "is required");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput("reason", "is required: a gold-pioneer decision is recorded with its reason");
        }
        if (reason.length() > 1000) {
            throw new InvalidInput("reason", "must be at most 1000 characters, was " + reason.length());
        }
    }

    private static void requireMember(ActorId member) {
        if (member == null) {
            throw new InvalidInput("member", "is required");
        }
    }

    private static List<Role> sortedRoles(Actor a) {
        return a.roles().stream().sorted().toList();
    }

    private static List<OrgUnitId> sortedScope(Actor a) {
        return a.orgScope().stream().sorted().toList();
    }

    /** Builds {@link Honours}; {@code ledger}, {@code orgTree} and {@code membership} are required. */
    public static final class Builder {
        private LedgerStore ledger;
        private List<OrgUnit> orgTree;
        private Membership membership;
        private ZoneId zone = ZoneId.of("Asia/Shanghai");
        private Clock clock = Clock.systemUTC();
        private List<TitleRule> titles = TitleRule.defaults();
        private HonoursStore store;

        private Builder() {}

        /** The ledger whose feed the boards and titles follow. */
        public Builder ledger(LedgerStore ledger) {
            this.ledger = required("ledger", ledger);
            return this;
        }

        /** The city's org units: the street above each community comes from here. */
        public Builder orgTree(List<OrgUnit> orgTree) {
            this.orgTree = new ArrayList<>(required("orgTree", orgTree));
            return this;
        }

        public Builder membership(Membership membership) {
            this.membership = required("membership", membership);
            return this;
        }

        /** The city's zone; calendar months are cut here. Default Asia/Shanghai. */
        public Builder zone(ZoneId zone) {
            this.zone = required("zone", zone);
            return this;
        }

        /** Stamps decisions and says which month has begun. Default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = required("clock", clock);
            return this;
        }

        /**
         * The threshold titles, lowest first; thresholds strictly increasing, codes unique. Default
         * {@link TitleRule#defaults()}; an empty list means no threshold titles.
         *
         * @throws InvalidConfiguration naming the entry that breaks the order or repeats a code
         */
        public Builder titles(List<TitleRule> titles) {
            if (titles == null) {
                throw new InvalidConfiguration("honours: titles is required (an empty list for none)");
            }
            for (int i = 0; i < titles.size(); i++) {
                TitleRule r = titles.get(i);
                if (r == null) {
                    throw new InvalidConfiguration("honours: titles[" + i + "] is null");
                }
                for (int j = 0; j < i; j++) {
                    if (titles.get(j).code().equals(r.code())) {
                        throw new InvalidConfiguration("honours: titles[" + i + "].code: " + r.code()
                                + " is already used by titles[" + j + "]");
                    }
                }
                if (i > 0 && r.threshold() <= titles.get(i - 1).threshold()) {
                    throw new InvalidConfiguration("honours: titles[" + i + "].threshold: must be more than titles["
                            + (i - 1) + "].threshold (" + titles.get(i - 1).threshold() + "), was " + r.threshold());
                }
            }
            this.titles = List.copyOf(titles);
            return this;
        }

        /** Where gold-pioneer decisions are kept. Default {@link HonoursStore#inMemory()}. */
        public Builder store(HonoursStore store) {
            this.store = required("store", store);
            return this;
        }

        private static <T> T required(String field, T value) {
            if (value == null) {
                throw new InvalidConfiguration("honours: " + field + " is required");
            }
            return value;
        }

        public Honours build() {
            if (ledger == null) {
                throw new InvalidConfiguration("honours: ledger is required");
            }
            if (orgTree == null) {
                throw new InvalidConfiguration("honours: orgTree is required");
            }
            if (membership == null) {
                throw new InvalidConfiguration("honours: membership is required");
            }
            if (store == null) {
                store = HonoursStore.inMemory();
            }
            return new Honours(this);
        }
    }
}
