package dev.civicloop.core;

import static dev.civicloop.core.SeedCity.COORDINATOR;
import static dev.civicloop.core.SeedCity.DISTRICT;
import static dev.civicloop.core.SeedCity.DRIVER;
import static dev.civicloop.core.SeedCity.FIRE;
import static dev.civicloop.core.SeedCity.FLYING_WIRE;
import static dev.civicloop.core.SeedCity.GAS;
import static dev.civicloop.core.SeedCity.GAS_LEAK;
import static dev.civicloop.core.SeedCity.GRID6_STAFF;
import static dev.civicloop.core.SeedCity.GRID_6;
import static dev.civicloop.core.SeedCity.MANHOLE;
import static dev.civicloop.core.SeedCity.MUNICIPAL_HANDLER;
import static dev.civicloop.core.SeedCity.REST_PLACE;
import static dev.civicloop.core.SeedCity.RIDER;
import static dev.civicloop.core.SeedCity.STREET;
import static dev.civicloop.core.SeedCity.SUPERVISOR;
import static dev.civicloop.core.SeedCity.URBAN;
import static dev.civicloop.core.SeedCity.YUANHANG;
import static dev.civicloop.core.SeedCity.YUANHANG_STAFF;
import static dev.civicloop.core.SeedCity.shanghai;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.core.command.Accept;
import dev.civicloop.core.command.Cancel;
import dev.civicloop.core.command.Claim;
import dev.civicloop.core.command.Confirm;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.command.Escalate;
import dev.civicloop.core.command.Reject;
import dev.civicloop.core.command.Reopen;
import dev.civicloop.core.command.Return;
import dev.civicloop.core.command.Verify;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.NotAuthorized;
import dev.civicloop.spi.TransitionNotAllowed;
import dev.civicloop.spi.event.ResultConfirmed;
import dev.civicloop.spi.event.TicketEscalated;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.model.Satisfaction;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Recipient;
import dev.civicloop.spi.store.OutboxEntry;
import dev.civicloop.spi.store.TicketQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Claim, resolve and feedback deadlines per category, and the clock pass that escalates missed
 * ones (督办) and closes unanswered results. Time moves only through the seed city's clock.
 */
class DeadlinesAndEscalationTest {
    private static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");
    /** Friday 2026-11-27 17:00 in Shanghai. */
    private static final Instant FRIDAY_5PM = shanghai("2026-11-27T17:00");

    private final SeedCity city = new SeedCity();

    // ---- deadlines per category -----------------------------------------------------------

    @Test
    void manhole_dispatched_friday_5pm_must_be_claimed_in_24_hours_and_resolved_by_monday_5pm() {
        GovernanceEngine engine = city.engine();
        city.clock.set(FRIDAY_5PM);
        TicketView t = city.dispatchedManhole(engine);

        // claim: 24 h → Saturday 17:00; resolve: 1 working day → Saturday and Sunday skipped → Monday 17:00.
        // Each is reminded 4 hours before it is due (the default remindBefore).
        assertEquals(new RunningDeadline("claim", shanghai("2026-11-28T17:00"), t.version(), false,
                shanghai("2026-11-28T13:00"), false), t.deadline("claim").orElseThrow());
        assertEquals(new RunningDeadline("resolve", shanghai("2026-11-30T17:00"), t.version(), false,
                shanghai("2026-11-30T13:00"), false), t.deadline("resolve").orElseThrow());
        assertEquals(3, t.version(), "report, verify, dispatch: the dispatch event started both clocks");
        assertEquals(2, t.deadlines().size());
        assertEquals(t.deadlines(), engine.ticket(t.ticketId()).deadlines(), "a re-read folds to the same deadlines");
    }

    @Test
    void working_day_deadlines_respect_the_city_holidays_and_swapped_working_days() {
        GovernanceEngine engine = city.builder().calendar(SeedCity.china2026()).build();
        city.clock.set(shanghai("2026-09-30T10:00")); // the Wednesday before National Day

        TicketView manhole = city.dispatchedManhole(engine);
        // claim 24 h runs through the holiday; resolve 1 working day skips 10-01..07 → Thursday 10-08.
        assertEquals(shanghai("2026-10-01T10:00"), manhole.deadline("claim").orElseThrow().dueAt());
        assertEquals(shanghai("2026-10-08T10:00"), manhole.deadline("resolve").orElseThrow().dueAt());

        TicketView wire = dispatchedFlyingWire(engine);
        // 3 working days: 10-08 (1), 10-09 (2), Saturday 10-10 worked by 调休 (3).
        assertEquals(shanghai("2026-10-10T10:00"), wire.deadline("resolve").orElseThrow().dueAt());
        assertEquals(shanghai("2026-10-01T10:00"), wire.deadline("claim").orElseThrow().dueAt());
    }

