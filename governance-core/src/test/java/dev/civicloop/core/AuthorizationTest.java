package dev.civicloop.core;

import static dev.civicloop.core.SeedCity.COORDINATOR;
import static dev.civicloop.core.SeedCity.DRIVER;
import static dev.civicloop.core.SeedCity.FIRE;
import static dev.civicloop.core.SeedCity.FIRE_HANDLER;
import static dev.civicloop.core.SeedCity.FLYING_WIRE;
import static dev.civicloop.core.SeedCity.GAS_HANDLER;
import static dev.civicloop.core.SeedCity.GAS_LEAK;
import static dev.civicloop.core.SeedCity.GRID6_STAFF;
import static dev.civicloop.core.SeedCity.GRID_1;
import static dev.civicloop.core.SeedCity.GRID_6;
import static dev.civicloop.core.SeedCity.HOUSING_HANDLER;
import static dev.civicloop.core.SeedCity.JINGSHAN;
import static dev.civicloop.core.SeedCity.JINGSHAN_GRID_STAFF;
import static dev.civicloop.core.SeedCity.JINGSHAN_STAFF;
import static dev.civicloop.core.SeedCity.MUNICIPAL;
import static dev.civicloop.core.SeedCity.MUNICIPAL_HANDLER;
import static dev.civicloop.core.SeedCity.RESIDENT;
import static dev.civicloop.core.SeedCity.RIDER;
import static dev.civicloop.core.SeedCity.SUPERVISOR;
import static dev.civicloop.core.SeedCity.URBAN;
import static dev.civicloop.core.SeedCity.URBAN_HANDLER;
import static dev.civicloop.core.SeedCity.YUANHANG_STAFF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.core.command.Accept;
import dev.civicloop.core.command.Claim;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.command.Escalate;
import dev.civicloop.core.command.Resolve;
import dev.civicloop.core.command.TicketCommand;
import dev.civicloop.core.command.Verify;
import dev.civicloop.spi.NotAuthorized;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.model.TicketState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Who may do what to whose ticket: every command against every role, once as an actor whose org
 * unit, department or report it is ("own") and once as the same role elsewhere ("other"). A
 * refusal is {@link NotAuthorized} and leaves the store exactly as it was.
 */
class AuthorizationTest {

    /** A second street and a second district, so coordinators and supervisors have an "elsewhere". */
    static final OrgUnitId LONGNAN = OrgUnitId.of("longnan");
    static final OrgUnitId RANGHULU = OrgUnitId.of("ranghulu");
    static final List<OrgUnit> ELSEWHERE = List.of(
            OrgUnit.of("ranghulu", OrgLevel.DISTRICT, "让胡路区", "daqing"),
            OrgUnit.of("longnan", OrgLevel.STREET, "龙南街道", "honggang"),
            OrgUnit.of("longfeng", OrgLevel.COMMUNITY, "龙凤社区", "longnan"),
            OrgUnit.of("longfeng-grid-1", OrgLevel.GRID, "龙凤第一网格", "longfeng"));

    static final Set<Role> REPORTING_ROLES = EnumSet.of(Role.REPORTER, Role.MOBILE_GRID_MEMBER, Role.VOLUNTEER);

    /** For each role: an actor whose ticket it is (index 0) and one of the same role elsewhere (index 1). */
    static final Map<Role, List<Actor>> ACTORS = new LinkedHashMap<>();
    static {
        ACTORS.put(Role.REPORTER, List.of(RESIDENT, Actor.reporter("resident-zhao", Role.REPORTER)));
        ACTORS.put(Role.MOBILE_GRID_MEMBER, List.of(DRIVER, RIDER));
        ACTORS.put(Role.VOLUNTEER, List.of(Actor.reporter("volunteer-sun", Role.VOLUNTEER),
                Actor.reporter("volunteer-zhou", Role.VOLUNTEER)));
        ACTORS.put(Role.GRID_STAFF, List.of(GRID6_STAFF, JINGSHAN_GRID_STAFF));
        ACTORS.put(Role.COMMUNITY_STAFF, List.of(YUANHANG_STAFF, JINGSHAN_STAFF));
        ACTORS.put(Role.STREET_COORDINATOR, List.of(COORDINATOR,
                SeedCity.staff("longnan-coordinator", Role.STREET_COORDINATOR, LONGNAN)));
        ACTORS.put(Role.DEPARTMENT_HANDLER, List.of(MUNICIPAL_HANDLER, HOUSING_HANDLER));
        ACTORS.put(Role.SUPERVISOR, List.of(SUPERVISOR, SeedCity.staff("ranghulu-supervisor", Role.SUPERVISOR, RANGHULU)));
        ACTORS.put(Role.ADMIN, List.of(SeedCity.staff("city-admin", Role.ADMIN, SeedCity.CITY),
                SeedCity.staff("ranghulu-admin", Role.ADMIN, RANGHULU)));
    }

