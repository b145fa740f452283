package dev.civicloop.members;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.core.command.Report;
import dev.civicloop.spi.member.IdentityVerifier;
import dev.civicloop.spi.member.PersonalData;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorDirectory;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.CategoryKind;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.Deadline;
import dev.civicloop.spi.model.Department;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.Occupation;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.store.memory.InMemoryMemberStore;
import dev.civicloop.store.memory.InMemoryOutbox;
import dev.civicloop.store.memory.InMemoryTicketStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The seed city for enrolment tests: 大庆市 → 红岗区 → 八百垧街道 → 远航社区 (grids 1 and 6) and 景山社区
 * (grid 1); staff of each community, street staff, grid staff; a member store and a ticket store
 * sharing one outbox, a movable clock and a ticket engine that authorises with the members' directory.
 */
final class EnrolmentCity {
    static final OrgUnitId STREET = OrgUnitId.of("babaishang");
    static final OrgUnitId YUANHANG = OrgUnitId.of("yuanhang");
    static final OrgUnitId JINGSHAN = OrgUnitId.of("jingshan");
    static final OrgUnitId GRID_6 = OrgUnitId.of("yuanhang-grid-6");
    static final OrgUnitId GRID_1 = OrgUnitId.of("yuanhang-grid-1");
    static final OrgUnitId JINGSHAN_GRID = OrgUnitId.of("jingshan-grid-1");

    static final List<OrgUnit> ORG_UNITS = List.of(
            OrgUnit.of("daqing", OrgLevel.CITY, "大庆市", null),
            OrgUnit.of("honggang", OrgLevel.DISTRICT, "红岗区", "daqing"),
            OrgUnit.of("babaishang", OrgLevel.STREET, "八百垧街道", "honggang"),
            OrgUnit.of("yuanhang", OrgLevel.COMMUNITY, "远航社区", "babaishang"),
            OrgUnit.of("jingshan", OrgLevel.COMMUNITY, "景山社区", "babaishang"),
            OrgUnit.of("yuanhang-grid-6", OrgLevel.GRID, "第六网格", "yuanhang"),
            OrgUnit.of("yuanhang-grid-1", OrgLevel.GRID, "第一网格", "yuanhang"),
            OrgUnit.of("jingshan-grid-1", OrgLevel.GRID, "景山第一网格", "jingshan"));

    static final DepartmentId MUNICIPAL = DepartmentId.of("municipal");
    static final Category MANHOLE = Category.builder("manhole_cover", "井盖破损", "Broken manhole cover")
            .kind(CategoryKind.HAZARD).claimWithin(Deadline.hours(24)).resolveWithin(Deadline.workingDays(1))
            .lead(MUNICIPAL).build();

    static final Actor YUANHANG_STAFF = staff("yuanhang-staff", Role.COMMUNITY_STAFF, YUANHANG);
    static final Actor JINGSHAN_STAFF = staff("jingshan-staff", Role.COMMUNITY_STAFF, JINGSHAN);
    /** Community staff seconded to the street: covers both communities below it. */
    static final Actor STREET_COMMUNITY_STAFF = staff("street-community-staff", Role.COMMUNITY_STAFF, STREET);
    static final Actor GRID6_STAFF = staff("grid6-staff", Role.GRID_STAFF, GRID_6);
    static final Actor COORDINATOR = staff("babaishang-coordinator", Role.STREET_COORDINATOR, STREET);

    /** The city's staff records. */
    static final ActorDirectory STAFF = directory(YUANHANG_STAFF, JINGSHAN_STAFF, STREET_COMMUNITY_STAFF, GRID6_STAFF,
            COORDINATOR);

    /** 2026-11-23 09:00 in Asia/Shanghai. */
    static final Instant START = Instant.parse("2026-11-23T01:00:00Z");

    final MutableClock clock = new MutableClock(START);
    /** Shared by the member and ticket stores: the engine delivers the notices to members too. */
    final InMemoryOutbox outbox = new InMemoryOutbox();
    final InMemoryMemberStore store = new InMemoryMemberStore(outbox);
    final InMemoryTicketStore tickets = new InMemoryTicketStore(outbox);
    private final AtomicInteger commands = new AtomicInteger();
    private final AtomicInteger ticketIds = new AtomicInteger();

    Members.Builder membersBuilder() {
        return Members.builder().store(store).clock(clock).orgUnits(ORG_UNITS).staff(STAFF);
    }

    Members members() {
        return membersBuilder().build();
    }

    GovernanceEngine engine(Members members) {
        return GovernanceEngine.builder()
                .store(tickets)
                .clock(clock)
                .orgUnits(ORG_UNITS)
                .departments(List.of(Department.of("municipal", "市政设施管理处", "Municipal facilities")))
                .categories(List.of(MANHOLE))
                .ticketIds(() -> TicketId.of("T" + ticketIds.incrementAndGet()))
                .actors(members.directory())
                .build();
    }

    /** The store's feed and every applicant's personal data, to show a refused command changed nothing. */
    String snapshot() {
        StringBuilder out = new StringBuilder(store.readAfter(0, 10_000).toString());
        for (String id : List.of("wang-bin", "zhang-guolong", "li-ming", "resident-li")) {
            out.append('|').append(id).append('=').append(store.personalData(ActorId.of(id)));
        }
        return out.toString();
    }

    CommandId cmd() {
        return CommandId.of("c" + commands.incrementAndGet());
    }

    static PersonalData personalData(String name, String phone, String idNumber) {
        return new PersonalData(name, phone, idNumber, START.minus(Duration.ofMinutes(5)), "civicloop-privacy-v1");
    }

    /** 王斌, a Meituan delivery rider applying to 远航社区. */
    static Application wangBin() {
        return Application.of(ActorId.of("wang-bin"), YUANHANG, Occupation.DELIVERY_RIDER, "meituan",
                personalData("王斌", "13812345678", null));
    }

    static Application application(String id, OrgUnitId community, String phone) {
        return Application.of(ActorId.of(id), community, Occupation.COURIER, "sf-express", personalData("测试", phone, null));
    }

    /** A report of a broken manhole cover in grid 6, by whoever the actor says they are. */
    static Report report(CommandId id, ActorId reporter) {
        return new Report(id, Actor.reporter(reporter.value(), Role.MOBILE_GRID_MEMBER), MANHOLE.code(),
                Location.address("尚溪小区 3 栋"), "井盖翘起", List.of(), GRID_6);
    }

    static Actor staff(String id, Role role, OrgUnitId unit) {
        return Actor.of(id, Set.of(role), Set.of(unit), Set.of());
    }

    static ActorDirectory directory(Actor... actors) {
        Map<ActorId, Actor> m = java.util.Arrays.stream(actors).collect(Collectors.toMap(Actor::id, Function.identity()));
        return id -> Optional.ofNullable(m.get(id));
    }

    static IdentityVerifier refusing(String reason) {
        return d -> IdentityVerifier.Result.failed(reason);
    }

    /** A clock tests can move. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
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