    @Test
    void gas_leak_is_urgent_skips_verification_and_reaches_community_and_departments_on_report() {
        GovernanceEngine engine = city.builder().calendar(SeedCity.china2026()).build();
        Instant reported = shanghai("2026-10-01T20:00"); // on a public holiday: hour deadlines do not care
        city.clock.set(reported);

        TicketView t = engine.handle(city.report(RIDER, GAS_LEAK, GRID_6));

        assertTrue(t.urgent());
        assertTrue(t.verificationSkipped());
        assertEquals(TicketState.DISPATCHED, t.state());
        assertEquals(YUANHANG, t.community());
        assertEquals(List.of(GAS, FIRE), t.departments());
        // Shorter than twice remindBefore: reminded halfway.
        assertEquals(new RunningDeadline("claim", reported.plus(Duration.ofHours(1)), 2, false,
                reported.plus(Duration.ofMinutes(30)), false), t.deadline("claim").orElseThrow());
        assertEquals(new RunningDeadline("resolve", reported.plus(Duration.ofHours(2)), 2, false,
                reported.plus(Duration.ofHours(1)), false), t.deadline("resolve").orElseThrow());
        assertThrows(TransitionNotAllowed.class, () -> engine.handle(
                new Verify(city.cmd(), GRID6_STAFF, t.ticketId(), VerificationMethod.ON_SITE, null)),
                "nothing left to verify");

        List<Notification> dispatched = notifications(t.ticketId(), "dispatched");
        assertEquals(Set.of(Recipient.orgUnit("yuanhang"), Recipient.department("gas-co"), Recipient.department("fire")),
                dispatched.stream().map(Notification::recipient).collect(java.util.stream.Collectors.toSet()));
        assertTrue(dispatched.stream().allMatch(Notification::urgent), "urgent notifications go first");
        assertTrue(dispatched.stream().allMatch(n -> n.createdAt().equals(reported)), "sent at once, on report");
    }

    @Test
    void a_normal_category_is_not_urgent_and_waits_for_verification() {
        GovernanceEngine engine = city.engine();
        TicketView t = engine.handle(city.report(DRIVER, MANHOLE, GRID_6));
        assertFalse(t.urgent());
        assertFalse(t.verificationSkipped());
        assertEquals(TicketState.SUBMITTED, t.state());
        assertTrue(t.deadlines().isEmpty(), "the closed loop starts its clocks on dispatch");
    }

    // ---- the clock pass ---------------------------------------------------------------------

    @Test
    void before_any_deadline_the_clock_pass_changes_nothing() {
        GovernanceEngine engine = city.engine();
        city.clock.set(FRIDAY_5PM);
        TicketView t = city.dispatchedManhole(engine);
        city.clock.set(shanghai("2026-11-28T16:59"));

        assertEquals(0, engine.escalateOverdue());
        TicketView after = engine.ticket(t.ticketId());
        assertEquals(t.version(), after.version());
        assertEquals(0, after.supervisionLevel());
        assertTrue(notifications(t.ticketId(), "escalated").isEmpty());
    }