    /** A command, the state it is tried in, and the roles DESIGN §4 lets act on their own tickets. */
    record Rule(String command, TicketState state, Set<Role> roles) {}

    /** DESIGN §4's "by" column for the closed loop, written out by hand. ADMIN runs no ticket command. */
    static final List<Rule> CLOSED_LOOP = List.of(
            new Rule("verify", TicketState.SUBMITTED, EnumSet.of(Role.GRID_STAFF)),
            new Rule("reject_as_false", TicketState.SUBMITTED, EnumSet.of(Role.GRID_STAFF)),
            new Rule("dispatch", TicketState.VERIFIED, EnumSet.of(Role.STREET_COORDINATOR)),
            new Rule("reject", TicketState.SUBMITTED, EnumSet.of(Role.STREET_COORDINATOR)),
            new Rule("merge", TicketState.VERIFIED, EnumSet.of(Role.STREET_COORDINATOR)),
            new Rule("cancel", TicketState.SUBMITTED, REPORTING_ROLES),
            new Rule("claim", TicketState.DISPATCHED, EnumSet.of(Role.COMMUNITY_STAFF)),
            new Rule("accept", TicketState.CLAIMED, EnumSet.of(Role.DEPARTMENT_HANDLER)),
            new Rule("return", TicketState.CLAIMED, EnumSet.of(Role.COMMUNITY_STAFF, Role.DEPARTMENT_HANDLER)),
            new Rule("note_progress", TicketState.IN_HANDLING, EnumSet.of(Role.DEPARTMENT_HANDLER)),
            new Rule("resolve", TicketState.IN_HANDLING, EnumSet.of(Role.DEPARTMENT_HANDLER)),
            new Rule("confirm", TicketState.RESOLVED, REPORTING_ROLES),
            new Rule("reopen", TicketState.RESOLVED, REPORTING_ROLES),
            new Rule("escalate", TicketState.DISPATCHED, EnumSet.of(Role.SUPERVISOR)));

    /** The grievance workflow: the service centre (community staff or street) accepts and answers. */
    static final List<Rule> GRIEVANCE = List.of(
            new Rule("accept", TicketState.SUBMITTED, EnumSet.of(Role.COMMUNITY_STAFF, Role.STREET_COORDINATOR)),
            new Rule("cancel", TicketState.SUBMITTED, REPORTING_ROLES),
            new Rule("answer", TicketState.ACCEPTED, EnumSet.of(Role.COMMUNITY_STAFF, Role.STREET_COORDINATOR)),
            new Rule("confirm", TicketState.ANSWERED, REPORTING_ROLES),
            new Rule("reopen", TicketState.ANSWERED, REPORTING_ROLES),
            new Rule("escalate", TicketState.ACCEPTED, EnumSet.of(Role.SUPERVISOR)));

    @TestFactory
    Stream<DynamicTest> closedLoop_everyCommandAgainstEveryRole_ownAndOther() {
        return table(Category.CLOSED_LOOP, CLOSED_LOOP);
    }

    @TestFactory
    Stream<DynamicTest> grievance_everyCommandAgainstEveryRole_ownAndOther() {
        return table(Category.GRIEVANCE, GRIEVANCE);
    }

    @Test
    void tableCoversEveryCommandOfTheBuiltInWorkflows() {
        GovernanceEngine engine = new SeedCity().engine();
        for (String wf : List.of(Category.CLOSED_LOOP, Category.GRIEVANCE)) {
            List<Rule> rules = wf.equals(Category.CLOSED_LOOP) ? CLOSED_LOOP : GRIEVANCE;
            Set<String> inWorkflow = new java.util.TreeSet<>();
            engine.workflow(wf).transitions().forEach(t -> inWorkflow.add(t.command()));
            inWorkflow.remove("report");
            assertEquals(inWorkflow, new java.util.TreeSet<>(rules.stream().map(Rule::command).toList()), wf);
        }
        assertEquals(EnumSet.allOf(Role.class), ACTORS.keySet());
    }

