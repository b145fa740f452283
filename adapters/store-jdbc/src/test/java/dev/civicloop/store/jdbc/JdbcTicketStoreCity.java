package dev.civicloop.store.jdbc;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.core.command.Accept;
import dev.civicloop.core.command.Claim;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.command.Report;
import dev.civicloop.core.command.TicketCommand;
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
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.notify.Notifier;
import dev.civicloop.spi.store.TicketStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A small city for the engine tests on JDBC (grid 6 of 远航社区 in 八百垧街道), with one category
 * handled jointly by two departments, and the commands that carry a ticket from report to both
 * departments' acceptance. Also used by the crash test's separate JVM.
 */
final class JdbcTicketStoreCity {
    private JdbcTicketStoreCity() {}

    static final OrgUnitId COMMUNITY = OrgUnitId.of("yuanhang");
    static final OrgUnitId GRID = OrgUnitId.of("yuanhang-grid-6");
    static final DepartmentId URBAN = DepartmentId.of("urban-mgmt");
    static final DepartmentId FIRE = DepartmentId.of("fire");
    static final Instant MONDAY_9AM = Instant.parse("2026-11-23T01:00:00Z");

    static final List<OrgUnit> ORG_UNITS = List.of(
            OrgUnit.of("daqing", OrgLevel.CITY, "大庆市", null),
            OrgUnit.of("honggang", OrgLevel.DISTRICT, "红岗区", "daqing"),
            OrgUnit.of("babaishang", OrgLevel.STREET, "八百垧街道", "honggang"),
            OrgUnit.of("yuanhang", OrgLevel.COMMUNITY, "远航社区", "babaishang"),
            OrgUnit.of("yuanhang-grid-6", OrgLevel.GRID, "第六网格", "yuanhang"));
    static final List<Department> DEPARTMENTS = List.of(
            Department.of("urban-mgmt", "城管局", "Urban management"),
            Department.of("fire", "消防救援站", "Fire and rescue"));
    /** 飞线充电: urban management leads, the fire station co-handles; both must accept. */
    static final Category FLYING_WIRE = Category.builder("flying_wire", "飞线充电", "E-bike charging cable")
            .kind(CategoryKind.HAZARD).claimWithin(Deadline.hours(24)).resolveWithin(Deadline.workingDays(3))
            .lead(URBAN).coHandlers(List.of(FIRE)).build();

    static final Actor REPORTER = Actor.reporter("zhang-guolong", Role.MOBILE_GRID_MEMBER);
    static final Actor GRID_STAFF = Actor.of("grid6-staff", Set.of(Role.GRID_STAFF), Set.of(GRID), Set.of());
    static final Actor COORDINATOR = Actor.of("babaishang-coordinator", Set.of(Role.STREET_COORDINATOR),
            Set.of(OrgUnitId.of("babaishang")), Set.of());
    static final Actor COMMUNITY_STAFF = Actor.of("yuanhang-staff", Set.of(Role.COMMUNITY_STAFF), Set.of(COMMUNITY),
            Set.of());
    static final Actor URBAN_HANDLER = Actor.of("urban-handler", Set.of(Role.DEPARTMENT_HANDLER), Set.of(), Set.of(URBAN));
    static final Actor FIRE_HANDLER = Actor.of("fire-handler", Set.of(Role.DEPARTMENT_HANDLER), Set.of(), Set.of(FIRE));

    /** An engine on {@code store} at a fixed Monday 9:00, new ticket ids from {@code ids}. */
    static GovernanceEngine engine(TicketStore store, Notifier notifier, Supplier<TicketId> ids) {
        GovernanceEngine.Builder b = GovernanceEngine.builder()
                .store(store)
                .clock(Clock.fixed(MONDAY_9AM, ZoneOffset.UTC))
                .orgUnits(ORG_UNITS)
                .departments(DEPARTMENTS)
                .categories(List.of(FLYING_WIRE))
                .ticketIds(ids);
        return notifier == null ? b.build() : b.notifier(notifier).build();
    }

    static Report report(String key) {
        return new Report(CommandId.of("report-" + key), REPORTER, FLYING_WIRE.code(),
                Location.of(GeoPoint.wgs84(46.5806, 124.8718), "尚溪小区 3 栋楼道"), "楼道飞线充电 " + key, List.of(), GRID);
    }

    /** The commands after the report, in order: verify, dispatch, claim (one id each per ticket key). */
    static List<TicketCommand> verifyDispatchClaim(String key, TicketId id) {
        return List.of(
                new Verify(CommandId.of("verify-" + key), GRID_STAFF, id, VerificationMethod.BY_PHOTO, null),
                new Dispatch(CommandId.of("dispatch-" + key), COORDINATOR, id, COMMUNITY, URBAN, List.of(FIRE),
                        "grid 6 → 远航社区"),
                new Claim(CommandId.of("claim-" + key), COMMUNITY_STAFF, id));
    }

    static Accept accept(String key, TicketId id, Actor handler) {
        return new Accept(CommandId.of("accept-" + handler.id().value() + "-" + key), handler, id);
    }
}
