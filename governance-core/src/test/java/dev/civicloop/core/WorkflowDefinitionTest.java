package dev.civicloop.core;

import static dev.civicloop.core.SeedCity.CATEGORIES;
import static dev.civicloop.core.SeedCity.COORDINATOR;
import static dev.civicloop.core.SeedCity.DEPARTMENTS;
import static dev.civicloop.core.SeedCity.DRIVER;
import static dev.civicloop.core.SeedCity.FIRE;
import static dev.civicloop.core.SeedCity.GAS;
import static dev.civicloop.core.SeedCity.GRID6_STAFF;
import static dev.civicloop.core.SeedCity.GRID_6;
import static dev.civicloop.core.SeedCity.MANHOLE;
import static dev.civicloop.core.SeedCity.MUNICIPAL;
import static dev.civicloop.core.SeedCity.MUNICIPAL_HANDLER;
import static dev.civicloop.core.SeedCity.ORG_UNITS;
import static dev.civicloop.core.SeedCity.YUANHANG;
import static dev.civicloop.core.SeedCity.YUANHANG_STAFF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.core.command.Claim;
import dev.civicloop.core.command.Confirm;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.command.Resolve;
import dev.civicloop.core.command.Verify;
import dev.civicloop.core.workflow.Workflow;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.TransitionNotAllowed;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.Satisfaction;
import dev.civicloop.spi.model.TicketState;
import dev.civicloop.store.memory.InMemoryTicketStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Workflows are data a city may supply: the built-in ones load from JSON, a city's own runs in the
 * engine, and a flawed definition or city configuration is refused at start-up with an
 * {@link InvalidConfiguration} that names the source and the flaw.
 */
class WorkflowDefinitionTest {
    static final String SOURCE = "city-pack/workflow.json";

    /** A city's short workflow: no verification, the community claims, departments resolve, the reporter confirms. */
    static final String QUICK_FIX = """
            {
              "id": "quick-fix",
              "description": "small repairs: no verification, no department acceptance",
              "initial": "SUBMITTED",
              "states": ["SUBMITTED", "DISPATCHED", "CLAIMED", "RESOLVED", "CLOSED", "CANCELLED"],
              "terminal": ["CLOSED", "CANCELLED"],
              "transitions": [
                { "command": "report", "to": "SUBMITTED", "roles": ["REPORTER", "MOBILE_GRID_MEMBER"], "scopes": ["ANY"] },
                { "from": ["SUBMITTED"], "command": "dispatch", "to": "DISPATCHED",
                  "roles": ["STREET_COORDINATOR"], "scopes": ["TICKET_ORG"], "starts": ["claim", "resolve"] },
                { "from": ["SUBMITTED"], "command": "cancel", "to": "CANCELLED",
                  "roles": ["REPORTER", "MOBILE_GRID_MEMBER"], "scopes": ["REPORTER"] },
                { "from": ["DISPATCHED"], "command": "claim", "to": "CLAIMED",
                  "roles": ["COMMUNITY_STAFF"], "scopes": ["ASSIGNED_COMMUNITY"], "stops": ["claim"] },
                { "from": ["CLAIMED"], "command": "resolve", "to": "RESOLVED", "joint": true,
                  "roles": ["DEPARTMENT_HANDLER"], "scopes": ["ASSIGNED_DEPARTMENT"], "stops": ["resolve"], "starts": ["feedback"] },
                { "from": ["RESOLVED"], "command": "confirm", "to": "CLOSED",
                  "roles": ["REPORTER", "MOBILE_GRID_MEMBER"], "scopes": ["REPORTER"], "stops": ["feedback"] },
                { "from": ["DISPATCHED", "CLAIMED", "RESOLVED"], "command": "escalate", "roles": ["SUPERVISOR"], "scopes": ["TICKET_ORG"] }
              ]
            }
            """;

    static InputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static Workflow parse(String text) {
        return Workflow.fromJson(SOURCE, json(text));
    }

