package dev.civicloop.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.core.TicketView;
import dev.civicloop.core.command.RejectAsFalse;
import dev.civicloop.core.command.Report;
import dev.civicloop.core.command.Verify;
import dev.civicloop.points.Award;
import dev.civicloop.points.CivicEvent;
import dev.civicloop.points.MemberProfile;
import dev.civicloop.points.PointsAwarder;
import dev.civicloop.points.PointsLedger;
import dev.civicloop.points.PointsRules;
import dev.civicloop.points.TicketEventFeed;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.CategoryKind;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.Deadline;
import dev.civicloop.spi.model.Department;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.Occupation;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Recipient;
import dev.civicloop.spi.store.OutboxEntry;
import dev.civicloop.spi.store.OutboxStore;
import dev.civicloop.spi.store.TicketStore;
import dev.civicloop.store.memory.InMemoryLedgerStore;
import dev.civicloop.store.memory.InMemoryOutbox;
import dev.civicloop.store.memory.InMemoryTicketStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Points awarded → the member: every award (and penalty) tells the member through the same
 * transactional outbox as the ticket notifications, written with the posting, delivered by the
 * engine's outbox pass, and never twice — on one JDBC (H2) database, and in memory with one shared
 * outbox.
 */
class PointsNotificationsTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DepartmentId MUNICIPAL = DepartmentId.of("municipal");
    private static final OrgUnitId GRID = OrgUnitId.of("yuanhang-grid-6");
    private static final Actor RIDER = Actor.reporter("wang-bin", Role.MOBILE_GRID_MEMBER);
    private static final Actor GRID_STAFF = Actor.of("grid6-staff", Set.of(Role.GRID_STAFF), Set.of(GRID), Set.of());
    private static final Category MANHOLE = Category.builder("manhole_cover", "井盖破损", "Broken manhole cover")
            .kind(CategoryKind.HAZARD).claimWithin(Deadline.hours(24)).resolveWithin(Deadline.workingDays(1))
            .lead(MUNICIPAL).build();
    private static final Instant FAR_FUTURE = Instant.parse("2036-01-01T00:00:00Z");
    private static final PointsRules RULES = PointsRules.fromJson("""
            {"zone": "Asia/Shanghai", "rules": [
              {"id": "snap-report", "description": "随手拍 verified", "on": "report.verified", "points": 5,
               "limits": {"perDay": 5}, "oncePerTicket": true},
              {"id": "volunteer-hours", "on": "volunteer.attended", "points": {"per": "hours", "rate": 4}},
              {"id": "false-report", "on": "report.rejected_as_false", "points": -20}
            ]}""", "points-notifications-rules.json");

    @TempDir
    Path dir;

    private final MovingClock clock = new MovingClock(LocalDateTime.parse("2026-11-23T09:00").atZone(SHANGHAI).toInstant());
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final AtomicInteger commands = new AtomicInteger();
    private JdbcDatabase db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    /** The city on one store pair: the engine delivers from {@code tickets}, the awarder posts to {@code ledger}. */
    private final class City {
        final TicketStore tickets;
        final OutboxStore outbox;
        final GovernanceEngine engine;
        final PointsLedger ledger;
        final PointsAwarder awarder;
        final TicketEventFeed feed;

        City(TicketStore tickets, OutboxStore outbox, LedgerStore ledgerStore) {
            this.tickets = tickets;
            this.outbox = outbox;
            this.engine = GovernanceEngine.builder()
                    .store(tickets).clock(clock).notifier(notifier)
                    .orgUnits(List.of(
                            OrgUnit.of("daqing", OrgLevel.CITY, "大庆市", null),
                            OrgUnit.of("babaishang", OrgLevel.STREET, "八百垧街道", "daqing"),
                            OrgUnit.of("yuanhang", OrgLevel.COMMUNITY, "远航社区", "babaishang"),
                            OrgUnit.of("yuanhang-grid-6", OrgLevel.GRID, "第六网格", "yuanhang")))
                    .departments(List.of(Department.of("municipal", "市政设施管理处", "Municipal facilities")))
                    .categories(List.of(MANHOLE))
                    .build();
            this.ledger = PointsLedger.builder(ledgerStore).clock(clock).build();
            this.awarder = PointsAwarder.of(RULES, ledger, ledgerStore,
                    member -> MemberProfile.of(Set.of(Role.MOBILE_GRID_MEMBER), Occupation.DELIVERY_RIDER));
            this.feed = new TicketEventFeed(tickets, engine, awarder, 0);
        }

        TicketView report() {
            return engine.handle(new Report(CommandId.of("c" + commands.incrementAndGet()), RIDER, MANHOLE.code(),
                    Location.address("尚溪小区 3 栋"), "井盖翘起", List.of(), GRID));
        }

        TicketView reportAndVerify() {
            TicketView t = report();
            return engine.handle(new Verify(CommandId.of("c" + commands.incrementAndGet()), GRID_STAFF, t.ticketId(),
                    VerificationMethod.BY_PHOTO, null));
        }

        List<Notification> pending(String topic) {
            return outbox.due(FAR_FUTURE, 100).stream().map(OutboxEntry::notification)
                    .filter(n -> n.topic().equals(topic)).toList();
        }
    }

    private City jdbcCity() {
        db = JdbcDatabase.h2File(dir.resolve("civicloop"));
        return new City(db.ticketStore(), db.ticketStore(), db.ledgerStore());
    }

    @Test
    void aVerifiedReportTellsTheRiderOfHisPointsOnceThroughTheEnginesOutbox() {
        City city = jdbcCity();
        TicketView t = city.reportAndVerify();

        List<Award> decisions = city.feed.poll();
        assertEquals(List.of(Award.Outcome.AWARDED), decisions.stream().map(Award::outcome).toList());
        Award award = decisions.get(0);
        List<Notification> told = city.pending(PointsAwarder.AWARDED_TOPIC);
        assertEquals(1, told.size(), "one points-awarded notification in the outbox");
        Notification n = told.get(0);
        assertEquals("points-awarded:" + award.postingId().value(), n.id(), "derived from the posting id");
        assertEquals(Recipient.actor("wang-bin"), n.recipient());
        assertEquals(t.ticketId(), n.ticketId(), "caused by this ticket's verification");
        assertEquals(clock.instant(), n.createdAt());
        assertEquals("5", n.data().get("points"));
        assertEquals("snap-report", n.data().get("rule"));
        assertEquals("report.verified", n.data().get("eventType"));
        assertEquals(award.explanation().text(), n.data().get("explanation"));

        int ticketNotifications = city.outbox.due(FAR_FUTURE, 100).size() - 1;
        assertEquals(ticketNotifications + 1, city.engine.deliverNotifications(), "delivered with the ticket ones");
        assertEquals(List.of(n), notifier.topic(PointsAwarder.AWARDED_TOPIC));
        assertEquals(0, city.outbox.pendingCount());
    }

    @Test
    void replayingTheFeedOrAnAwardTheLimitRefusesTellsNoOne() {
        City city = jdbcCity();
        city.reportAndVerify();
        city.feed.poll();
        city.engine.deliverNotifications();
        assertEquals(1, notifier.topic(PointsAwarder.AWARDED_TOPIC).size());

        List<Award> replay = new TicketEventFeed(city.tickets, city.engine, city.awarder, 0).poll();
        assertEquals(List.of(Award.Outcome.ALREADY_AWARDED), replay.stream().map(Award::outcome).toList());
        city.reportAndVerify(); // the daily limit of 5 is used up
        assertEquals(List.of(Award.Outcome.LIMIT_REACHED), city.feed.poll().stream().map(Award::outcome).toList());

        assertEquals(List.of(), city.pending(PointsAwarder.AWARDED_TOPIC), "no points-awarded notification");
        city.engine.deliverNotifications();
        assertEquals(1, notifier.topic(PointsAwarder.AWARDED_TOPIC).size(), "the rider was told once");
        assertEquals(5, city.ledger.balance(RIDER.id()));
    }

    @Test
    void volunteerHoursAreAboutNoTicketAndAFalseReportTellsTheRiderWhatWasTaken() {
        City city = jdbcCity();
        city.awarder.accept(CivicEvent.of("act-7", "volunteer.attended", RIDER.id(),
                LocalDateTime.parse("2026-11-23T08:00").atZone(SHANGHAI).toInstant(), Map.of("hours", "2.5")));
        Notification hours = city.pending(PointsAwarder.AWARDED_TOPIC).get(0);
        assertNull(hours.ticketId(), "about no ticket, through the JDBC outbox and back");
        assertEquals("10", hours.data().get("points"));

        TicketView fake = city.report();
        city.engine.handle(new RejectAsFalse(CommandId.of("c" + commands.incrementAndGet()), GRID_STAFF, fake.ticketId(),
                "no manhole there"));
        city.feed.poll();
        Notification deducted = city.pending(PointsAwarder.DEDUCTED_TOPIC).get(0);
        assertEquals(Map.of("points", "10", "requested", "20"),
                Map.of("points", deducted.data().get("points"), "requested", deducted.data().get("requested")),
                "20 asked, the 10 he had taken");
        assertEquals(fake.ticketId(), deducted.ticketId());

        city.engine.deliverNotifications();
        assertEquals(List.of(hours), notifier.topic(PointsAwarder.AWARDED_TOPIC));
        assertEquals(List.of(deducted), notifier.topic(PointsAwarder.DEDUCTED_TOPIC));
        assertEquals(0, city.ledger.balance(RIDER.id()));
    }

    @Test
    void inMemoryTheLedgerAndTheTicketStoreShareOneOutbox() {
        InMemoryOutbox outbox = new InMemoryOutbox();
        City city = new City(new InMemoryTicketStore(outbox), outbox, new InMemoryLedgerStore(outbox));
        city.reportAndVerify();
        city.feed.poll();
        new TicketEventFeed(city.tickets, city.engine, city.awarder, 0).poll();

        assertEquals(1, city.pending(PointsAwarder.AWARDED_TOPIC).size());
        city.engine.deliverNotifications();
        assertEquals(1, notifier.topic(PointsAwarder.AWARDED_TOPIC).size());
        assertEquals(PostingId.of(notifier.topic(PointsAwarder.AWARDED_TOPIC).get(0).id()
                .substring("points-awarded:".length())), city.awarder.why(RIDER.id()).get(0).postingId());
    }

    private static final class RecordingNotifier implements dev.civicloop.spi.notify.Notifier {
        private final List<Notification> delivered = new ArrayList<>();

        @Override
        public synchronized void deliver(Notification n) {
            delivered.add(n);
        }

        synchronized List<Notification> topic(String topic) {
            return delivered.stream().filter(n -> n.topic().equals(topic)).toList();
        }
    }

    private static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant start) {
            now = start;
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
