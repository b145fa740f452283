package dev.civicloop.members;

import dev.civicloop.spi.member.MemberStore;
import dev.civicloop.store.memory.InMemoryMemberStore;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.GeoPoint;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The seed city for teams, tasks and activities: 八百垧街道 → 远航社区 (grids 1 and 6) and 景山社区;
 * staff of each community and of the street; a member lookup tests can enrol into and suspend;
 * a clock tests move; a {@link TaskBoard} over a {@link SimpleMemberStore}.
 */
final class TaskCity {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final OrgUnitId STREET = OrgUnitId.of("babaishang");
    static final OrgUnitId YUANHANG = OrgUnitId.of("yuanhang");
    static final OrgUnitId JINGSHAN = OrgUnitId.of("jingshan");
    static final OrgUnitId GRID_6 = OrgUnitId.of("yuanhang-grid-6");
    static final OrgUnitId GRID_1 = OrgUnitId.of("yuanhang-grid-1");
    static final List<OrgUnit> ORG_UNITS = List.of(
            OrgUnit.of("daqing", OrgLevel.CITY, "大庆市", null),
            OrgUnit.of("honggang", OrgLevel.DISTRICT, "红岗区", "daqing"),
            OrgUnit.of("babaishang", OrgLevel.STREET, "八百垧街道", "honggang"),
            OrgUnit.of("yuanhang", OrgLevel.COMMUNITY, "远航社区", "babaishang"),
            OrgUnit.of("jingshan", OrgLevel.COMMUNITY, "景山社区", "babaishang"),
            OrgUnit.of("yuanhang-grid-6", OrgLevel.GRID, "第六网格", "yuanhang"),
            OrgUnit.of("yuanhang-grid-1", OrgLevel.GRID, "第一网格", "yuanhang"));

    static final Actor YUANHANG_STAFF = Actor.of("yuanhang-staff", Set.of(Role.COMMUNITY_STAFF), Set.of(YUANHANG), Set.of());
    static final Actor JINGSHAN_STAFF = Actor.of("jingshan-staff", Set.of(Role.COMMUNITY_STAFF), Set.of(JINGSHAN), Set.of());
    static final Actor STREET_STAFF = Actor.of("street-staff", Set.of(Role.COMMUNITY_STAFF), Set.of(STREET), Set.of());
    static final Actor GRID_STAFF = Actor.of("grid6-staff", Set.of(Role.GRID_STAFF), Set.of(GRID_6), Set.of());

    /** 张国龙, a part-time mobile grid member of grid 6 (a ride-hailing driver). */
    static final ActorId ZHANG_GUOLONG = ActorId.of("zhang-guolong");
    static final ActorId WANG_BIN = ActorId.of("wang-bin");
    static final ActorId JINGSHAN_RIDER = ActorId.of("jingshan-rider");

    /** 尚溪小区 3 栋, where an elderly resident of grid 6 lives alone. */
    static final GeoPoint SHANGXI = GeoPoint.wgs84(46.58010, 124.86020);
    /** 2026-11-23 09:00 in Shanghai, a Monday. */
    static final Instant NOW = at("2026-11-23T09:00");

    final MovableClock clock = new MovableClock(NOW);
    final MemberStore store;
    final Map<ActorId, MemberLookup.Standing> standings = new ConcurrentHashMap<>();
    final MemberLookup lookup = new MemberLookup() {
        @Override
        public Optional<Standing> find(ActorId member) {
            return Optional.ofNullable(standings.get(member));
        }

        @Override
        public Collection<ActorId> membersOf(OrgUnitId community) {
            List<ActorId> out = new ArrayList<>();
            standings.forEach((id, s) -> {
                if (s.community().equals(community)) {
                    out.add(id);
                }
            });
            return out;
        }
    };
    final TaskBoard board;
    private final AtomicInteger commands = new AtomicInteger();

    TaskCity() {
        this(new InMemoryMemberStore());
    }

    TaskCity(MemberStore store) {
        this.store = store;
        this.board = TaskBoard.builder().store(store).members(lookup).clock(clock).orgUnits(ORG_UNITS).build();
        enrol(ZHANG_GUOLONG, YUANHANG, GRID_6);
        enrol(WANG_BIN, YUANHANG, GRID_1);
        enrol(JINGSHAN_RIDER, JINGSHAN, null);
    }

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    void enrol(ActorId member, OrgUnitId community, OrgUnitId grid) {
        standings.put(member, new MemberLookup.Standing(true, community, grid));
    }

    void suspend(ActorId member) {
        MemberLookup.Standing s = standings.get(member);
        standings.put(member, new MemberLookup.Standing(false, s.community(), s.grid()));
    }

    CommandId cmd() {
        return CommandId.of("c" + commands.incrementAndGet());
    }

    /** A medicine delivery in grid 6, 09:00–12:00, checked within 300 m of 尚溪小区 3 栋. */
    ServiceTask medicine(String id, int slots) {
        return ServiceTask.builder(TaskId.of(id), YUANHANG, TaskKind.DELIVER_MEDICINE, "给独居老人送降压药")
                .beneficiary("elder-0612")
                .place(Location.of(SHANGXI, "尚溪小区 3 栋"))
                .window(at("2026-11-23T09:00"), at("2026-11-23T12:00"))
                .slots(slots)
                .checkInWithinMetres(300)
                .build();
    }

    /** Traffic guidance at the market, 07:00–19:00, anywhere. */
    ServiceTask traffic(String id, int slots) {
        return ServiceTask.builder(TaskId.of(id), YUANHANG, TaskKind.GUIDE_TRAFFIC, "早市疏导交通")
                .place(Location.address("远航农贸市场"))
                .window(at("2026-11-23T07:00"), at("2026-11-23T19:00"))
                .slots(slots)
                .build();
    }

    /** Tree planting 2026-11-24 09:00–11:30. */
    Activity trees(String id, int capacity) {
        return Activity.of(ActivityId.of(id), YUANHANG, ActivityKind.TREE_PLANTING, "义务植树", Location.address("远航公园"),
                at("2026-11-24T09:00"), at("2026-11-24T11:30"), capacity);
    }

    /** A clock tests move by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void set(Instant instant) {
            now = instant;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
