package dev.civicloop.points;

import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.LedgerAppend;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.ledger.StoredPosting;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import dev.civicloop.store.memory.InMemoryLedgerStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small city for honours: street-a holds communities yuanhang and lvyuan, street-b holds
 * heping; a roster places members; a ledger in memory; a clock the test moves in Shanghai time.
 */
final class HonoursCity {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final OrgUnitId YUANHANG = OrgUnitId.of("yuanhang");
    static final OrgUnitId LVYUAN = OrgUnitId.of("lvyuan");
    static final OrgUnitId HEPING = OrgUnitId.of("heping");
    static final OrgUnitId STREET_A = OrgUnitId.of("street-a");
    static final OrgUnitId STREET_B = OrgUnitId.of("street-b");
    static final List<OrgUnit> TREE = List.of(
            OrgUnit.of("daqing", OrgLevel.CITY, "大庆市", null),
            OrgUnit.of("ranghulu", OrgLevel.DISTRICT, "让胡路区", "daqing"),
            OrgUnit.of("street-a", OrgLevel.STREET, "A街道", "ranghulu"),
            OrgUnit.of("street-b", OrgLevel.STREET, "B街道", "ranghulu"),
            OrgUnit.of("yuanhang", OrgLevel.COMMUNITY, "远航社区", "street-a"),
            OrgUnit.of("lvyuan", OrgLevel.COMMUNITY, "绿园社区", "street-a"),
            OrgUnit.of("heping", OrgLevel.COMMUNITY, "和平社区", "street-b"),
            OrgUnit.of("grid-1", OrgLevel.GRID, "第一网格", "yuanhang"));

    final MutableClock clock = new MutableClock(local(2026, 11, 10, 10, 0));
    final InMemoryLedgerStore store = new InMemoryLedgerStore();
    final PointsLedger ledger = new PointsLedger(store, clock);
    final Map<ActorId, OrgUnitId> roster = new ConcurrentHashMap<>();
    final Honours honours;

    HonoursCity() {
        this(TitleRule.defaults());
    }

    HonoursCity(List<TitleRule> titles) {
        honours = Honours.builder()
                .ledger(store)
                .orgTree(TREE)
                .membership(m -> Optional.ofNullable(roster.get(m)))
                .clock(clock)
                .titles(titles)
                .build();
    }

    static Instant local(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(SHANGHAI).toInstant();
    }

    HonoursCity member(String id, OrgUnitId community) {
        roster.put(ActorId.of(id), community);
        return this;
    }

    void at(int year, int month, int day, int hour, int minute) {
        clock.set(local(year, month, day, hour, minute));
    }

    StoredPosting award(String member, long points, String id) {
        return ledger.award(ActorId.of(member), points, PostingId.of(id),
                Map.of("rule", "verified-report", "event", "event-" + id));
    }

    /** A correction of an award, as the ledger will post it: member → issuance, naming the award. */
    void reverse(String id, String member, long points, String award) {
        post(id, AccountId.member(ActorId.of(member)), AccountId.ISSUANCE, points, "reversal", Map.of("reverses", award));
    }

    void post(String id, AccountId debit, AccountId credit, long points, String kind, Map<String, String> details) {
        store.append(LedgerAppend.unguarded(List.of(
                new Posting(PostingId.of(id), debit, credit, Posting.POINTS, points, kind, clock.instant(), details))));
    }

    static Actor communityStaff(String id, OrgUnitId community) {
        return new Actor(ActorId.of(id), Set.of(Role.COMMUNITY_STAFF), Set.of(community), Set.of());
    }

    static Actor streetCoordinator(String id, OrgUnitId street) {
        return new Actor(ActorId.of(id), Set.of(Role.STREET_COORDINATOR), Set.of(street), Set.of());
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            MutableClock outer = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId z) {
                    return outer.withZone(z);
                }

                @Override
                public Instant instant() {
                    return outer.instant();
                }
            };
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
