package dev.civicloop.core;

import dev.civicloop.core.command.Accept;
import dev.civicloop.core.command.Claim;
import dev.civicloop.core.command.Confirm;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.command.Report;
import dev.civicloop.core.command.Resolve;
import dev.civicloop.core.command.Verify;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.CategoryKind;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.Deadline;
import dev.civicloop.spi.model.Department;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.GeoPoint;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.model.Satisfaction;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.Urgency;
import dev.civicloop.store.memory.InMemoryTicketStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small city from the seeds for tests: 大庆市 → 红岗区 → 八百垧街道 → 远航社区 (grids 1 and 6) and
 * 景山社区 (grid 1); departments; categories; and one actor per role. Build an engine with
 * {@link #engine()}; move time with {@link #clock}.
 */
public final class SeedCity {
    public static final OrgUnitId CITY = OrgUnitId.of("daqing");
    public static final OrgUnitId DISTRICT = OrgUnitId.of("honggang");
    public static final OrgUnitId STREET = OrgUnitId.of("babaishang");
    public static final OrgUnitId YUANHANG = OrgUnitId.of("yuanhang");
    public static final OrgUnitId JINGSHAN = OrgUnitId.of("jingshan");
    public static final OrgUnitId GRID_6 = OrgUnitId.of("yuanhang-grid-6");
    public static final OrgUnitId GRID_1 = OrgUnitId.of("yuanhang-grid-1");
    public static final OrgUnitId JINGSHAN_GRID = OrgUnitId.of("jingshan-grid-1");

    public static final DepartmentId GAS = DepartmentId.of("gas-co");
    public static final DepartmentId FIRE = DepartmentId.of("fire");
    public static final DepartmentId MUNICIPAL = DepartmentId.of("municipal");
    public static final DepartmentId HOUSING = DepartmentId.of("housing");
    public static final DepartmentId URBAN = DepartmentId.of("urban-mgmt");
    public static final DepartmentId MARKET = DepartmentId.of("market");

    public static final List<OrgUnit> ORG_UNITS = List.of(
            OrgUnit.of("daqing", OrgLevel.CITY, "大庆市", null),
            OrgUnit.of("honggang", OrgLevel.DISTRICT, "红岗区", "daqing"),
            OrgUnit.of("babaishang", OrgLevel.STREET, "八百垧街道", "honggang"),
            OrgUnit.of("yuanhang", OrgLevel.COMMUNITY, "远航社区", "babaishang"),
            OrgUnit.of("jingshan", OrgLevel.COMMUNITY, "景山社区", "babaishang"),
            OrgUnit.of("yuanhang-grid-6", OrgLevel.GRID, "第六网格", "yuanhang"),
            OrgUnit.of("yuanhang-grid-1", OrgLevel.GRID, "第一网格", "yuanhang"),
            OrgUnit.of("jingshan-grid-1", OrgLevel.GRID, "景山第一网格", "jingshan"));

    public static final List<Department> DEPARTMENTS = List.of(
            Department.of("gas-co", "燃气公司", "Gas company"),
            Department.of("fire", "消防救援站", "Fire and rescue"),
            Department.of("municipal", "市政设施管理处", "Municipal facilities"),
            Department.of("housing", "住建局", "Housing bureau"),
            Department.of("urban-mgmt", "城管局", "Urban management"),
            Department.of("market", "市场监管局", "Market supervision"));

    public static final Category GAS_LEAK = Category.builder("gas_leak", "燃气泄漏", "Gas leak")
            .kind(CategoryKind.HAZARD).urgency(Urgency.URGENT)
            .claimWithin(Deadline.hours(1)).resolveWithin(Deadline.hours(2))
            .lead(GAS).coHandlers(List.of(FIRE)).build();
    public static final Category MANHOLE = Category.builder("manhole_cover", "井盖破损", "Broken manhole cover")
            .kind(CategoryKind.HAZARD).claimWithin(Deadline.hours(24)).resolveWithin(Deadline.workingDays(1))
            .lead(MUNICIPAL).build();
    public static final Category FLYING_WIRE = Category.builder("flying_wire", "飞线充电", "E-bike charging cable")
            .kind(CategoryKind.HAZARD).claimWithin(Deadline.hours(24)).resolveWithin(Deadline.workingDays(3))
            .lead(URBAN).coHandlers(List.of(FIRE)).build();
    public static final Category DISPUTE = Category.builder("neighbour_dispute", "邻里纠纷", "Neighbour dispute")
            .kind(CategoryKind.DISPUTE).claimWithin(Deadline.hours(24)).resolveWithin(Deadline.workingDays(7)).build();
    public static final Category SUGGESTION = Category.builder("suggestion", "意见建议", "Suggestion")
            .kind(CategoryKind.SUGGESTION).claimWithin(Deadline.hours(48)).resolveWithin(Deadline.workingDays(15)).build();
    public static final Category REST_PLACE = Category.builder("rest_place", "休息场所诉求", "Rest place request")
            .kind(CategoryKind.GRIEVANCE).claimWithin(Deadline.hours(24)).resolveWithin(Deadline.workingDays(5)).build();
    public static final List<Category> CATEGORIES = List.of(GAS_LEAK, MANHOLE, FLYING_WIRE, DISPUTE, SUGGESTION, REST_PLACE);

    /** 王斌, delivery rider and mobile grid member. */
    public static final Actor RIDER = Actor.reporter("wang-bin", Role.MOBILE_GRID_MEMBER);
    /** 张国龙, ride-hailing driver, part-time grid member of grid 6. */
    public static final Actor DRIVER = Actor.reporter("zhang-guolong", Role.MOBILE_GRID_MEMBER);
    public static final Actor RESIDENT = Actor.reporter("resident-li", Role.REPORTER);
    public static final Actor GRID6_STAFF = staff("grid6-staff", Role.GRID_STAFF, GRID_6);
    public static final Actor JINGSHAN_GRID_STAFF = staff("jingshan-grid-staff", Role.GRID_STAFF, JINGSHAN_GRID);
    public static final Actor YUANHANG_STAFF = staff("yuanhang-staff", Role.COMMUNITY_STAFF, YUANHANG);
    public static final Actor JINGSHAN_STAFF = staff("jingshan-staff", Role.COMMUNITY_STAFF, JINGSHAN);
    public static final Actor COORDINATOR = staff("babaishang-coordinator", Role.STREET_COORDINATOR, STREET);
    public static final Actor SUPERVISOR = staff("honggang-supervisor", Role.SUPERVISOR, DISTRICT);
    public static final Actor GAS_HANDLER = handler("gas-handler", GAS);
    public static final Actor FIRE_HANDLER = handler("fire-handler", FIRE);
    public static final Actor MUNICIPAL_HANDLER = handler("municipal-handler", MUNICIPAL);
    public static final Actor HOUSING_HANDLER = handler("housing-handler", HOUSING);
    public static final Actor URBAN_HANDLER = handler("urban-handler", URBAN);

    /** 2026-11-23 09:00 in Asia/Shanghai (a Monday). */
    public static final Instant MONDAY_9AM = Instant.parse("2026-11-23T01:00:00Z");

    public final MutableClock clock = new MutableClock(MONDAY_9AM);
    public final InMemoryTicketStore store = new InMemoryTicketStore();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger commands = new AtomicInteger();

    public GovernanceEngine.Builder builder() {
        return GovernanceEngine.builder()
                .store(store)
                .clock(clock)
                .orgUnits(ORG_UNITS)
                .departments(DEPARTMENTS)
                .categories(CATEGORIES)
                .ticketIds(() -> TicketId.of("T" + ids.incrementAndGet()));
    }

    public GovernanceEngine engine() {
        return builder().build();
    }

    /** A fresh command id. */
    public CommandId cmd() {
        return CommandId.of("c" + commands.incrementAndGet());
    }

    public static Actor staff(String id, Role role, OrgUnitId unit) {
        return Actor.of(id, Set.of(role), Set.of(unit), Set.of());
    }

    public static Actor handler(String id, DepartmentId department) {
        return Actor.of(id, Set.of(Role.DEPARTMENT_HANDLER), Set.of(), Set.of(department));
    }

    public static Location sanxi() {
        return Location.of(GeoPoint.wgs84(46.5806, 124.8718), "尚溪小区 3 栋院内");
    }

    // ---- a few steps many tests need -----------------------------------------------------

    public Report report(Actor who, Category category, OrgUnitId grid) {
        return new Report(cmd(), who, category.code(), sanxi(), "report of " + category.nameEn(), List.of(), grid);
    }

    /** Reports a manhole cover in grid 6, verifies and dispatches it to 远航社区 + municipal. */
    public TicketView dispatchedManhole(GovernanceEngine engine) {
        TicketView t = engine.handle(report(DRIVER, MANHOLE, GRID_6));
        engine.handle(new Verify(cmd(), GRID6_STAFF, t.ticketId(), VerificationMethod.BY_PHOTO, null));
        return engine.handle(new Dispatch(cmd(), COORDINATOR, t.ticketId(), YUANHANG, MUNICIPAL, List.of(), "grid 6 → 远航社区"));
    }

    /** Drives a dispatched ticket through claim, accept and resolve by every assigned department. */
    public TicketView resolve(GovernanceEngine engine, TicketView t, List<Actor> handlers) {
        engine.handle(new Claim(cmd(), YUANHANG_STAFF, t.ticketId()));
        for (Actor h : handlers) {
            engine.handle(new Accept(cmd(), h, t.ticketId()));
        }
        TicketView last = null;
        for (Actor h : handlers) {
            last = engine.handle(new Resolve(cmd(), h, t.ticketId(), "fixed", List.of()));
        }
        return last;
    }

    public TicketView confirm(GovernanceEngine engine, TicketView t, Actor reporter) {
        return engine.handle(new Confirm(cmd(), reporter, t.ticketId(), Satisfaction.SATISFIED, null));
    }

    // ---- time in the city ------------------------------------------------------------------

    /** The seed city's time zone. */
    public static final java.time.ZoneId SHANGHAI = java.time.ZoneId.of("Asia/Shanghai");

    /** A local date-time in Asia/Shanghai, e.g. {@code shanghai("2026-11-27T17:00")}, as an instant. */
    public static Instant shanghai(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    /**
     * China's 2026 public holidays and swapped working days (调休), as published in 国务院办公厅关于2026年部分节假日安排的通知
     * (国办发明电, 2025-11-04; Xinhua, e.g. politics.gmw.cn/2025-11/04/content_38391083.htm).
     */
    public static WorkingCalendar china2026() {
        Set<java.time.LocalDate> holidays = new java.util.HashSet<>();
        addDays(holidays, "2026-01-01", "2026-01-03"); // 元旦
        addDays(holidays, "2026-02-15", "2026-02-23"); // 春节
        addDays(holidays, "2026-04-04", "2026-04-06"); // 清明节
        addDays(holidays, "2026-05-01", "2026-05-05"); // 劳动节
        addDays(holidays, "2026-06-19", "2026-06-21"); // 端午节
        addDays(holidays, "2026-09-25", "2026-09-27"); // 中秋节
        addDays(holidays, "2026-10-01", "2026-10-07"); // 国庆节
        Set<java.time.LocalDate> swappedWorkingDays = Set.of(
                java.time.LocalDate.parse("2026-01-04"), // Sunday
                java.time.LocalDate.parse("2026-02-14"), // Saturday
                java.time.LocalDate.parse("2026-02-28"), // Saturday
                java.time.LocalDate.parse("2026-05-09"), // Saturday
                java.time.LocalDate.parse("2026-09-20"), // Sunday
                java.time.LocalDate.parse("2026-10-10")); // Saturday
        return WorkingCalendar.of(SHANGHAI).withHolidays(holidays).withWorkingWeekendDays(swappedWorkingDays);
    }

    private static void addDays(Set<java.time.LocalDate> into, String first, String last) {
        for (java.time.LocalDate d = java.time.LocalDate.parse(first); !d.isAfter(java.time.LocalDate.parse(last));
                d = d.plusDays(1)) {
            into.add(d);
        }
    }

    /** A clock tests can move. */
    public static final class MutableClock extends Clock {
        private volatile Instant now;

        public MutableClock(Instant start) {
            this.now = start;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        public void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