    @Test
    void a_missed_claim_then_a_missed_resolve_deadline_each_escalate_exactly_once() {
        GovernanceEngine engine = city.engine();
        city.clock.set(FRIDAY_5PM);
        TicketView t = city.dispatchedManhole(engine);
        TicketId id = t.ticketId();

        // Saturday 17:01: the claim deadline (Saturday 17:00) is missed.
        city.clock.set(shanghai("2026-11-28T17:01"));
        assertEquals(1, engine.escalateOverdue());
        TicketView once = engine.ticket(id);
        assertEquals(1, once.supervisionLevel());
        assertEquals(TicketState.DISPATCHED, once.state(), "escalation keeps the state");
        assertEquals(new RunningDeadline("claim", shanghai("2026-11-28T17:00"), 3, true, shanghai("2026-11-28T13:00"), false),
                once.deadline("claim").orElseThrow(), "escalated without a reminder: the reminder pass never ran");
        assertFalse(once.deadline("resolve").orElseThrow().escalated());
        TimelineEntry last = lastEntry(engine, id);
        assertEquals(ActorId.of("clock"), last.actor());
        assertEquals(new TicketEscalated("claim", 1, shanghai("2026-11-28T17:00"), STREET), last.event());
        assertEquals(List.of(Recipient.orgUnit("babaishang")), recipients(id, "escalated"), "the street is told");

        // Again, now and on Sunday: the same missed deadline never escalates twice.
        assertEquals(0, engine.escalateOverdue());
        city.clock.set(shanghai("2026-11-29T12:00"));
        assertEquals(0, engine.escalateOverdue());
        assertEquals(once.version(), engine.ticket(id).version());
        assertEquals(1, notifications(id, "escalated").size());

        // Claimed late on Monday morning and accepted, but the resolve deadline (Monday 17:00) is missed too.
        city.clock.set(shanghai("2026-11-30T09:00"));
        engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, id));
        engine.handle(new Accept(city.cmd(), MUNICIPAL_HANDLER, id));
        assertTrue(engine.ticket(id).deadline("claim").isEmpty(), "claiming stops the claim clock");
        city.clock.set(shanghai("2026-11-30T16:59"));
        assertEquals(0, engine.escalateOverdue());
        city.clock.set(shanghai("2026-11-30T17:01"));
        assertEquals(1, engine.escalateOverdue());
        TicketView twice = engine.ticket(id);
        assertEquals(2, twice.supervisionLevel());
        assertEquals(TicketState.IN_HANDLING, twice.state());
        assertTrue(twice.deadline("resolve").orElseThrow().escalated());
        assertEquals(new TicketEscalated("resolve", 2, shanghai("2026-11-30T17:00"), DISTRICT), lastEntry(engine, id).event());
        assertEquals(List.of(Recipient.orgUnit("babaishang"), Recipient.orgUnit("honggang")), recipients(id, "escalated"),
                "level 2 goes up to the district");

        city.clock.advance(Duration.ofDays(2));
        assertEquals(0, engine.escalateOverdue());
        assertEquals(2, engine.ticket(id).supervisionLevel());
    }

    @Test
    void two_deadlines_missed_by_the_same_pass_escalate_once_each() {
        GovernanceEngine engine = city.engine();
        TicketView t = city.dispatchedManhole(engine); // Monday 09:00: claim 24 h and resolve 1 working day, both Tuesday 09:00
        assertEquals(t.deadline("claim").orElseThrow().dueAt(), t.deadline("resolve").orElseThrow().dueAt());

        city.clock.advance(Duration.ofDays(2));
        assertEquals(2, engine.escalateOverdue());
        List<TicketEscalated> escalations = engine.history(t.ticketId()).stream()
                .map(TimelineEntry::event).filter(TicketEscalated.class::isInstance).map(TicketEscalated.class::cast).toList();
        assertEquals(List.of("claim", "resolve"), escalations.stream().map(TicketEscalated::deadline).toList());
        assertEquals(List.of(1, 2), escalations.stream().map(TicketEscalated::level).toList());
        assertEquals(0, engine.escalateOverdue());
        assertEquals(2, engine.ticket(t.ticketId()).supervisionLevel());
    }

    @Test
    void a_reopened_ticket_gets_fresh_deadlines_that_escalate_on_their_own() {
        GovernanceEngine engine = city.engine();
        TicketView t = city.dispatchedManhole(engine);
        TicketId id = t.ticketId();
        city.clock.advance(Duration.ofHours(25));
        assertEquals(2, engine.escalateOverdue(), "claim and resolve, both due Tuesday 09:00");
        city.resolve(engine, t, List.of(MUNICIPAL_HANDLER));

        TicketView reopened = engine.handle(new Reopen(city.cmd(), DRIVER, id, "still loose"));
        Instant at = city.clock.instant();
        assertEquals(TicketState.DISPATCHED, reopened.state());
        assertEquals(1, reopened.redoCount());
        assertEquals(new RunningDeadline("claim", at.plus(Duration.ofHours(24)), reopened.version(), false,
                at.plus(Duration.ofHours(20)), false), reopened.deadline("claim").orElseThrow());
        assertTrue(reopened.deadline("feedback").isEmpty(), "reopening stops the feedback window");

        city.clock.advance(Duration.ofHours(25));
        assertEquals(2, engine.escalateOverdue(), "the new claim and resolve deadlines are new misses");
        assertEquals(4, engine.ticket(id).supervisionLevel());
        assertEquals(0, engine.escalateOverdue());
    }

    @Test
    void closed_and_terminal_tickets_are_never_escalated() {
        GovernanceEngine engine = city.engine();
        // Closed in time by the reporter.
        TicketView closed = city.dispatchedManhole(engine);
        city.resolve(engine, closed, List.of(MUNICIPAL_HANDLER));
        city.confirm(engine, closed, DRIVER);
        // Dispatched, returned by the community, then rejected by the street.
        TicketView rejected = city.dispatchedManhole(engine);
        engine.handle(new Return(city.cmd(), YUANHANG_STAFF, rejected.ticketId(), "not in our community"));
        engine.handle(new Reject(city.cmd(), COORDINATOR, rejected.ticketId(), "duplicate of a phone report"));
        // A grievance's clocks start on report; the worker withdraws it.
        TicketView cancelled = engine.handle(city.report(RIDER, REST_PLACE, GRID_6));
        assertTrue(cancelled.deadline("claim").isPresent());
        engine.handle(new Cancel(city.cmd(), RIDER, cancelled.ticketId(), "found a station"));

        city.clock.advance(Duration.ofDays(60));
        assertEquals(0, engine.escalateOverdue());
        for (TicketId id : List.of(closed.ticketId(), rejected.ticketId(), cancelled.ticketId())) {
            TicketView v = engine.ticket(id);
            assertTrue(v.terminal(), v.state().name());
            assertEquals(0, v.supervisionLevel());
            assertTrue(v.deadlines().isEmpty(), "a terminal ticket has no running deadline");
        }
        assertTrue(engine.tickets(TicketQuery.all().onlyOpen().withDueBefore(city.clock.instant())).items().isEmpty());
    }

    @Test
    void an_unaccepted_grievance_escalates_from_its_report() {
        GovernanceEngine engine = city.engine();
        TicketView g = engine.handle(city.report(RIDER, REST_PLACE, GRID_6));
        assertEquals(new RunningDeadline("claim", SeedCity.MONDAY_9AM.plus(Duration.ofHours(24)), 1, false,
                SeedCity.MONDAY_9AM.plus(Duration.ofHours(20)), false), g.deadline("claim").orElseThrow());
        city.clock.advance(Duration.ofHours(25));
        assertEquals(1, engine.escalateOverdue());
        assertEquals(1, engine.ticket(g.ticketId()).supervisionLevel());
        assertEquals(0, engine.escalateOverdue());
    }

    // ---- feedback window ----------------------------------------------------------------------

    @Test
    void a_result_left_unanswered_for_three_days_is_closed_by_the_clock() {
        GovernanceEngine engine = city.engine();
        TicketView t = city.dispatchedManhole(engine);
        TicketView resolved = city.resolve(engine, t, List.of(MUNICIPAL_HANDLER));
        Instant resolvedAt = city.clock.instant();
        assertEquals(TicketState.RESOLVED, resolved.state());
        assertEquals(new RunningDeadline("feedback", resolvedAt.plus(Duration.ofDays(3)), resolved.version(), false,
                null, false), resolved.deadline("feedback").orElseThrow(), "no reminder: the clock closes it");
        assertTrue(resolved.deadline("resolve").isEmpty(), "resolving stops the resolve clock");

        city.clock.set(resolvedAt.plus(Duration.ofDays(3)).minusSeconds(60));
        assertEquals(0, engine.escalateOverdue());
        assertEquals(TicketState.RESOLVED, engine.ticket(t.ticketId()).state());

        city.clock.set(resolvedAt.plus(Duration.ofDays(3)).plusSeconds(60));
        assertEquals(1, engine.escalateOverdue());
        TicketView closed = engine.ticket(t.ticketId());
        assertEquals(TicketState.CLOSED, closed.state());
        assertNull(closed.satisfaction(), "no answer is not a rating");
        assertEquals(0, closed.supervisionLevel(), "closing is not an escalation");
        TimelineEntry last = lastEntry(engine, t.ticketId());
        assertEquals(ActorId.of("clock"), last.actor());
        assertEquals(new ResultConfirmed(null, null, true), last.event());
        assertEquals(0, engine.escalateOverdue());
    }

    @Test
    void the_feedback_window_is_the_builders() {
        GovernanceEngine engine = city.builder().feedbackWindow(Duration.ofHours(12)).build();
        TicketView t = city.dispatchedManhole(engine);
        TicketView resolved = city.resolve(engine, t, List.of(MUNICIPAL_HANDLER));
        assertEquals(city.clock.instant().plus(Duration.ofHours(12)), resolved.deadline("feedback").orElseThrow().dueAt());
        city.clock.advance(Duration.ofHours(13));
        assertEquals(1, engine.escalateOverdue());
        assertEquals(TicketState.CLOSED, engine.ticket(t.ticketId()).state());

        assertThrows(InvalidConfiguration.class, () -> city.builder().feedbackWindow(Duration.ZERO));
        assertThrows(InvalidConfiguration.class, () -> city.builder().feedbackWindow(Duration.ofDays(-1)));
        assertThrows(InvalidConfiguration.class, () -> city.builder().feedbackWindow(null));
    }

    @Test
    void an_answer_within_the_window_is_kept_and_the_clock_leaves_it_alone() {
        GovernanceEngine engine = city.engine();
        TicketView t = city.dispatchedManhole(engine);
        city.resolve(engine, t, List.of(MUNICIPAL_HANDLER));
        city.clock.advance(Duration.ofDays(1));
        TicketView answered = engine.handle(new Confirm(city.cmd(), DRIVER, t.ticketId(), Satisfaction.UNSATISFIED, "slow"));
        assertEquals(TicketState.CLOSED, answered.state());
        city.clock.advance(Duration.ofDays(10));
        assertEquals(0, engine.escalateOverdue());
        TicketView after = engine.ticket(t.ticketId());
        assertEquals(Satisfaction.UNSATISFIED, after.satisfaction());
        assertEquals(answered.version(), after.version());
    }

    // ---- escalation by hand --------------------------------------------------------------------

    @Test
    void a_supervisor_escalates_by_hand_and_the_clock_continues_from_that_level() {
        GovernanceEngine engine = city.engine();
        TicketView t = city.dispatchedManhole(engine);
        TicketView escalated = engine.handle(new Escalate(city.cmd(), SUPERVISOR, t.ticketId(), "media attention"));
        assertEquals(1, escalated.supervisionLevel());
        assertEquals(TicketState.DISPATCHED, escalated.state());
        assertEquals(new TicketEscalated("manual", 1, null, STREET), lastEntry(engine, t.ticketId()).event());
        assertEquals(List.of(Recipient.orgUnit("babaishang")), recipients(t.ticketId(), "escalated"));
        assertFalse(escalated.deadline("claim").orElseThrow().escalated(), "a manual escalation spends no deadline");

        city.clock.advance(Duration.ofHours(25));
        assertEquals(2, engine.escalateOverdue());
        assertEquals(3, engine.ticket(t.ticketId()).supervisionLevel());
        // manual → level 1 (street); claim → level 2 (district); resolve → level 3 (city).
        assertEquals(List.of(Recipient.orgUnit("babaishang"), Recipient.orgUnit("honggang"), Recipient.orgUnit("daqing")),
                recipients(t.ticketId(), "escalated"));
    }

    @Test
    void only_a_supervisor_over_the_ticket_may_escalate_and_only_while_it_is_open() {
        GovernanceEngine engine = city.engine();
        TicketView t = city.dispatchedManhole(engine);
        assertThrows(NotAuthorized.class, () -> engine.handle(new Escalate(city.cmd(), COORDINATOR, t.ticketId(), "hurry")),
                "a coordinator lacks the role");
        Actor otherSupervisor = Actor.of("jingshan-supervisor", Set.of(Role.SUPERVISOR), Set.of(SeedCity.JINGSHAN), Set.of());
        assertThrows(NotAuthorized.class, () -> engine.handle(new Escalate(city.cmd(), otherSupervisor, t.ticketId(), "hurry")),
                "another community's supervisor lacks the scope");
        assertEquals(0, engine.ticket(t.ticketId()).supervisionLevel());

        city.resolve(engine, t, List.of(MUNICIPAL_HANDLER));
        city.confirm(engine, t, DRIVER);
        assertThrows(TransitionNotAllowed.class, () -> engine.handle(new Escalate(city.cmd(), SUPERVISOR, t.ticketId(), "late")));
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** Reports a flying-wire hazard in grid 6, verifies it and dispatches it to 远航社区 + urban management (lead) + fire. */
    private TicketView dispatchedFlyingWire(GovernanceEngine engine) {
        TicketView t = engine.handle(city.report(RIDER, FLYING_WIRE, GRID_6));
        engine.handle(new Verify(city.cmd(), GRID6_STAFF, t.ticketId(), VerificationMethod.BY_PHOTO, null));
        return engine.handle(new Dispatch(city.cmd(), COORDINATOR, t.ticketId(), YUANHANG, URBAN, List.of(FIRE), "grid 6"));
    }

    private static TimelineEntry lastEntry(GovernanceEngine engine, TicketId id) {
        List<TimelineEntry> h = engine.history(id);
        return h.get(h.size() - 1);
    }

    /** The outbox's pending notifications for one ticket and topic, oldest first. */
    private List<Notification> notifications(TicketId id, String topic) {
        return city.store.due(FAR_FUTURE, 1000).stream().map(OutboxEntry::notification)
                .filter(n -> n.ticketId().equals(id) && n.topic().equals(topic))
                .toList();
    }

    private List<Recipient> recipients(TicketId id, String topic) {
        return notifications(id, topic).stream().map(Notification::recipient).toList();
    }
}
