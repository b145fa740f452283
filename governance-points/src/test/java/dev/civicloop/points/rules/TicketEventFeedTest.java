package dev.civicloop.points.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.core.TicketView;
import dev.civicloop.core.command.Accept;
import dev.civicloop.core.command.Claim;
import dev.civicloop.core.command.Confirm;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.command.Merge;
import dev.civicloop.core.command.RejectAsFalse;
import dev.civicloop.core.command.Report;
import dev.civicloop.core.command.Resolve;
import dev.civicloop.core.command.Verify;
import dev.civicloop.points.Award;
import dev.civicloop.points.TicketEventFeed;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.CategoryKind;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.Deadline;
import dev.civicloop.spi.model.Department;
import dev.civicloop.spi.model.DepartmentId;
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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The ticket engine's events, followed from the store, become the reporter's points. */
class TicketEventFeedTest {
    private static final OrgUnitId GRID = OrgUnitId.of("yuanhang-grid-6");
    private static final OrgUnitId COMMUNITY = OrgUnitId.of("yuanhang");
    private static final DepartmentId MUNICIPAL = DepartmentId.of("municipal");
    private static final DepartmentId GAS = DepartmentId.of("gas-co");
    private static final Category MANHOLE = Category.builder("manhole_cover", "井盖破损", "Broken manhole cover")
            .kind(CategoryKind.HAZARD).claimWithin(Deadline.hours(24)).resolveWithin(Deadline.workingDays(1))
            .lead(MUNICIPAL).build();
    private static final Category GAS_LEAK = Category.builder("gas_leak", "燃气泄漏", "Gas leak")
            .kind(CategoryKind.HAZARD).urgency(Urgency.URGENT).claimWithin(Deadline.hours(1))
            .resolveWithin(Deadline.hours(2)).lead(GAS).build();
    private static final Category DISPUTE = Category.builder("neighbour_dispute", "邻里纠纷", "Neighbour dispute")
            .kind(CategoryKind.DISPUTE).build();

    private static final Actor RIDER = Actor.reporter("wang-bin", Role.MOBILE_GRID_MEMBER);
    private static final Actor DRIVER = Actor.reporter("zhang-guolong", Role.MOBILE_GRID_MEMBER);
    private static final Actor RESIDENT = Actor.reporter("resident-li", Role.REPORTER);
    private static final Actor GRID_STAFF = Actor.of("grid6-staff", Set.of(Role.GRID_STAFF), Set.of(GRID), Set.of());
    private static final Actor COMMUNITY_STAFF = Actor.of("yuanhang-staff", Set.of(Role.COMMUNITY_STAFF), Set.of(COMMUNITY), Set.of());
    private static final Actor COORDINATOR = Actor.of("coordinator", Set.of(Role.STREET_COORDINATOR),
            Set.of(OrgUnitId.of("babaishang")), Set.of());
    private static final Actor MUNICIPAL_HANDLER = Actor.of("municipal-handler", Set.of(Role.DEPARTMENT_HANDLER), Set.of(),
            Set.of(MUNICIPAL));

    private static final String RULES = PointsFixture.rulesFile(
            "{\"id\": \"snap-report\", \"on\": \"report.verified\", \"points\": 5, \"oncePerTicket\": true}",
            "{\"id\": \"urgent-bonus\", \"on\": \"report.verified\", \"when\": {\"urgency\": \"URGENT\", \"kind\": \"HAZARD\"},"
                    + " \"points\": 10, \"oncePerTicket\": true}",
            "{\"id\": \"resolved\", \"on\": \"report.resolved\", \"points\": 3, \"oncePerTicket\": true}",
            "{\"id\": \"satisfied\", \"on\": \"report.closed\", \"when\": {\"satisfaction\": \"SATISFIED\"}, \"points\": 2}",
            "{\"id\": \"false-report\", \"on\": \"report.rejected_as_false\", \"points\": -20}");

    private final AtomicInteger commands = new AtomicInteger();
    private final AtomicInteger tickets = new AtomicInteger();
    private final InMemoryTicketStore ticketStore = new InMemoryTicketStore();
    private final GovernanceEngine engine = GovernanceEngine.builder()
            .store(ticketStore)
            .clock(Clock.fixed(PointsFixture.NOW, ZoneOffset.UTC))
            .orgUnits(List.of(
                    OrgUnit.of("daqing", OrgLevel.CITY, "大庆市", null),
                    OrgUnit.of("honggang", OrgLevel.DISTRICT, "红岗区", "daqing"),
                    OrgUnit.of("babaishang", OrgLevel.STREET, "八百垧街道", "honggang"),
                    OrgUnit.of("yuanhang", OrgLevel.COMMUNITY, "远航社区", "babaishang"),
                    OrgUnit.of("yuanhang-grid-6", OrgLevel.GRID, "第六网格", "yuanhang")))
            .departments(List.of(Department.of("municipal", "市政设施管理处", "Municipal facilities"),
                    Department.of("gas-co", "燃气公司", "Gas company")))
            .categories(List.of(MANHOLE, GAS_LEAK, DISPUTE))
            .ticketIds(() -> TicketId.of("T" + tickets.incrementAndGet()))
            .build();

