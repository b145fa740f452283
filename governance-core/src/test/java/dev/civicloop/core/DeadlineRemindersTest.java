package dev.civicloop.core;

import static dev.civicloop.core.SeedCity.COORDINATOR;
import static dev.civicloop.core.SeedCity.DRIVER;
import static dev.civicloop.core.SeedCity.FIRE;
import static dev.civicloop.core.SeedCity.FIRE_HANDLER;
import static dev.civicloop.core.SeedCity.GAS;
import static dev.civicloop.core.SeedCity.GAS_HANDLER;
import static dev.civicloop.core.SeedCity.GAS_LEAK;
import static dev.civicloop.core.SeedCity.GRID6_STAFF;
import static dev.civicloop.core.SeedCity.GRID_6;
import static dev.civicloop.core.SeedCity.MUNICIPAL;
import static dev.civicloop.core.SeedCity.MUNICIPAL_HANDLER;
import static dev.civicloop.core.SeedCity.REST_PLACE;
import static dev.civicloop.core.SeedCity.RIDER;
import static dev.civicloop.core.SeedCity.URBAN;
import static dev.civicloop.core.SeedCity.YUANHANG;
import static dev.civicloop.core.SeedCity.YUANHANG_STAFF;
import static dev.civicloop.core.SeedCity.shanghai;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.core.command.Accept;
import dev.civicloop.core.command.Claim;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.command.Reopen;
import dev.civicloop.core.command.Resolve;
import dev.civicloop.core.command.Return;
import dev.civicloop.core.command.Verify;
import dev.civicloop.core.workflow.Workflow;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.event.TicketEscalated;
import dev.civicloop.spi.event.TicketReminded;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.Deadline;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Recipient;
import dev.civicloop.spi.store.OutboxEntry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The clock's reminder pass (临期提醒): whoever must act on a claim or resolve deadline is reminded
 * once before it is missed, at the later of due − remindBefore and halfway through the deadline.
 * Time moves only through the seed city's clock.
 */
class DeadlineRemindersTest {
    private static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");
    private static final Duration NANO = Duration.ofNanos(1);
    /** Friday 2026-11-27 17:00 in Shanghai. */
    private static final Instant FRIDAY_5PM = shanghai("2026-11-27T17:00");

    private final SeedCity city = new SeedCity();