    // ---------------------------------------------------------------- built in

    @Test
    void builtInClosedLoopLoadsFromItsJson() {
        Workflow wf = Workflow.closedLoop();
        assertEquals("closed-loop", wf.id());
        assertEquals(TicketState.SUBMITTED, wf.initial());
        assertEquals(10, wf.states().size());
        assertEquals(Set.of(TicketState.CLOSED, TicketState.REJECTED, TicketState.MERGED, TicketState.CANCELLED), wf.terminalStates());
        assertEquals(TicketState.SUBMITTED, wf.reportTransition().to());
        assertTrue(wf.transition(TicketState.CLAIMED, "accept").orElseThrow().joint());
        assertTrue(wf.transition(TicketState.IN_HANDLING, "resolve").orElseThrow().joint());

        Workflow again = Workflow.fromJson("copy of closed-loop.json", Workflow.class.getResourceAsStream("closed-loop.json"));
        assertEquals(wf.transitions(), again.transitions(), "the built-in is exactly its JSON");
        assertSame(wf, new SeedCity().engine().workflow("closed-loop"));
    }

    @Test
    void builtInGrievanceLoadsFromItsJson() {
        Workflow wf = Workflow.grievance();
        assertEquals("grievance", wf.id());
        assertEquals(Set.of(TicketState.SUBMITTED, TicketState.ACCEPTED, TicketState.ANSWERED, TicketState.CLOSED,
                TicketState.CANCELLED), wf.states());
        assertEquals(Set.of(TicketState.CLOSED, TicketState.CANCELLED), wf.terminalStates());
        assertEquals(TicketState.ACCEPTED, wf.transition(TicketState.ANSWERED, "reopen").orElseThrow().to());
        Workflow again = Workflow.fromJson("copy of grievance.json", Workflow.class.getResourceAsStream("grievance.json"));
        assertEquals(wf.transitions(), again.transitions());
        assertSame(wf, new SeedCity().engine().workflow("grievance"));
    }

    // ---------------------------------------------------------------- a city's own

