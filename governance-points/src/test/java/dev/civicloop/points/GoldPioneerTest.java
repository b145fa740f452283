package dev.civicloop.points;

import static dev.civicloop.points.HonoursCity.HEPING;
import static dev.civicloop.points.HonoursCity.LVYUAN;
import static dev.civicloop.points.HonoursCity.STREET_A;
import static dev.civicloop.points.HonoursCity.STREET_B;
import static dev.civicloop.points.HonoursCity.YUANHANG;
import static dev.civicloop.points.HonoursCity.communityStaff;
import static dev.civicloop.points.HonoursCity.streetCoordinator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.DuplicateCommand;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotAuthorized;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class GoldPioneerTest {
    static final YearMonth NOV = YearMonth.of(2026, 11);
    static final YearMonth DEC = YearMonth.of(2026, 12);
    static final ActorId RIDER = ActorId.of("rider-a");
    static final Actor LI_NA = communityStaff("li-na", YUANHANG);
    static final Actor WANG = streetCoordinator("wang", STREET_A);

    private final HonoursCity c = new HonoursCity().member("rider-a", YUANHANG).member("lv-rider", LVYUAN)
            .member("he-rider", HEPING);
    private final Honours h = c.honours;

    private static CommandId id(String s) {
        return CommandId.of(s);
    }

    private void refusedAndNothingRecorded(Class<? extends Throwable> type, Executable e) {
        List<Nomination> before = h.nominations(NOV);
        assertThrows(type, e);
        assertEquals(before, h.nominations(NOV));
    }

    @Test
    void communityNominatesWithAReasonTheStreetApprovesAndTheRiderHoldsTheTitle() {
        c.at(2026, 11, 25, 14, 0);
        Nomination n = h.nominate(id("nom-1"), LI_NA, RIDER, NOV, "12 safety patrols and 3 verified gas leaks");
        assertEquals(Nomination.Status.PENDING, n.status());
        assertEquals(YUANHANG, n.community());
        assertEquals(STREET_A, n.street());

        c.at(2026, 11, 27, 9, 30);
        Nomination approved = h.approve(id("ok-1"), WANG, n.id(), "confirmed with the station log");
        assertEquals(Nomination.Status.APPROVED, approved.status());
        List<PioneerDecision> history = approved.decisions();
        assertEquals(List.of(PioneerDecision.Kind.NOMINATED, PioneerDecision.Kind.APPROVED),
                history.stream().map(PioneerDecision::kind).toList());
        assertEquals(ActorId.of("li-na"), history.get(0).by());
        assertEquals(HonoursCity.local(2026, 11, 25, 14, 0), history.get(0).at());
        assertEquals("12 safety patrols and 3 verified gas leaks", history.get(0).reason());
        assertEquals(ActorId.of("wang"), history.get(1).by());
        assertEquals(HonoursCity.local(2026, 11, 27, 9, 30), history.get(1).at());
        assertEquals("confirmed with the station log", history.get(1).reason());
        assertThrows(UnsupportedOperationException.class, () -> history.add(history.get(0)));

        Title pioneer = h.titles(RIDER).get(0);
        assertEquals(Title.GOLD_PIONEER, pioneer.code());
        assertEquals("金牌先锋", pioneer.nameZh());
        assertEquals(Title.Source.REVIEW, pioneer.source());
        assertEquals(NOV, pioneer.month());
        assertEquals(List.of(approved), h.nominations(NOV));
        assertEquals(approved, h.nomination(id("nom-1")).orElseThrow());
    }

    @Test
    void theStreetRefusesWithAReasonAndTheCommunityMayNominateAgain() {
        Nomination n = h.nominate(id("nom-1"), LI_NA, RIDER, NOV, "helped at the market");
        Nomination refused = h.refuse(id("no-1"), WANG, n.id(), "no record of the market shift");
        assertEquals(Nomination.Status.REFUSED, refused.status());
        assertEquals("no record of the market shift", refused.decisions().get(1).reason());
        assertTrue(h.titles(RIDER).isEmpty());

        Nomination again = h.nominate(id("nom-2"), LI_NA, RIDER, NOV, "market shift log attached");
        h.approve(id("ok-2"), WANG, again.id(), "log checked");
        assertEquals(List.of(Nomination.Status.REFUSED, Nomination.Status.APPROVED),
                h.nominations(NOV).stream().map(Nomination::status).toList());
    }

    @Test
    void onlyCommunityStaffOfTheMembersOwnCommunityMayNominate() {
        refusedAndNothingRecorded(NotAuthorized.class,
                () -> h.nominate(id("n"), communityStaff("lv-staff", LVYUAN), RIDER, NOV, "r"));
        refusedAndNothingRecorded(NotAuthorized.class,
                () -> h.nominate(id("n"), new Actor(ActorId.of("grid-zhao"), Set.of(Role.GRID_STAFF), Set.of(YUANHANG),
                        Set.of()), RIDER, NOV, "r"));
        refusedAndNothingRecorded(NotAuthorized.class, () -> h.nominate(id("n"), WANG, RIDER, NOV, "r"));
        NotAuthorized e = assertThrows(NotAuthorized.class,
                () -> h.nominate(id("n"), communityStaff("he-staff", HEPING), RIDER, NOV, "r"));
        assertTrue(e.getMessage().contains("yuanhang"), e.getMessage());
    }

    @Test
    void onlyTheCoordinatorOfTheCommunitysStreetMayDecide() {
        Nomination n = h.nominate(id("nom-1"), LI_NA, RIDER, NOV, "patrols");
        for (String verb : List.of("approve", "refuse")) {
            for (Actor who : List.of(streetCoordinator("street-b-coord", STREET_B), LI_NA,
                    new Actor(ActorId.of("sup"), Set.of(Role.SUPERVISOR), Set.of(STREET_A), Set.of()))) {
                Executable call = verb.equals("approve")
                        ? () -> h.approve(id("d"), who, n.id(), "r")
                        : () -> h.refuse(id("d"), who, n.id(), "r");
                refusedAndNothingRecorded(NotAuthorized.class, call);
            }
        }
        assertEquals(Nomination.Status.PENDING, h.nomination(n.id()).orElseThrow().status());
    }

    @Test
    void oneGoldPioneerTitlePerMemberPerMonth() {
        Nomination n = h.nominate(id("nom-1"), LI_NA, RIDER, NOV, "patrols");
        HonourRefused pending = assertThrows(HonourRefused.class,
                () -> h.nominate(id("nom-2"), LI_NA, RIDER, NOV, "patrols again"));
        assertEquals(HonourRefused.Reason.ALREADY_NOMINATED, pending.reason());

        h.approve(id("ok-1"), WANG, n.id(), "fine");
        HonourRefused awarded = assertThrows(HonourRefused.class,
                () -> h.nominate(id("nom-3"), LI_NA, RIDER, NOV, "more"));
        assertEquals(HonourRefused.Reason.ALREADY_AWARDED, awarded.reason());

        c.at(2026, 12, 1, 8, 0);
        Nomination december = h.nominate(id("nom-dec"), LI_NA, RIDER, DEC, "kept going");
        h.approve(id("ok-dec"), WANG, december.id(), "fine");
        assertEquals(List.of(NOV, DEC), h.titles(RIDER).stream().map(Title::month).toList());
    }

    @Test
    void aDecidedNominationCannotBeDecidedAgain() {
        Nomination n = h.nominate(id("nom-1"), LI_NA, RIDER, NOV, "patrols");
        h.approve(id("ok-1"), WANG, n.id(), "fine");
        HonourRefused twice = assertThrows(HonourRefused.class, () -> h.refuse(id("no-1"), WANG, n.id(), "changed mind"));
        assertEquals(HonourRefused.Reason.ALREADY_DECIDED, twice.reason());

        Nomination m = h.nominate(id("nom-lv"), communityStaff("lv-staff", LVYUAN), ActorId.of("lv-rider"), NOV, "x");
        h.refuse(id("no-lv"), WANG, m.id(), "not enough");
        assertEquals(HonourRefused.Reason.ALREADY_DECIDED,
                assertThrows(HonourRefused.class, () -> h.approve(id("ok-lv"), WANG, m.id(), "after all")).reason());
    }

    @Test
    void aMonthThatHasNotBegunInShanghaiCannotBeNominated() {
        c.at(2026, 11, 30, 23, 59);
        assertEquals(HonourRefused.Reason.MONTH_NOT_STARTED,
                assertThrows(HonourRefused.class, () -> h.nominate(id("n"), LI_NA, RIDER, DEC, "early")).reason());
        c.at(2026, 12, 1, 0, 1);
        assertEquals(Nomination.Status.PENDING, h.nominate(id("n"), LI_NA, RIDER, DEC, "early").status());
    }

    @Test
    void theSameDecisionIdAgainReturnsTheResultAndWithAnotherPayloadIsRefused() {
        Nomination n = h.nominate(id("nom-1"), LI_NA, RIDER, NOV, "patrols");
        assertEquals(n, h.nominate(id("nom-1"), LI_NA, RIDER, NOV, "patrols"));
        assertThrows(DuplicateCommand.class, () -> h.nominate(id("nom-1"), LI_NA, RIDER, NOV, "other reason"));

        Nomination ok = h.approve(id("ok-1"), WANG, n.id(), "fine");
        assertEquals(ok, h.approve(id("ok-1"), WANG, n.id(), "fine"), "a retry is not 'already decided'");
        assertThrows(DuplicateCommand.class, () -> h.refuse(id("ok-1"), WANG, n.id(), "fine"));
        assertThrows(DuplicateCommand.class, () -> h.approve(id("nom-1"), WANG, n.id(), "patrols"));
        assertEquals(2, h.nomination(n.id()).orElseThrow().decisions().size());
    }

    @Test
    void badRequestsAreRefusedWithTheirField() {
        assertEquals("reason", assertThrows(InvalidInput.class,
                () -> h.nominate(id("n"), LI_NA, RIDER, NOV, " ")).field());
        assertEquals("member", assertThrows(InvalidInput.class,
                () -> h.nominate(id("n"), LI_NA, ActorId.of("stranger"), NOV, "r")).field());
        assertEquals("month", assertThrows(InvalidInput.class,
                () -> h.nominate(id("n"), LI_NA, RIDER, null, "r")).field());
        assertThrows(NotFound.class, () -> h.approve(id("d"), WANG, id("no-such"), "r"));
        assertTrue(h.nomination(id("no-such")).isEmpty());
        assertTrue(h.nominations(NOV).isEmpty());
    }

    @Test
    void aStreetWideScopeCoversItsCommunitiesAsInTheTicketEngine() {
        Actor streetStaff = new Actor(ActorId.of("street-staff"), Set.of(Role.COMMUNITY_STAFF), Set.of(STREET_A), Set.of());
        assertEquals(LVYUAN, h.nominate(id("n"), streetStaff, ActorId.of("lv-rider"), NOV, "r").community());
        Actor cityCoordinator = streetCoordinator("city-coord", OrgUnitId.of("daqing"));
        assertEquals(Nomination.Status.APPROVED, h.approve(id("d"), cityCoordinator, id("n"), "r").status());
    }

    @Test
    void theStoreRecordsOnlyAppendsAndGuardsOneApprovalPerMemberAndMonth() {
        HonoursStore store = HonoursStore.inMemory();
        java.time.Instant at = HonoursCity.local(2026, 11, 5, 9, 0);
        PioneerDecision n1 = new PioneerDecision(id("n1"), id("n1"), PioneerDecision.Kind.NOMINATED, RIDER, NOV,
                YUANHANG, STREET_A, LI_NA.id(), at, "r");
        PioneerDecision n2 = new PioneerDecision(id("n2"), id("n2"), PioneerDecision.Kind.NOMINATED, RIDER, NOV,
                YUANHANG, STREET_A, LI_NA.id(), at, "r");
        store.append(n1, 0);
        store.append(n2, 0);
        assertThrows(DuplicateCommand.class, () -> store.append(n1, 0));
        PioneerDecision ok1 = new PioneerDecision(id("ok1"), id("n1"), PioneerDecision.Kind.APPROVED, RIDER, NOV,
                YUANHANG, STREET_A, WANG.id(), at, "r");
        assertThrows(ConcurrencyConflict.class, () -> store.append(ok1, 0));
        store.append(ok1, 1);
        PioneerDecision ok2 = new PioneerDecision(id("ok2"), id("n2"), PioneerDecision.Kind.APPROVED, RIDER, NOV,
                YUANHANG, STREET_A, WANG.id(), at, "r");
        assertEquals(HonourRefused.Reason.ALREADY_AWARDED,
                assertThrows(HonourRefused.class, () -> store.append(ok2, 1)).reason());
        assertEquals(List.of(n1, ok1), store.nomination(id("n1")));
        assertEquals(List.of(n1, n2, ok1), store.ofMember(RIDER));
        assertEquals(Nomination.Status.PENDING, Nomination.of(store.nomination(id("n2"))).status());
    }
}