    private CommandId cmd() {
        return CommandId.of("c" + commands.incrementAndGet());
    }

    private TicketView report(Actor who, Category c) {
        return engine.handle(new Report(cmd(), who, c.code(), Location.address("尚溪小区 3 栋院内"), "report of " + c.nameEn(),
                List.of(), GRID));
    }

    @Test
    void aRidersVerifiedResolvedAndConfirmedReportsEarnWhileMergedAndFalseOnesDoNot() {
        PointsFixture points = new PointsFixture(RULES);
        TicketEventFeed feed = new TicketEventFeed(ticketStore, engine, points.awarder, 0);

        TicketView manhole = report(RIDER, MANHOLE);
        engine.handle(new Verify(cmd(), GRID_STAFF, manhole.ticketId(), VerificationMethod.BY_PHOTO, null));
        TicketView duplicate = report(DRIVER, MANHOLE);
        engine.handle(new Merge(cmd(), COORDINATOR, duplicate.ticketId(), manhole.ticketId()));
        engine.handle(new Dispatch(cmd(), COORDINATOR, manhole.ticketId(), COMMUNITY, MUNICIPAL, List.of(), "grid 6"));
        engine.handle(new Claim(cmd(), COMMUNITY_STAFF, manhole.ticketId()));
        engine.handle(new Accept(cmd(), MUNICIPAL_HANDLER, manhole.ticketId()));
        engine.handle(new Resolve(cmd(), MUNICIPAL_HANDLER, manhole.ticketId(), "cover replaced", List.of()));
        engine.handle(new Confirm(cmd(), RIDER, manhole.ticketId(), Satisfaction.SATISFIED, null));

        report(RIDER, GAS_LEAK); // urgent: verification skipped, counts as verified

        TicketView fake = report(RESIDENT, DISPUTE);
        engine.handle(new RejectAsFalse(cmd(), GRID_STAFF, fake.ticketId(), "no one lives there"));

        List<Award> decisions = feed.poll();
        Map<String, Long> byRule = decisions.stream()
                .collect(Collectors.groupingBy(Award::ruleId, Collectors.summingLong(Award::points)));
        assertEquals(Map.of("snap-report", 10L, "urgent-bonus", 10L, "resolved", 3L, "satisfied", 2L, "false-report", -20L),
                byRule);
        assertEquals(25, points.awarder.balance(RIDER.id()));
        assertEquals(0, points.awarder.balance(DRIVER.id()), "a merged duplicate earns nothing");
        assertEquals(0, points.awarder.balance(RESIDENT.id()), "a penalty never takes a balance below zero");
        Award penalty = decisions.stream().filter(a -> a.ruleId().equals("false-report")).findFirst().orElseThrow();
        assertEquals(Award.Outcome.PENALTY, penalty.outcome());
        assertEquals(RESIDENT.id(), penalty.member());
        assertEquals(1, points.ledger.statement(RESIDENT.id()).entries().size(), "the penalty is on the statement");

        List<String> why = points.awarder.why(RIDER.id()).stream().map(a -> a.explanation().text()).toList();
        assertEquals(5, why.size());
        assertTrue(why.get(0).startsWith("rule snap-report: report.verified T1@2 at 2026-11-23 09:00 Asia/Shanghai, 5 points"),
                why.get(0));

        assertEquals(List.of(), feed.poll(), "nothing new");
        long checkpoint = feed.checkpoint();
        assertTrue(checkpoint > 0);

        // a feed that starts over (lost checkpoint) replays every event and awards nothing more
        List<Award> replay = new TicketEventFeed(ticketStore, engine, points.awarder, 0).poll();
        assertTrue(replay.stream().allMatch(a -> a.outcome() == Award.Outcome.ALREADY_AWARDED), replay.toString());
        assertEquals(25, points.awarder.balance(RIDER.id()));

        // a feed resumed from the checkpoint sees only what came after
        TicketView later = report(RIDER, MANHOLE);
        engine.handle(new Verify(cmd(), GRID_STAFF, later.ticketId(), VerificationMethod.ON_SITE, null));
        List<Award> resumed = new TicketEventFeed(ticketStore, engine, points.awarder, checkpoint).poll();
        assertEquals(List.of("snap-report"), resumed.stream().map(Award::ruleId).toList());
        assertEquals(30, points.awarder.balance(RIDER.id()));
    }
}