    @Test
    void citySuppliedWorkflowRunsAPotholeFromReportToClosed() {
        Workflow quick = parse(QUICK_FIX);
        assertEquals("quick-fix", quick.id());
        Category pothole = Category.builder("pothole", "路面坑洼", "Pothole").lead(MUNICIPAL).workflow("quick-fix").build();
        SeedCity city = new SeedCity();
        GovernanceEngine engine = city.builder().workflow(quick).categories(List.of(pothole)).build();
        assertSame(quick, engine.workflow("quick-fix"));

        TicketView t = engine.handle(city.report(DRIVER, pothole, GRID_6));
        assertEquals("quick-fix", t.workflow());
        assertEquals(TicketState.SUBMITTED, t.state());

        TransitionNotAllowed e = assertThrows(TransitionNotAllowed.class, () -> engine.handle(
                new Verify(city.cmd(), GRID6_STAFF, t.ticketId(), VerificationMethod.ON_SITE, null)));
        assertEquals(Set.of("dispatch", "cancel"), Set.copyOf(e.allowedCommands()), "this city does not verify");

        engine.handle(new Dispatch(city.cmd(), COORDINATOR, t.ticketId(), YUANHANG, MUNICIPAL, List.of(), "pothole"));
        assertEquals(TicketState.CLAIMED, engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, t.ticketId())).state());
        TicketView resolved = engine.handle(new Resolve(city.cmd(), MUNICIPAL_HANDLER, t.ticketId(), "patched", List.of()));
        assertEquals(TicketState.RESOLVED, resolved.state());
        assertTrue(resolved.deadline("feedback").isPresent());
        TicketView closed = engine.handle(new Confirm(city.cmd(), DRIVER, t.ticketId(), Satisfaction.SATISFIED, null));
        assertEquals(TicketState.CLOSED, closed.state());
        assertTrue(closed.terminal());

        // The built-in workflows stay available beside the city's.
        assertEquals(TicketState.SUBMITTED, engine.handle(city.report(DRIVER, MANHOLE, GRID_6)).state());
        assertEquals("closed-loop", engine.tickets(dev.civicloop.spi.store.TicketQuery.all()).items().get(1).workflow());
    }

    @Test
    void cityWorkflowWithTheBuiltInIdReplacesTheBuiltIn() {
        Workflow replacement = parse(QUICK_FIX.replace("\"quick-fix\"", "\"closed-loop\""));
        SeedCity city = new SeedCity();
        GovernanceEngine engine = city.builder().workflow(replacement).build();
        assertSame(replacement, engine.workflow("closed-loop"));
        TicketView t = engine.handle(city.report(DRIVER, MANHOLE, GRID_6));
        assertEquals(TicketState.DISPATCHED, engine.handle(
                new Dispatch(city.cmd(), COORDINATOR, t.ticketId(), YUANHANG, MUNICIPAL, List.of(), "no verification here")).state());
    }

    // ---------------------------------------------------------------- flawed definitions

    /** A flaw, made by editing the valid workflow, and words its error must contain. */
    record Flaw(String name, String json, List<String> mentions) {}

    static String addState(String json, String state) {
        return json.replace("\"CANCELLED\"],\n  \"terminal\"", "\"CANCELLED\", \"" + state + "\"],\n  \"terminal\"");
    }

    static String addTransition(String json, String transition) {
        return json.replace("\"transitions\": [", "\"transitions\": [\n    " + transition + ",");
    }

    static List<Flaw> flaws() {
        List<Flaw> f = new ArrayList<>();
        f.add(new Flaw("unreachable state",
                addTransition(addState(QUICK_FIX, "LIMBO"), """
                        { "from": ["LIMBO"], "command": "reject", "to": "CLOSED", "roles": ["STREET_COORDINATOR"], "scopes": ["TICKET_ORG"] }"""),
                List.of("LIMBO", "cannot be reached")));
        f.add(new Flaw("non-terminal state without exit",
                addTransition(addTransition(addState(QUICK_FIX, "PARKED"), """
                        { "from": ["CLAIMED"], "command": "return", "to": "PARKED", "roles": ["COMMUNITY_STAFF"], "scopes": ["ASSIGNED_COMMUNITY"] }"""),
                        """
                        { "from": ["PARKED"], "command": "note_progress", "roles": ["DEPARTMENT_HANDLER"], "scopes": ["ASSIGNED_DEPARTMENT"] }"""),
                List.of("PARKED", "not terminal", "no way out")));
        f.add(new Flaw("unknown role", QUICK_FIX.replace("\"roles\": [\"SUPERVISOR\"]", "\"roles\": [\"MAYOR\"]"),
                List.of("MAYOR", "unknown role", "$.transitions[6].roles[0]")));
        f.add(new Flaw("unknown command", QUICK_FIX.replace("\"command\": \"claim\"", "\"command\": \"teleport\""),
                List.of("teleport", "unknown command")));
        f.add(new Flaw("malformed JSON", QUICK_FIX.substring(0, QUICK_FIX.indexOf("\"transitions\"")) + "\"transitions\": [ { \"command\": ",
                List.of("not valid JSON", "line")));
        f.add(new Flaw("duplicate state", addState(QUICK_FIX, "CLAIMED"), List.of("CLAIMED", "twice", "$.states")));
        f.add(new Flaw("the same command twice from one state",
                addTransition(QUICK_FIX, """
                        { "from": ["SUBMITTED"], "command": "dispatch", "to": "CLAIMED", "roles": ["STREET_COORDINATOR"], "scopes": ["TICKET_ORG"] }"""),
                List.of("dispatch", "SUBMITTED", "second transition")));
        f.add(new Flaw("unknown scope", QUICK_FIX.replace("\"scopes\": [\"ANY\"]", "\"scopes\": [\"EVERYONE\"]"),
                List.of("EVERYONE", "unknown scope")));
        f.add(new Flaw("unknown deadline", QUICK_FIX.replace("\"stops\": [\"claim\"]", "\"stops\": [\"lunch\"]"),
                List.of("lunch", "unknown deadline")));
        f.add(new Flaw("transition out of a terminal state",
                addTransition(QUICK_FIX, """
                        { "from": ["CLOSED"], "command": "reopen", "to": "DISPATCHED", "roles": ["REPORTER"], "scopes": ["REPORTER"] }"""),
                List.of("CLOSED", "terminal")));
        f.add(new Flaw("target state not declared", QUICK_FIX.replace("\"to\": \"CLAIMED\"", "\"to\": \"TAKEN\""),
                List.of("TAKEN", "not among the states")));
        f.add(new Flaw("missing transitions", QUICK_FIX.substring(0, QUICK_FIX.indexOf(",\n  \"transitions\"")) + "}",
                List.of("$.transitions")));
        return f;
    }

    @TestFactory
    Stream<DynamicTest> flawedWorkflowIsRefusedNamingTheSourceAndTheFlaw() {
        return flaws().stream().map(flaw -> DynamicTest.dynamicTest(flaw.name(), () -> {
            InvalidConfiguration e = assertThrows(InvalidConfiguration.class, () -> parse(flaw.json()));
            assertTrue(e.getMessage().startsWith(SOURCE + ": "), "names the source: " + e.getMessage());
            for (String m : flaw.mentions()) {
                assertTrue(e.getMessage().contains(m), "'" + m + "' in: " + e.getMessage());
            }
        }));
    }

    @Test
    void theUneditedCityWorkflowIsValid_soEveryFlawAboveIsTheEditsFault() {
        assertEquals(6, parse(QUICK_FIX).states().size());
        assertEquals(7 + 2, parse(QUICK_FIX).transitions().size(), "escalate from three states counts three times");
    }

    // ---------------------------------------------------------------- flawed city configuration

    @Test
    void categoryWhoseLeadIsAlsoACoHandlerIsRefused() {
        Category twice = Category.builder("gas_smell", "燃气异味", "Gas smell").lead(GAS).coHandlers(List.of(FIRE, GAS)).build();
        InvalidConfiguration e = assertThrows(InvalidConfiguration.class,
                () -> new SeedCity().builder().categories(List.of(twice)).build());
        assertTrue(e.getMessage().contains("gas_smell") && e.getMessage().contains("gas-co"), e.getMessage());
        assertTrue(e.getMessage().contains("lead"), e.getMessage());

        Category coTwice = Category.builder("wire", "飞线", "Wire").lead(GAS).coHandlers(List.of(FIRE, FIRE)).build();
        InvalidConfiguration e2 = assertThrows(InvalidConfiguration.class,
                () -> new SeedCity().builder().categories(List.of(coTwice)).build());
        assertTrue(e2.getMessage().contains("fire") && e2.getMessage().contains("twice"), e2.getMessage());
    }

    @Test
    void categoryNamingAnUnknownDepartmentIsRefused() {
        Category lead = Category.builder("water_leak", "漏水", "Water leak").lead(DepartmentId.of("water-co")).build();
        InvalidConfiguration e = assertThrows(InvalidConfiguration.class, () -> new SeedCity().builder().categories(List.of(lead)).build());
        assertTrue(e.getMessage().contains("water_leak") && e.getMessage().contains("water-co"), e.getMessage());

        Category co = Category.builder("water_leak", "漏水", "Water leak").lead(MUNICIPAL)
                .coHandlers(List.of(DepartmentId.of("water-co"))).build();
        InvalidConfiguration e2 = assertThrows(InvalidConfiguration.class, () -> new SeedCity().builder().categories(List.of(co)).build());
        assertTrue(e2.getMessage().contains("water-co"), e2.getMessage());
    }

    @Test
    void categoryFollowingAnUnknownWorkflowIsRefused() {
        Category c = Category.builder("night_noise", "夜间噪音", "Night noise").workflow("night-shift").build();
        InvalidConfiguration e = assertThrows(InvalidConfiguration.class, () -> new SeedCity().builder().categories(List.of(c)).build());
        assertTrue(e.getMessage().contains("night_noise") && e.getMessage().contains("night-shift"), e.getMessage());
        assertTrue(e.getMessage().contains("closed-loop"), "lists the known workflows: " + e.getMessage());
    }

    GovernanceEngine.Builder cityWith(List<OrgUnit> units) {
        return GovernanceEngine.builder().store(new InMemoryTicketStore()).orgUnits(units).departments(DEPARTMENTS)
                .categories(CATEGORIES);
    }

    @Test
    void orgTreeWithoutExactlyOneCityIsRefused() {
        List<OrgUnit> noCity = ORG_UNITS.stream().filter(u -> u.level() != OrgLevel.CITY).toList();
        InvalidConfiguration none = assertThrows(InvalidConfiguration.class, () -> cityWith(noCity).build());
        assertTrue(none.getMessage().contains("exactly one CITY") && none.getMessage().contains("has 0"), none.getMessage());

        List<OrgUnit> twoCities = new ArrayList<>(ORG_UNITS);
        twoCities.add(OrgUnit.of("harbin", OrgLevel.CITY, "哈尔滨市", null));
        InvalidConfiguration two = assertThrows(InvalidConfiguration.class, () -> cityWith(twoCities).build());
        assertTrue(two.getMessage().contains("exactly one CITY") && two.getMessage().contains("has 2"), two.getMessage());

        assertThrows(InvalidConfiguration.class, () -> cityWith(List.of()).build());
    }

    @Test
    void orgUnitWhoseParentIsUnknownIsRefused() {
        List<OrgUnit> units = new ArrayList<>(ORG_UNITS);
        units.add(OrgUnit.of("grid-9", OrgLevel.GRID, "第九网格", "nowhere"));
        InvalidConfiguration e = assertThrows(InvalidConfiguration.class, () -> cityWith(units).build());
        assertTrue(e.getMessage().contains("grid-9") && e.getMessage().contains("nowhere"), e.getMessage());
    }

    @Test
    void orgUnitDefinedTwiceOrUnderALowerLevelIsRefused() {
        List<OrgUnit> twice = new ArrayList<>(ORG_UNITS);
        twice.add(OrgUnit.of("yuanhang", OrgLevel.COMMUNITY, "远航社区", "babaishang"));
        assertTrue(assertThrows(InvalidConfiguration.class, () -> cityWith(twice).build()).getMessage().contains("yuanhang"));

        List<OrgUnit> upsideDown = new ArrayList<>(ORG_UNITS);
        upsideDown.add(OrgUnit.of("odd-street", OrgLevel.STREET, "倒挂街道", "yuanhang-grid-6"));
        assertTrue(assertThrows(InvalidConfiguration.class, () -> cityWith(upsideDown).build()).getMessage().contains("odd-street"));
    }

    @Test
    void builderWithoutStoreOrCategoriesIsRefused() {
        InvalidConfiguration noStore = assertThrows(InvalidConfiguration.class, () -> GovernanceEngine.builder()
                .orgUnits(ORG_UNITS).departments(DEPARTMENTS).categories(CATEGORIES).build());
        assertTrue(noStore.getMessage().contains("store"));
        InvalidConfiguration noCategories = assertThrows(InvalidConfiguration.class, () -> GovernanceEngine.builder()
                .store(new InMemoryTicketStore()).orgUnits(ORG_UNITS).departments(DEPARTMENTS).build());
        assertTrue(noCategories.getMessage().contains("categories"));
        InvalidConfiguration dup = assertThrows(InvalidConfiguration.class, () -> new SeedCity().builder()
                .categories(List.of(MANHOLE)).build());
        assertTrue(dup.getMessage().contains("manhole_cover") && dup.getMessage().contains("twice"), dup.getMessage());
    }
}
