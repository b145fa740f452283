package dev.civicloop.core;

import static dev.civicloop.core.SeedCity.CITY;
import static dev.civicloop.core.SeedCity.COORDINATOR;
import static dev.civicloop.core.SeedCity.DISPUTE;
import static dev.civicloop.core.SeedCity.DISTRICT;
import static dev.civicloop.core.SeedCity.DRIVER;
import static dev.civicloop.core.SeedCity.FIRE;
import static dev.civicloop.core.SeedCity.FIRE_HANDLER;
import static dev.civicloop.core.SeedCity.FLYING_WIRE;
import static dev.civicloop.core.SeedCity.GAS_HANDLER;
import static dev.civicloop.core.SeedCity.GAS_LEAK;
import static dev.civicloop.core.SeedCity.GRID6_STAFF;
import static dev.civicloop.core.SeedCity.GRID_1;
import static dev.civicloop.core.SeedCity.GRID_6;
import static dev.civicloop.core.SeedCity.HOUSING;
import static dev.civicloop.core.SeedCity.HOUSING_HANDLER;
import static dev.civicloop.core.SeedCity.JINGSHAN;
import static dev.civicloop.core.SeedCity.JINGSHAN_GRID;
import static dev.civicloop.core.SeedCity.JINGSHAN_GRID_STAFF;
import static dev.civicloop.core.SeedCity.JINGSHAN_STAFF;
import static dev.civicloop.core.SeedCity.MANHOLE;
import static dev.civicloop.core.SeedCity.MUNICIPAL;
import static dev.civicloop.core.SeedCity.MUNICIPAL_HANDLER;
import static dev.civicloop.core.SeedCity.RESIDENT;
import static dev.civicloop.core.SeedCity.RIDER;
import static dev.civicloop.core.SeedCity.STREET;
import static dev.civicloop.core.SeedCity.SUGGESTION;
import static dev.civicloop.core.SeedCity.URBAN;
import static dev.civicloop.core.SeedCity.URBAN_HANDLER;
import static dev.civicloop.core.SeedCity.YUANHANG;
import static dev.civicloop.core.SeedCity.YUANHANG_STAFF;
import static dev.civicloop.core.SeedCity.shanghai;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.core.command.Accept;
import dev.civicloop.core.command.Claim;
import dev.civicloop.core.command.Confirm;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.command.RejectAsFalse;
import dev.civicloop.core.command.Reopen;
import dev.civicloop.core.command.Resolve;
import dev.civicloop.core.command.Return;
import dev.civicloop.core.command.Verify;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.CategoryKind;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.model.Satisfaction;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Statistics per org unit and period over a hand-built week in 八百垧街道 (times are Asia/Shanghai).
 * The week is [Mon 11-23 00:00, Mon 11-30 00:00). Tickets, with what the figures need:
 *
 * <pre>
 * id grid      category (kind)         dispatched  claimed (from 1st dispatch)  1st resolution (from report)  end
 * A  yuanhang6 manhole (HAZARD)        Mon 10:00   Mon 11:00 (1 h)              Mon 15:00 (6 h), on time      confirmed SATISFIED
 * B  yuanhang1 flying_wire (HAZARD)    Mon 10:00   Mon 13:00 (3 h)              Tue 14:00 (28 h)              reopened Tue 16:00, resolved
 *                                                                                                               again Fri 18:00 after its new
 *                                                                                                               due Fri 16:00 (late);
 *                                                                                                               confirmed BASICALLY_SATISFIED
 * C  yuanhang6 dispute (DISPUTE)       Tue 09:00   Tue 12:00 (3 h)              Wed 09:00 (24 h), on time     returned once; no answer
 * D  yuanhang1 suggestion (SUGGESTION) Wed 09:00   Wed 17:00 (8 h)              Thu 15:00 (30 h), on time     no answer
 * E  yuanhang6 manhole (HAZARD)        Thu 09:00   never                        never                         open
 * F  yuanhang6 manhole (HAZARD)        never       never                        never                         rejected as false
 * G  yuanhang6 gas_leak (HAZARD)       Fri 09:00*  Fri 09:20 (20 min)           Fri 10:00 (1 h), on time      confirmed UNSATISFIED
 * H  jingshan1 manhole (HAZARD)        Mon 09:00   Mon 09:30 (30 min)           Mon 11:00 (2 h), on time      confirmed SATISFIED
 * I  yuanhang6 manhole, reported Fri 11-20 (before the week), resolved inside it — never in the week's figures
 * J  yuanhang6 suggestion, reported Mon 11-30 00:00 = the week's exclusive end — not in the week's figures
 * * urgent: auto-dispatched on report.
 * </pre>
 */
