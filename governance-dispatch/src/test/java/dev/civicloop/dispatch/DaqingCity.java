package dev.civicloop.dispatch;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.core.TicketView;
import dev.civicloop.core.command.Report;
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
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.Urgency;
import dev.civicloop.store.memory.InMemoryTicketStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test city drawn as four 0.01° squares near 大庆: 红岗区 → 八百垧街道 (远航社区 grids 1 and 6,
 * 景山社区 grid 1) and 解放街道 (三营社区 grid 12); its departments and categories; an engine on
 * the in-memory store wired to the org tree the map describes.
 */
final class DaqingCity {
    static final OrgUnit CITY = OrgUnit.of("大庆市", OrgLevel.CITY, "大庆市", null);
    static final OrgUnitId BABAISHANG = OrgUnitId.of("八百垧街道");
    static final OrgUnitId JIEFANG = OrgUnitId.of("解放街道");
    static final OrgUnitId YUANHANG = OrgUnitId.of("远航社区");
    static final OrgUnitId SANYING = OrgUnitId.of("三营社区");
    static final OrgUnitId GRID_6 = OrgUnitId.of("yuanhang-6");
    static final OrgUnitId GRID_12 = OrgUnitId.of("sanying-12");

    static final DepartmentId GAS = DepartmentId.of("gas-co");
    static final DepartmentId FIRE = DepartmentId.of("fire");
    static final DepartmentId MUNICIPAL = DepartmentId.of("municipal");
    static final DepartmentId ROADS = DepartmentId.of("roads");
    static final DepartmentId URBAN = DepartmentId.of("urban-mgmt");
    static final List<Department> DEPARTMENTS = List.of(
            Department.of("gas-co", "燃气公司", "Gas company"),
            Department.of("fire", "消防救援站", "Fire and rescue"),
            Department.of("municipal", "市政设施管理处", "Municipal facilities"),
            Department.of("roads", "公路养护中心", "Road maintenance"),
            Department.of("urban-mgmt", "城管局", "Urban management"));

    /** Urgent, with default departments: the core dispatches it inside the report itself. */
    static final Category GAS_LEAK = Category.builder("gas_leak", "燃气泄漏", "Gas leak")
            .kind(CategoryKind.HAZARD).urgency(Urgency.URGENT)
            .claimWithin(Deadline.hours(1)).resolveWithin(Deadline.hours(2)).lead(GAS).coHandlers(List.of(FIRE)).build();
    /** Urgent, routed per area by the matrix (no default department). */
    static final Category FIRE_EXIT = Category.builder("blocked_fire_exit", "消防通道堵塞", "Blocked fire exit")
            .kind(CategoryKind.HAZARD).urgency(Urgency.URGENT)
            .claimWithin(Deadline.hours(1)).resolveWithin(Deadline.hours(4)).build();
    static final Category MANHOLE = Category.builder("manhole_cover", "井盖破损", "Broken manhole cover")
            .kind(CategoryKind.HAZARD).claimWithin(Deadline.hours(24)).resolveWithin(Deadline.workingDays(1)).build();
    static final Category FLYING_WIRE = Category.builder("flying_wire", "飞线充电", "E-bike charging cable")
            .kind(CategoryKind.HAZARD).claimWithin(Deadline.hours(24)).resolveWithin(Deadline.workingDays(3)).build();
    static final Category DISPUTE = Category.builder("neighbour_dispute", "邻里纠纷", "Neighbour dispute")
            .kind(CategoryKind.DISPUTE).claimWithin(Deadline.hours(24)).resolveWithin(Deadline.workingDays(7)).build();

    static final Actor RIDER = Actor.reporter("wang-bin", Role.MOBILE_GRID_MEMBER);
    static final Actor DRIVER = Actor.reporter("zhang-guolong", Role.MOBILE_GRID_MEMBER);
    static final Actor GRID6_STAFF = Actor.of("grid6-staff", Set.of(Role.GRID_STAFF), Set.of(GRID_6), Set.of());
    static final Actor GRID12_STAFF = Actor.of("grid12-staff", Set.of(Role.GRID_STAFF), Set.of(GRID_12), Set.of());
    static final Actor YUANHANG_STAFF = Actor.of("yuanhang-staff", Set.of(Role.COMMUNITY_STAFF), Set.of(YUANHANG), Set.of());
    static final Actor COORDINATOR = Actor.of("babaishang-coordinator", Set.of(Role.STREET_COORDINATOR), Set.of(BABAISHANG),
            Set.of());
    static final Actor MUNICIPAL_HANDLER = Actor.of("municipal-handler", Set.of(Role.DEPARTMENT_HANDLER), Set.of(),
            Set.of(MUNICIPAL));

    /** 2026-11-23 09:00 in Asia/Shanghai. */
    static final Instant START = Instant.parse("2026-11-23T01:00:00Z");

    final GridMap map = load();
    final List<OrgUnit> orgUnits = map.orgUnits(CITY);
    final InMemoryTicketStore store = new InMemoryTicketStore();
    final MovableClock clock = new MovableClock(START);
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger commands = new AtomicInteger();
    final GovernanceEngine engine = GovernanceEngine.builder()
            .store(store)
            .clock(clock)
            .orgUnits(orgUnits)
            .departments(DEPARTMENTS)
            .categories(List.of(GAS_LEAK, FIRE_EXIT, MANHOLE, FLYING_WIRE, DISPUTE))
            .ticketIds(() -> TicketId.of("T" + ids.incrementAndGet()))
            .build();

    static GridMap load() {
        try (InputStream in = DaqingCity.class.getResourceAsStream("/city/daqing-grids.geojson")) {
            return GridMap.load(in, GridMapping.byId("grid_id").name("grid_name").community("community").street("street")
                    .district("district"), GridMapOptions.STRICT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CommandId cmd() {
        return CommandId.of("c" + commands.incrementAndGet());
    }

    /** A point in grid 6 (south-west corner + offsets in metres, roughly). */
    static GeoPoint inGrid6(double northMetres, double eastMetres) {
        return GeoPoint.wgs84(46.585 + northMetres / 111_320.0, 124.875 + eastMetres / (111_320.0 * Math.cos(Math.toRadians(46.585))));
    }

    static GeoPoint inGrid12() {
        return GeoPoint.wgs84(46.585, 124.905);
    }

    /** Reports at a point, placing it on the map as a city would before calling the engine. */
    TicketView report(Actor who, Category category, GeoPoint point) {
        OrgUnitId unit = new GridRouter(map, OrgUnitId.of("大庆市")).place(point).unit();
        return engine.handle(new Report(cmd(), who, category.code(), Location.of(point, null),
                category.nameZh() + " 上报", List.of(), unit));
    }

    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(java.time.Duration d) {
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