    @Test
    void manhole_dispatched_friday_is_reminded_to_the_community_saturday_1pm_and_to_municipal_monday_1pm() {
        GovernanceEngine engine = city.engine();
        city.clock.set(FRIDAY_5PM);
        TicketView t = city.dispatchedManhole(engine); // claim due Saturday 17:00, resolve due Monday 17:00
        TicketId id = t.ticketId();
        Instant claimReminder = shanghai("2026-11-28T13:00");
        assertEquals(claimReminder, t.deadline("claim").orElseThrow().remindAt());

        city.clock.set(claimReminder.minus(NANO));
        assertEquals(0, engine.remindDeadlines(), "not one nanosecond early");
        assertEquals(t.version(), engine.ticket(id).version());

        city.clock.set(claimReminder);
        assertEquals(1, engine.remindDeadlines());
        TicketView reminded = engine.ticket(id);
        assertEquals(TicketState.DISPATCHED, reminded.state(), "a reminder keeps the state");
        assertEquals(0, reminded.supervisionLevel(), "a reminder is not an escalation");
        assertTrue(reminded.deadline("claim").orElseThrow().reminded());
        assertFalse(reminded.deadline("resolve").orElseThrow().reminded(), "the resolve deadline is far off");
        TimelineEntry last = lastEntry(engine, id);
        assertEquals(ActorId.of("clock"), last.actor());
        assertEquals(claimReminder, last.at());
        assertEquals(new TicketReminded("claim", shanghai("2026-11-28T17:00"), YUANHANG, List.of()), last.event());
        assertEquals("临期提醒 → 已派单 · 领单时限 · yuanhang", last.describe(Locale.SIMPLIFIED_CHINESE));
        assertEquals("reminded → dispatched · claim deadline · yuanhang", last.describe(Locale.ENGLISH));

        List<Notification> notes = notifications(id, "reminded");
        assertEquals(List.of(Recipient.orgUnit("yuanhang")), notes.stream().map(Notification::recipient).toList(),
                "the community that must claim it, and nobody else");
        assertEquals("claim", notes.get(0).data().get("deadline"));
        assertEquals(shanghai("2026-11-28T17:00").toString(), notes.get(0).data().get("dueAt"));
        assertEquals(claimReminder, notes.get(0).createdAt());

        // Every later pass before the deadline appends nothing.
        assertEquals(0, engine.remindDeadlines());
        city.clock.set(shanghai("2026-11-28T16:59"));
        assertEquals(0, engine.remindDeadlines());
        assertEquals(reminded.version(), engine.ticket(id).version());

        // Claimed and accepted on Saturday; the resolve deadline (Monday 17:00) is reminded Monday 13:00 to municipal.
        engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, id));
        engine.handle(new Accept(city.cmd(), MUNICIPAL_HANDLER, id));
        city.clock.set(shanghai("2026-11-30T12:59"));
        assertEquals(0, engine.remindDeadlines());
        city.clock.set(shanghai("2026-11-30T13:00"));
        assertEquals(1, engine.remindDeadlines());
        assertEquals(new TicketReminded("resolve", shanghai("2026-11-30T17:00"), null, List.of(MUNICIPAL)),
                lastEntry(engine, id).event());
        assertEquals("临期提醒 → 办理中 · 办结时限 · municipal", lastEntry(engine, id).describe(Locale.CHINA));
        assertEquals(List.of(Recipient.orgUnit("yuanhang"), Recipient.department("municipal")), recipients(id, "reminded"));
        assertEquals(0, engine.remindDeadlines());
        assertEquals(2, engine.history(id).stream().filter(e -> e.event() instanceof TicketReminded).count());
    }

    @Test
    void the_urgent_gas_leak_is_reminded_halfway_and_only_the_departments_that_have_not_resolved() {
        GovernanceEngine engine = city.engine();
        Instant reported = city.clock.instant();
        TicketView t = engine.handle(city.report(RIDER, GAS_LEAK, GRID_6)); // auto-dispatched: claim 1 h, resolve 2 h
        TicketId id = t.ticketId();
        assertEquals(0, engine.remindDeadlines(), "a one-hour claim is not reminded the moment it starts");

        city.clock.set(reported.plus(Duration.ofMinutes(30)).minus(NANO));
        assertEquals(0, engine.remindDeadlines());
        city.clock.set(reported.plus(Duration.ofMinutes(30)));
        assertEquals(1, engine.remindDeadlines(), "half an hour in: the claim");
        assertEquals(new TicketReminded("claim", reported.plus(Duration.ofHours(1)), YUANHANG, List.of()),
                lastEntry(engine, id).event());
        List<Notification> claimNotes = notifications(id, "reminded");
        assertEquals(1, claimNotes.size());
        assertTrue(claimNotes.get(0).urgent(), "an urgent ticket's reminder is urgent");

        // Claimed, accepted by gas and fire; gas resolves first. At the hour mark only fire is reminded.
        engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, id));
        engine.handle(new Accept(city.cmd(), GAS_HANDLER, id));
        engine.handle(new Accept(city.cmd(), FIRE_HANDLER, id));
        city.clock.set(reported.plus(Duration.ofMinutes(50)));
        engine.handle(new Resolve(city.cmd(), GAS_HANDLER, id, "valve closed, pipe joint replaced", List.of()));
        city.clock.set(reported.plus(Duration.ofHours(1)));
        assertEquals(1, engine.remindDeadlines());
        assertEquals(new TicketReminded("resolve", reported.plus(Duration.ofHours(2)), null, List.of(FIRE)),
                lastEntry(engine, id).event());
        assertEquals(List.of(Recipient.orgUnit("yuanhang"), Recipient.department("fire")), recipients(id, "reminded"));
    }

    @Test
    void joint_handlers_are_reminded_lead_first_when_none_has_resolved() {
        GovernanceEngine engine = city.engine();
        Instant reported = city.clock.instant();
        TicketView t = engine.handle(city.report(RIDER, GAS_LEAK, GRID_6));
        engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, t.ticketId()));
        city.clock.set(reported.plus(Duration.ofHours(1)));
        assertEquals(1, engine.remindDeadlines(), "the claim is stopped: only the resolve deadline");
        assertEquals(new TicketReminded("resolve", reported.plus(Duration.ofHours(2)), null, List.of(GAS, FIRE)),
                lastEntry(engine, t.ticketId()).event());
        assertEquals(List.of(Recipient.department("gas-co"), Recipient.department("fire")),
                recipients(t.ticketId(), "reminded"));
    }

    @Test
    void where_the_workflow_lets_one_department_resolve_for_all_only_the_lead_is_reminded() throws Exception {
        String json = new String(Workflow.class.getResourceAsStream("closed-loop.json").readAllBytes(),
                StandardCharsets.UTF_8)
                .replace("\"id\": \"closed-loop\"", "\"id\": \"lead-resolves\"")
                .replace("\"command\": \"resolve\", \"to\": \"RESOLVED\", \"joint\": true",
                        "\"command\": \"resolve\", \"to\": \"RESOLVED\"");
        Workflow leadResolves = Workflow.fromJson("lead-resolves.json",
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(leadResolves.transitions().stream().noneMatch(tr -> tr.command().equals("resolve") && tr.joint()));
        Category wires = Category.builder("wires", "飞线", "Wires")
                .claimWithin(Deadline.hours(24))
                .resolveWithin(Deadline.hours(48))
                .lead(URBAN).coHandlers(List.of(FIRE)).workflow("lead-resolves").build();
        GovernanceEngine engine = city.builder().workflow(leadResolves).categories(List.of(wires)).build();
        TicketView t = engine.handle(city.report(RIDER, wires, GRID_6));
        engine.handle(new Verify(city.cmd(), GRID6_STAFF, t.ticketId(),
                VerificationMethod.BY_PHOTO, null));
        engine.handle(new Dispatch(city.cmd(), COORDINATOR, t.ticketId(), YUANHANG, URBAN, List.of(FIRE), "wires"));
        engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, t.ticketId()));
        city.clock.advance(Duration.ofHours(44));
        assertEquals(1, engine.remindDeadlines());
        assertEquals(List.of(Recipient.department("urban-mgmt")), recipients(t.ticketId(), "reminded"));
    }

    @Test
    void a_deadline_already_missed_is_escalated_not_reminded() {
        GovernanceEngine engine = city.engine();
        city.clock.set(FRIDAY_5PM);
        TicketView t = city.dispatchedManhole(engine);
        TicketId id = t.ticketId();

        // At the due instant itself the claim is not missed yet: still reminded.
        city.clock.set(shanghai("2026-11-28T17:00"));
        assertEquals(1, engine.remindDeadlines());

        // The resolve deadline (Monday 17:00) is never looked at by a reminder pass before it is missed.
        city.clock.set(shanghai("2026-11-30T17:00").plus(NANO));
        assertEquals(0, engine.remindDeadlines(), "missed by a nanosecond: left to the escalation pass");
        assertEquals(2, engine.escalateOverdue(), "claim and resolve");
        assertEquals(0, engine.remindDeadlines(), "escalated deadlines are never reminded");
        TicketView after = engine.ticket(id);
        assertTrue(after.deadline("claim").orElseThrow().reminded());
        assertFalse(after.deadline("resolve").orElseThrow().reminded());
        assertTrue(after.deadline("resolve").orElseThrow().escalated());
        assertEquals(List.of("claim"), engine.history(id).stream().map(TimelineEntry::event)
                .filter(TicketReminded.class::isInstance).map(e -> ((TicketReminded) e).deadline()).toList());
        assertEquals(List.of(Recipient.orgUnit("yuanhang")), recipients(id, "reminded"));
    }

    @Test
    void the_reminder_and_escalation_passes_leave_each_other_alone() {
        GovernanceEngine engine = city.engine();
        city.clock.set(FRIDAY_5PM);
        TicketView t = city.dispatchedManhole(engine);
        city.clock.set(shanghai("2026-11-28T13:00"));
        assertEquals(0, engine.escalateOverdue(), "the escalation pass does not remind");
        assertEquals(1, engine.remindDeadlines());
        city.clock.set(shanghai("2026-11-28T17:01"));
        assertEquals(1, engine.escalateOverdue(), "a reminded deadline still escalates when missed");
        assertEquals(new TicketEscalated("claim", 1, shanghai("2026-11-28T17:00"), SeedCity.STREET),
                lastEntry(engine, t.ticketId()).event());
        RunningDeadline claim = engine.ticket(t.ticketId()).deadline("claim").orElseThrow();
        assertTrue(claim.reminded() && claim.escalated());
    }

    @Test
    void a_deadline_started_again_after_a_return_or_a_reopening_is_reminded_again() {
        GovernanceEngine engine = city.engine();
        TicketView t = city.dispatchedManhole(engine); // Monday 09:00: claim and resolve both due Tuesday 09:00
        TicketId id = t.ticketId();
        city.clock.advance(Duration.ofHours(20));
        assertEquals(2, engine.remindDeadlines(), "claim to the community, resolve to municipal");

        // The community returns it; the street dispatches it again an hour later: new deadlines, new reminders.
        engine.handle(new Return(city.cmd(), YUANHANG_STAFF, id, "not in our community"));
        city.clock.advance(Duration.ofHours(1));
        TicketView again = engine.handle(new Dispatch(city.cmd(), COORDINATOR, id, YUANHANG, MUNICIPAL, List.of(),
                "it is ours after all"));
        assertFalse(again.deadline("claim").orElseThrow().reminded(), "a new deadline instance");
        assertEquals(0, engine.remindDeadlines());
        city.clock.advance(Duration.ofHours(20));
        assertEquals(2, engine.remindDeadlines());

        // Resolved in time, then reopened: the claim and resolve deadlines start a third time.
        city.resolve(engine, again, List.of(MUNICIPAL_HANDLER));
        assertEquals(0, engine.remindDeadlines(), "the feedback window reminds nobody");
        engine.handle(new Reopen(city.cmd(), DRIVER, id, "still loose"));
        city.clock.advance(Duration.ofHours(20));
        assertEquals(2, engine.remindDeadlines());
        assertEquals(0, engine.remindDeadlines());

        List<TicketReminded> reminders = engine.history(id).stream().map(TimelineEntry::event)
                .filter(TicketReminded.class::isInstance).map(TicketReminded.class::cast).toList();
        assertEquals(List.of("claim", "resolve", "claim", "resolve", "claim", "resolve"),
                reminders.stream().map(TicketReminded::deadline).toList());
        assertEquals(3, reminders.stream().map(TicketReminded::dueAt).distinct().count(), "three deadline instances");
        assertEquals(Map.of(Recipient.orgUnit("yuanhang"), 3L, Recipient.department("municipal"), 3L),
                recipients(id, "reminded").stream().collect(java.util.stream.Collectors.groupingBy(r -> r,
                        java.util.stream.Collectors.counting())));
    }

    @Test
    void a_working_day_deadline_over_national_day_is_reminded_on_its_due_day_not_in_the_middle_of_the_holiday() {
        GovernanceEngine engine = city.builder().calendar(SeedCity.china2026()).build();
        city.clock.set(shanghai("2026-09-30T10:00")); // the Wednesday before National Day
        TicketView t = city.dispatchedManhole(engine); // resolve: 1 working day → Thursday 10-08 10:00
        engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, t.ticketId()));
        RunningDeadline resolve = engine.ticket(t.ticketId()).deadline("resolve").orElseThrow();
        assertEquals(shanghai("2026-10-08T10:00"), resolve.dueAt());
        assertEquals(shanghai("2026-10-08T06:00"), resolve.remindAt(), "4 h before it is due, not halfway (10-04)");

        city.clock.set(shanghai("2026-10-04T10:00"));
        assertEquals(0, engine.remindDeadlines());
        city.clock.set(shanghai("2026-10-08T06:00").minus(NANO));
        assertEquals(0, engine.remindDeadlines());
        city.clock.set(shanghai("2026-10-08T06:00"));
        assertEquals(1, engine.remindDeadlines());
        assertEquals(List.of(Recipient.department("municipal")), recipients(t.ticketId(), "reminded"));
    }

    @Test
    void an_unaccepted_grievance_is_reminded_to_the_unit_it_was_filed_with() {
        GovernanceEngine engine = city.engine();
        TicketView g = engine.handle(city.report(RIDER, REST_PLACE, GRID_6)); // claim 24 h, resolve 5 working days
        city.clock.advance(Duration.ofHours(20));
        assertEquals(1, engine.remindDeadlines());
        assertEquals(new TicketReminded("claim", SeedCity.MONDAY_9AM.plus(Duration.ofHours(24)), GRID_6, List.of()),
                lastEntry(engine, g.ticketId()).event());
        assertEquals(List.of(Recipient.orgUnit("yuanhang-grid-6")), recipients(g.ticketId(), "reminded"));
        assertEquals(TicketState.SUBMITTED, engine.ticket(g.ticketId()).state());
    }

    @Test
    void remind_before_is_the_builders_and_must_be_positive() {
        GovernanceEngine engine = city.builder().remindBefore(Duration.ofHours(1)).build();
        TicketView t = city.dispatchedManhole(engine);
        Instant due = t.deadline("claim").orElseThrow().dueAt();
        assertEquals(due.minus(Duration.ofHours(1)), t.deadline("claim").orElseThrow().remindAt());
        city.clock.set(due.minus(Duration.ofHours(1)).minus(NANO));
        assertEquals(0, engine.remindDeadlines());
        city.clock.set(due.minus(Duration.ofHours(1)));
        assertEquals(2, engine.remindDeadlines());

        GovernanceEngine halfway = city.builder().remindBefore(Duration.ofDays(30)).build();
        TicketView h = city.dispatchedManhole(halfway);
        assertEquals(city.clock.instant().plus(Duration.ofHours(12)), h.deadline("claim").orElseThrow().remindAt(),
                "a lead longer than the deadline: halfway");

        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMinutes(-5), null}) {
            InvalidConfiguration e = assertThrows(InvalidConfiguration.class, () -> city.builder().remindBefore(bad));
            assertTrue(e.getMessage().startsWith("remindBefore"), e.getMessage());
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

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