class StatisticsTest {
    private static final Instant WEEK_FROM = shanghai("2026-11-23T00:00");
    private static final Instant WEEK_TO = shanghai("2026-11-30T00:00");
    private static final Actor GRID1_STAFF = SeedCity.staff("yuanhang-grid1-staff", Role.GRID_STAFF, GRID_1);

    private final SeedCity city = new SeedCity();
    private GovernanceEngine engine;
    private TicketId a, b, c, d, e, f, g, h, i, j;

    @BeforeEach
    void playTheWeek() {
        engine = city.engine();

        at("2026-11-20T10:00");
        i = reportVerifyDispatch(DRIVER, MANHOLE, GRID_6, GRID6_STAFF, YUANHANG, MUNICIPAL, List.of());

        at("2026-11-23T08:00");
        engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, i));
        engine.handle(new Accept(city.cmd(), MUNICIPAL_HANDLER, i));
        at("2026-11-23T09:00");
        a = report(DRIVER, MANHOLE, GRID_6);
        h = reportVerifyDispatch(RESIDENT, MANHOLE, JINGSHAN_GRID, JINGSHAN_GRID_STAFF, JINGSHAN, MUNICIPAL, List.of());
        at("2026-11-23T09:30");
        verify(GRID6_STAFF, a);
        engine.handle(new Claim(city.cmd(), JINGSHAN_STAFF, h));
        at("2026-11-23T10:00");
        dispatch(a, YUANHANG, MUNICIPAL, List.of());
        b = reportVerifyDispatch(RIDER, FLYING_WIRE, GRID_1, GRID1_STAFF, YUANHANG, URBAN, List.of(FIRE));
        at("2026-11-23T11:00");
        engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, a));
        engine.handle(new Accept(city.cmd(), MUNICIPAL_HANDLER, h));
        resolve(h, MUNICIPAL_HANDLER);
        confirm(h, RESIDENT, Satisfaction.SATISFIED);
        at("2026-11-23T11:30");
        engine.handle(new Accept(city.cmd(), MUNICIPAL_HANDLER, a));
        at("2026-11-23T13:00");
        claimAndAccept(b, URBAN_HANDLER, FIRE_HANDLER);
        at("2026-11-23T14:00");
        resolve(i, MUNICIPAL_HANDLER);
        confirm(i, DRIVER, Satisfaction.SATISFIED);
        at("2026-11-23T15:00");
        resolve(a, MUNICIPAL_HANDLER);
        at("2026-11-23T15:30");
        confirm(a, DRIVER, Satisfaction.SATISFIED);

        at("2026-11-24T09:00");
        c = reportVerifyDispatch(RESIDENT, DISPUTE, GRID_6, GRID6_STAFF, YUANHANG, HOUSING, List.of());
        at("2026-11-24T10:00");
        engine.handle(new Return(city.cmd(), YUANHANG_STAFF, c, "needs the property company"));
        at("2026-11-24T11:00");
        dispatch(c, YUANHANG, HOUSING, List.of());
        at("2026-11-24T12:00");
        claimAndAccept(c, HOUSING_HANDLER);
        at("2026-11-24T14:00");
        resolve(b, URBAN_HANDLER);
        resolve(b, FIRE_HANDLER);
        at("2026-11-24T16:00");
        TicketView reopened = engine.handle(new Reopen(city.cmd(), RIDER, b, "the cable is back"));
        // Tue 16:00 + 3 working days = Fri 16:00: the deadline B's second resolution is judged by.
        assertEquals(shanghai("2026-11-27T16:00"), reopened.deadline("resolve").orElseThrow().dueAt());

        at("2026-11-25T09:00");
        resolve(c, HOUSING_HANDLER);
        d = reportVerifyDispatch(RESIDENT, SUGGESTION, GRID_1, GRID1_STAFF, YUANHANG, URBAN, List.of());
        claimAndAccept(b, URBAN_HANDLER, FIRE_HANDLER);
        at("2026-11-25T17:00");
        claimAndAccept(d, URBAN_HANDLER);

        at("2026-11-26T09:00");
        e = reportVerifyDispatch(DRIVER, MANHOLE, GRID_6, GRID6_STAFF, YUANHANG, MUNICIPAL, List.of());
        at("2026-11-26T10:00");
        f = report(RESIDENT, MANHOLE, GRID_6);
        engine.handle(new RejectAsFalse(city.cmd(), GRID6_STAFF, f, "no such manhole"));
        at("2026-11-26T15:00");
        resolve(d, URBAN_HANDLER);

        at("2026-11-27T09:00");
        g = report(RIDER, GAS_LEAK, GRID_6);
        at("2026-11-27T09:20");
        claimAndAccept(g, GAS_HANDLER, FIRE_HANDLER);
        at("2026-11-27T10:00");
        resolve(g, GAS_HANDLER);
        resolve(g, FIRE_HANDLER);
        at("2026-11-27T10:30");
        confirm(g, RIDER, Satisfaction.UNSATISFIED);
        at("2026-11-27T18:00");
        resolve(b, URBAN_HANDLER);
        resolve(b, FIRE_HANDLER);

        at("2026-11-28T10:00");
        confirm(b, RIDER, Satisfaction.BASICALLY_SATISFIED);

        at("2026-11-30T00:00");
        j = report(RESIDENT, SUGGESTION, GRID_6);

        // The scenario reached the states the table above says.
        assertEquals(TicketState.CLOSED, engine.ticket(a).state());
        assertEquals(TicketState.CLOSED, engine.ticket(b).state());
        assertEquals(TicketState.RESOLVED, engine.ticket(c).state());
        assertEquals(TicketState.RESOLVED, engine.ticket(d).state());
        assertEquals(TicketState.DISPATCHED, engine.ticket(e).state());
        assertEquals(TicketState.REJECTED, engine.ticket(f).state());
        assertEquals(TicketState.CLOSED, engine.ticket(g).state());
        assertEquals(TicketState.CLOSED, engine.ticket(h).state());
        assertEquals(TicketState.CLOSED, engine.ticket(i).state());
        assertEquals(TicketState.SUBMITTED, engine.ticket(j).state());
    }

    @Test
    void community_figures_for_the_week() {
        Statistics s = engine.statistics(YUANHANG, WEEK_FROM, WEEK_TO);
        assertEquals(YUANHANG, s.orgUnit());
        assertEquals(WEEK_FROM, s.from());
        assertEquals(WEEK_TO, s.to());
        // submitted A B C D E F G = 7 (H is 景山's, I and J are outside the week)
        // dispatched A B C D E G = 6 (F was rejected as false)
        // responded (claimed) A B C D G = 5 (E never claimed)
        // resolved now A B G (closed), C D (resolved) = 5
        // on time A C D G = 4 (B's last resolution Fri 18:00 came after its due Fri 16:00)
        // rated A B G = 3; satisfied A (satisfied) B (basically) = 2; G unsatisfied
        // returns C = 1; reopened B = 1; ever resolved A B C D G = 5
        assertCounts(s, 7, 6, 5, 5, 4, 3, 2, 1, 1, 5);
        assertEquals(5.0 / 6, s.responseRate(), 1e-12);
        assertEquals(5.0 / 7, s.resolutionRate(), 1e-12);
        assertEquals(4.0 / 5, s.onTimeRate(), 1e-12);
        assertEquals(2.0 / 3, s.satisfactionRate(), 1e-12);
        assertEquals(1.0 / 5, s.redoRate(), 1e-12);
        // claim: G 20 min, A 1 h, B 3 h, C 3 h (first dispatch Tue 09:00 → claim 12:00, the return does not
        // restart it), D 8 h → middle of five = 3 h
        assertEquals(Duration.ofHours(3), s.medianTimeToClaim());
        // resolve (report → first resolution): G 1 h, A 6 h, C 24 h, B 28 h, D 30 h → middle of five = 24 h
        assertEquals(Duration.ofHours(24), s.medianTimeToResolve());
        assertEquals(Map.of("manhole_cover", 3L, "flying_wire", 1L, "neighbour_dispute", 1L, "suggestion", 1L,
                "gas_leak", 1L), s.byCategory());
        // hazards removed A B G; disputes mediated C; suggestions handled D
        assertEquals(Map.of(CategoryKind.HAZARD, 3L, CategoryKind.DISPUTE, 1L, CategoryKind.SUGGESTION, 1L),
                s.resolvedByKind());
    }

    @Test
    void grid_figures_for_the_week() {
        Statistics g6 = engine.statistics(GRID_6, WEEK_FROM, WEEK_TO);
        // grid 6: A C E F G. dispatched A C E G = 4; responded A C G = 3; resolved A C G = 3, all on time;
        // rated A G = 2, satisfied A = 1; returns C = 1; reopened 0 of ever resolved 3
        assertCounts(g6, 5, 4, 3, 3, 3, 2, 1, 1, 0, 3);
        assertEquals(3.0 / 4, g6.responseRate(), 1e-12);
        assertEquals(3.0 / 5, g6.resolutionRate(), 1e-12);
        assertEquals(1.0, g6.onTimeRate(), 1e-12);
        assertEquals(1.0 / 2, g6.satisfactionRate(), 1e-12);
        assertEquals(0.0, g6.redoRate());
        // claim: G 20 min, A 1 h, C 3 h → 1 h; resolve: G 1 h, A 6 h, C 24 h → 6 h
        assertEquals(Duration.ofHours(1), g6.medianTimeToClaim());
        assertEquals(Duration.ofHours(6), g6.medianTimeToResolve());
        assertEquals(Map.of("manhole_cover", 3L, "neighbour_dispute", 1L, "gas_leak", 1L), g6.byCategory());
        assertEquals(Map.of(CategoryKind.HAZARD, 2L, CategoryKind.DISPUTE, 1L), g6.resolvedByKind());

        Statistics g1 = engine.statistics(GRID_1, WEEK_FROM, WEEK_TO);
        // grid 1: B D. both dispatched, claimed and resolved; on time D only; rated B (satisfied); B reopened
        assertCounts(g1, 2, 2, 2, 2, 1, 1, 1, 0, 1, 2);
        assertEquals(0.5, g1.onTimeRate(), 1e-12);
        assertEquals(0.5, g1.redoRate(), 1e-12);
        // an even count takes the mean of the two middle values: claim (3 h + 8 h) / 2, resolve (28 h + 30 h) / 2
        assertEquals(Duration.ofMinutes(5 * 60 + 30), g1.medianTimeToClaim());
        assertEquals(Duration.ofHours(29), g1.medianTimeToResolve());
        assertEquals(Map.of(CategoryKind.HAZARD, 1L, CategoryKind.SUGGESTION, 1L), g1.resolvedByKind());
    }

    @Test
    void another_communitys_tickets_stay_out_of_this_one() {
        Statistics jingshan = engine.statistics(JINGSHAN, WEEK_FROM, WEEK_TO);
        // H only: claimed after 30 min, resolved 2 h after report, on time, rated satisfied
        assertCounts(jingshan, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1);
        assertEquals(Duration.ofMinutes(30), jingshan.medianTimeToClaim());
        assertEquals(Duration.ofHours(2), jingshan.medianTimeToResolve());
        assertEquals(Map.of("manhole_cover", 1L), jingshan.byCategory());
        assertEquals(jingshan, relabel(engine.statistics(JINGSHAN_GRID, WEEK_FROM, WEEK_TO), JINGSHAN));
        assertEquals(3L, engine.statistics(YUANHANG, WEEK_FROM, WEEK_TO).byCategory().get("manhole_cover"),
                "H's manhole is not counted in 远航社区");
    }

    @Test
    void figures_roll_up_from_grid_to_community_to_street_district_and_city() {
        Statistics g6 = engine.statistics(GRID_6, WEEK_FROM, WEEK_TO);
        Statistics g1 = engine.statistics(GRID_1, WEEK_FROM, WEEK_TO);
        Statistics yuanhang = engine.statistics(YUANHANG, WEEK_FROM, WEEK_TO);
        Statistics jingshan = engine.statistics(JINGSHAN, WEEK_FROM, WEEK_TO);
        Statistics street = engine.statistics(STREET, WEEK_FROM, WEEK_TO);

        assertEquals(counts(yuanhang), sum(counts(g6), counts(g1)));
        assertEquals(counts(street), sum(counts(yuanhang), counts(jingshan)));
        // street = A..H: submitted 8, dispatched 7, responded 6, resolved 6, on time 5 (all but B),
        // rated 4 (A B G H), satisfied 3 (A B H), returns 1, reopened 1, ever resolved 6
        assertCounts(street, 8, 7, 6, 6, 5, 4, 3, 1, 1, 6);
        assertEquals(6.0 / 7, street.responseRate(), 1e-12);
        assertEquals(6.0 / 8, street.resolutionRate(), 1e-12);
        assertEquals(5.0 / 6, street.onTimeRate(), 1e-12);
        assertEquals(3.0 / 4, street.satisfactionRate(), 1e-12);
        assertEquals(1.0 / 6, street.redoRate(), 1e-12);
        // medians are not additive: claim 20 min, 30 min, 1 h | 3 h, 3 h, 8 h → (1 h + 3 h) / 2 = 2 h;
        // resolve 1 h, 2 h, 6 h | 24 h, 28 h, 30 h → (6 h + 24 h) / 2 = 15 h
        assertEquals(Duration.ofHours(2), street.medianTimeToClaim());
        assertEquals(Duration.ofHours(15), street.medianTimeToResolve());
        assertEquals(Map.of("manhole_cover", 4L, "flying_wire", 1L, "neighbour_dispute", 1L, "suggestion", 1L,
                "gas_leak", 1L), street.byCategory());
        assertEquals(Map.of(CategoryKind.HAZARD, 4L, CategoryKind.DISPUTE, 1L, CategoryKind.SUGGESTION, 1L),
                street.resolvedByKind());

        // One street in the district, one district in the city: the same figures all the way up.
        assertEquals(street, relabel(engine.statistics(DISTRICT, WEEK_FROM, WEEK_TO), STREET));
        assertEquals(street, relabel(engine.statistics(CITY, WEEK_FROM, WEEK_TO), STREET));
    }

    @Test
    void tickets_are_counted_in_the_period_they_were_reported_in() {
        // I was reported on Fri 11-20 and resolved inside the week: it belongs to the week before.
        Statistics before = engine.statistics(YUANHANG, shanghai("2026-11-16T00:00"), WEEK_FROM);
        // Its resolve deadline was Fri 10:00 + 1 working day = Mon 11-23 10:00; resolved Mon 14:00, so late.
        assertCounts(before, 1, 1, 1, 1, 0, 1, 1, 0, 0, 1);
        assertEquals(Map.of("manhole_cover", 1L), before.byCategory());
        // J was reported at the week's exclusive end, so it opens the next period.
        Statistics next = engine.statistics(GRID_6, WEEK_TO, WEEK_TO.plus(Duration.ofDays(7)));
        assertEquals(1, next.submitted());
        assertEquals(Map.of("suggestion", 1L), next.byCategory());
        // A period starting exactly at A's and H's report instant includes them (from is inclusive).
        Statistics mondayNine = engine.statistics(STREET, shanghai("2026-11-23T09:00"), shanghai("2026-11-23T09:01"));
        assertEquals(Map.of("manhole_cover", 2L), mondayNine.byCategory());
    }

    @Test
    void clock_closures_after_the_feedback_window_are_not_ratings() {
        Statistics before = engine.statistics(YUANHANG, WEEK_FROM, WEEK_TO);
        city.clock.set(shanghai("2026-11-30T01:00"));
        // E: claim and resolve missed (2 escalations); C and D: feedback windows over (2 closures)
        assertEquals(4, engine.escalateOverdue());
        assertEquals(TicketState.CLOSED, engine.ticket(c).state());
        assertEquals(TicketState.CLOSED, engine.ticket(d).state());
        assertEquals(before, engine.statistics(YUANHANG, WEEK_FROM, WEEK_TO),
                "closing C and D by the clock keeps them resolved and unrated; escalating E changes no figure");
    }

    // ---- zero denominators and bad input ---------------------------------------------------

    @Test
    void a_period_without_tickets_gives_zero_rates_and_no_medians() {
        Statistics empty = engine.statistics(YUANHANG, shanghai("2026-01-01T00:00"), shanghai("2026-02-01T00:00"));
        assertCounts(empty, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        for (double rate : rates(empty)) {
            assertFalse(Double.isNaN(rate));
            assertEquals(0.0, rate);
        }
        assertNull(empty.medianTimeToClaim());
        assertNull(empty.medianTimeToResolve());
        assertTrue(empty.medianClaim().isEmpty());
        assertTrue(empty.medianResolve().isEmpty());
        assertTrue(empty.byCategory().isEmpty());
        assertTrue(empty.resolvedByKind().isEmpty());
    }

    @Test
    void rates_whose_base_is_empty_are_zero_while_the_others_are_computed() {
        // Thu 10:00–11:00 in grid 6 holds only F, rejected as false: submitted 1, nothing dispatched or resolved.
        Statistics onlyF = engine.statistics(GRID_6, shanghai("2026-11-26T10:00"), shanghai("2026-11-26T11:00"));
        assertCounts(onlyF, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals(0.0, onlyF.resolutionRate(), "0 resolved of 1 submitted");
        for (double rate : rates(onlyF)) {
            assertFalse(Double.isNaN(rate));
            assertEquals(0.0, rate);
        }
        assertTrue(onlyF.medianClaim().isEmpty());
        // Thu 09:00–10:00: only E, dispatched and never claimed — a real 0 % response rate.
        Statistics onlyE = engine.statistics(GRID_6, shanghai("2026-11-26T09:00"), shanghai("2026-11-26T10:00"));
        assertCounts(onlyE, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals(0.0, onlyE.responseRate());
    }

    @Test
    void bad_arguments_are_refused_with_typed_errors() {
        assertEquals("orgUnit", assertThrows(InvalidInput.class,
                () -> engine.statistics(null, WEEK_FROM, WEEK_TO)).field());
        assertEquals("orgUnit", assertThrows(InvalidInput.class,
                () -> engine.statistics(OrgUnitId.of("atlantis"), WEEK_FROM, WEEK_TO)).field());
        assertEquals("period", assertThrows(InvalidInput.class,
                () -> engine.statistics(YUANHANG, WEEK_TO, WEEK_FROM)).field());
        assertEquals("period", assertThrows(InvalidInput.class,
                () -> engine.statistics(YUANHANG, WEEK_FROM, WEEK_FROM)).field());
        assertEquals("period", assertThrows(InvalidInput.class,
                () -> engine.statistics(YUANHANG, null, WEEK_TO)).field());
        assertEquals("period", assertThrows(InvalidInput.class,
                () -> engine.statistics(YUANHANG, WEEK_FROM, null)).field());
    }

    // ---- scenario steps ----------------------------------------------------------------------

    private void at(String shanghaiLocal) {
        city.clock.set(shanghai(shanghaiLocal));
    }

    private TicketId report(Actor who, Category category, OrgUnitId grid) {
        return engine.handle(city.report(who, category, grid)).ticketId();
    }

    private void verify(Actor gridStaff, TicketId id) {
        engine.handle(new Verify(city.cmd(), gridStaff, id, VerificationMethod.BY_PHOTO, null));
    }

    private void dispatch(TicketId id, OrgUnitId community, DepartmentId lead, List<DepartmentId> coHandlers) {
        engine.handle(new Dispatch(city.cmd(), COORDINATOR, id, community, lead, coHandlers, "street dispatch"));
    }

    private TicketId reportVerifyDispatch(Actor who, Category category, OrgUnitId grid, Actor gridStaff, OrgUnitId community,
            DepartmentId lead, List<DepartmentId> coHandlers) {
        TicketId id = report(who, category, grid);
        verify(gridStaff, id);
        dispatch(id, community, lead, coHandlers);
        return id;
    }

    private void claimAndAccept(TicketId id, Actor... handlers) {
        OrgUnitId community = engine.ticket(id).community();
        engine.handle(new Claim(city.cmd(), community.equals(JINGSHAN) ? JINGSHAN_STAFF : YUANHANG_STAFF, id));
        for (Actor h : handlers) {
            engine.handle(new Accept(city.cmd(), h, id));
        }
    }

    private void resolve(TicketId id, Actor handler) {
        engine.handle(new Resolve(city.cmd(), handler, id, "done", List.of()));
    }

    private void confirm(TicketId id, Actor reporter, Satisfaction satisfaction) {
        engine.handle(new Confirm(city.cmd(), reporter, id, satisfaction, null));
    }

    // ---- figures -----------------------------------------------------------------------------

    private static void assertCounts(Statistics s, long submitted, long dispatched, long responded, long resolved,
            long resolvedOnTime, long rated, long satisfied, long returns, long reopened, long everResolved) {
        assertEquals(List.of(submitted, dispatched, responded, resolved, resolvedOnTime, rated, satisfied, returns, reopened,
                everResolved), counts(s),
                "[submitted, dispatched, responded, resolved, resolvedOnTime, rated, satisfied, returns, reopened, everResolved]"
                        + " of " + s.orgUnit());
    }

    private static List<Long> counts(Statistics s) {
        return List.of(s.submitted(), s.dispatched(), s.responded(), s.resolved(), s.resolvedOnTime(), s.rated(),
                s.satisfied(), s.returns(), s.reopened(), s.everResolved());
    }

    private static List<Long> sum(List<Long> x, List<Long> y) {
        return java.util.stream.IntStream.range(0, x.size()).mapToObj(k -> x.get(k) + y.get(k)).toList();
    }

    /** The same figures as if asked of {@code unit}: to compare figures of units that must agree. */
    private static Statistics relabel(Statistics s, OrgUnitId unit) {
        return new Statistics(unit, s.from(), s.to(), s.submitted(), s.dispatched(), s.responded(), s.resolved(),
                s.resolvedOnTime(), s.rated(), s.satisfied(), s.returns(), s.reopened(), s.everResolved(),
                s.medianTimeToClaim(), s.medianTimeToResolve(), s.byCategory(), s.resolvedByKind());
    }

    private static double[] rates(Statistics s) {
        return new double[] {s.responseRate(), s.resolutionRate(), s.onTimeRate(), s.satisfactionRate(), s.redoRate()};
    }
}