    private static Stream<DynamicTest> table(String workflow, List<Rule> rules) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Rule rule : rules) {
            for (Map.Entry<Role, List<Actor>> e : ACTORS.entrySet()) {
                Role role = e.getKey();
                for (int own = 0; own < 2; own++) {
                    Actor actor = e.getValue().get(own);
                    boolean ownTicket = own == 0;
                    boolean allowed = ownTicket && rule.roles().contains(role);
                    String name = workflow + " " + rule.command() + " in " + rule.state() + " by " + role
                            + (ownTicket ? " (own)" : " (other)") + (allowed ? " → allowed" : " → NotAuthorized");
                    tests.add(DynamicTest.dynamicTest(name, () -> check(workflow, rule, role, actor, allowed)));
                }
            }
        }
        return tests.stream();
    }

    private static void check(String workflow, Rule rule, Role role, Actor actor, boolean allowed) {
        SeedCity city = new SeedCity();
        GovernanceEngine engine = city.builder().orgUnits(ELSEWHERE).build();
        TicketDriver drive = new TicketDriver(city, engine);
        // A reporting role's "own" ticket is one it reported; every other role's ticket is the driver's.
        Actor reporter = REPORTING_ROLES.contains(role) ? ACTORS.get(role).get(0) : DRIVER;
        TicketView t = workflow.equals(Category.GRIEVANCE)
                ? drive.grievance(rule.state(), reporter)
                : drive.closedLoop(rule.state(), reporter);
        TicketCommand cmd = drive.command(rule.command(), city.cmd(), actor, t.ticketId());
        StoreSnapshot before = StoreSnapshot.of(city.store);

        if (allowed) {
            TicketView after = engine.handle(cmd);
            assertEquals(t.version() + 1, after.version());
            List<TimelineEntry> h = engine.history(t.ticketId());
            assertEquals(actor.id(), h.get(h.size() - 1).actor());
        } else {
            NotAuthorized e = assertThrows(NotAuthorized.class, () -> engine.handle(cmd));
            assertTrue(e.getMessage().contains(actor.id().value()), e.getMessage());
            assertTrue(e.getMessage().contains("'" + rule.command() + "'"), e.getMessage());
            assertEquals(before, StoreSnapshot.of(city.store), "a refused command leaves the store unchanged");
            assertEquals(t, engine.ticket(t.ticketId()));
        }
    }

    // ------------------------------------------------------------------ cases from the seeds, by name

    final SeedCity city = new SeedCity();
    final GovernanceEngine engine = city.builder().orgUnits(ELSEWHERE).build();
    final TicketDriver drive = new TicketDriver(city, engine);

    @Test
    void jingshanStaffCannotClaimTicketDispatchedToYuanhang() {
        TicketView t = drive.closedLoop(TicketState.DISPATCHED, DRIVER);
        StoreSnapshot before = StoreSnapshot.of(city.store);
        NotAuthorized e = assertThrows(NotAuthorized.class, () -> engine.handle(new Claim(city.cmd(), JINGSHAN_STAFF, t.ticketId())));
        assertTrue(e.getMessage().contains("yuanhang"), "names the assigned community: " + e.getMessage());
        assertEquals(before, StoreSnapshot.of(city.store));
        assertEquals(TicketState.CLAIMED, engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, t.ticketId())).state());
    }

    @Test
    void claimFollowsTheAssignedCommunity_notTheGridTheReportCameFrom() {
        TicketView t = drive.closedLoop(TicketState.VERIFIED, DRIVER);
        engine.handle(new Dispatch(city.cmd(), COORDINATOR, t.ticketId(), JINGSHAN, MUNICIPAL, List.of(), "border street"));
        assertThrows(NotAuthorized.class, () -> engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, t.ticketId())));
        assertEquals(TicketState.CLAIMED, engine.handle(new Claim(city.cmd(), JINGSHAN_STAFF, t.ticketId())).state());
    }

    @Test
    void gridStaffVerifyOnlyInTheirOwnGrid_evenInTheSameCommunity() {
        TicketView t = drive.closedLoop(TicketState.SUBMITTED, DRIVER);
        Actor grid1Staff = SeedCity.staff("grid1-staff", Role.GRID_STAFF, GRID_1);
        assertThrows(NotAuthorized.class, () -> engine.handle(
                new Verify(city.cmd(), grid1Staff, t.ticketId(), VerificationMethod.ON_SITE, null)));
        assertEquals(TicketState.VERIFIED, engine.handle(
                new Verify(city.cmd(), GRID6_STAFF, t.ticketId(), VerificationMethod.ON_SITE, null)).state());
    }

    @Test
    void riderReportsGasLeak_onlyTheGasCompanyAndFireMayAcceptIt() {
        TicketView t = engine.handle(city.report(RIDER, GAS_LEAK, GRID_6));
        engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, t.ticketId()));
        assertThrows(NotAuthorized.class, () -> engine.handle(new Accept(city.cmd(), MUNICIPAL_HANDLER, t.ticketId())));
        engine.handle(new Accept(city.cmd(), GAS_HANDLER, t.ticketId()));
        assertEquals(TicketState.IN_HANDLING, engine.handle(new Accept(city.cmd(), FIRE_HANDLER, t.ticketId())).state());
    }

    @Test
    void coHandlerResolvesItsOwnPart_unassignedDepartmentCannot() {
        TicketView t = drive.closedLoop(TicketState.VERIFIED, RIDER, FLYING_WIRE);
        engine.handle(new Dispatch(city.cmd(), COORDINATOR, t.ticketId(), SeedCity.YUANHANG, URBAN, List.of(FIRE), "flying wire"));
        engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, t.ticketId()));
        engine.handle(new Accept(city.cmd(), URBAN_HANDLER, t.ticketId()));
        engine.handle(new Accept(city.cmd(), FIRE_HANDLER, t.ticketId()));
        StoreSnapshot before = StoreSnapshot.of(city.store);
        assertThrows(NotAuthorized.class, () -> engine.handle(new Resolve(city.cmd(), HOUSING_HANDLER, t.ticketId(), "done", List.of())));
        assertEquals(before, StoreSnapshot.of(city.store));
        TicketView r = engine.handle(new Resolve(city.cmd(), FIRE_HANDLER, t.ticketId(), "cable removed", List.of()));
        assertEquals(Set.of(FIRE), r.resolved());
    }

    @Test
    void coordinatorOfAnotherStreetCannotDispatch_districtOrCitySupervisorCanEscalateBelowThem() {
        TicketView t = drive.closedLoop(TicketState.VERIFIED, DRIVER);
        Actor longnan = ACTORS.get(Role.STREET_COORDINATOR).get(1);
        assertThrows(NotAuthorized.class, () -> engine.handle(
                new Dispatch(city.cmd(), longnan, t.ticketId(), SeedCity.YUANHANG, MUNICIPAL, List.of(), "not mine")));

        Actor citySupervisor = SeedCity.staff("daqing-supervisor", Role.SUPERVISOR, SeedCity.CITY);
        Actor streetSupervisor = SeedCity.staff("longnan-supervisor", Role.SUPERVISOR, LONGNAN);
        assertThrows(NotAuthorized.class, () -> engine.handle(new Escalate(city.cmd(), streetSupervisor, t.ticketId(), "x")));
        assertEquals(1, engine.handle(new Escalate(city.cmd(), SUPERVISOR, t.ticketId(), "district")).supervisionLevel());
        assertEquals(2, engine.handle(new Escalate(city.cmd(), citySupervisor, t.ticketId(), "city")).supervisionLevel());
    }

    @Test
    void onlyTheReporterConfirms_anotherMemberOfTheSameRoleCannot() {
        TicketView t = drive.closedLoop(TicketState.RESOLVED, DRIVER);
        StoreSnapshot before = StoreSnapshot.of(city.store);
        assertThrows(NotAuthorized.class, () -> city.confirm(engine, t, RIDER));
        assertEquals(before, StoreSnapshot.of(city.store));
        assertEquals(TicketState.CLOSED, city.confirm(engine, t, DRIVER).state());
    }

    @Test
    void communityStaffCannotReport_reportRolesAreTheReportingOnes() {
        StoreSnapshot before = StoreSnapshot.of(city.store);
        assertThrows(NotAuthorized.class, () -> engine.handle(city.report(YUANHANG_STAFF, SeedCity.MANHOLE, GRID_6)));
        assertThrows(NotAuthorized.class, () -> engine.handle(city.report(ACTORS.get(Role.ADMIN).get(0), SeedCity.MANHOLE, GRID_6)));
        assertEquals(before, StoreSnapshot.of(city.store));
        for (Role r : REPORTING_ROLES) {
            assertEquals(TicketState.SUBMITTED, engine.handle(city.report(ACTORS.get(r).get(0), SeedCity.MANHOLE, GRID_6)).state());
        }
    }
}
