package dev.civicloop.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.members.Application;
import dev.civicloop.members.Approval;
import dev.civicloop.members.EnrolmentEvent;
import dev.civicloop.members.MemberStatus;
import dev.civicloop.members.MemberView;
import dev.civicloop.members.Members;
import dev.civicloop.spi.NotAuthorized;
import dev.civicloop.spi.TransitionNotAllowed;
import dev.civicloop.spi.member.MemberStore;
import dev.civicloop.spi.member.PersonalData;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.CategoryKind;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.Deadline;
import dev.civicloop.spi.model.Department;
import dev.civicloop.spi.model.DepartmentId;
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
import dev.civicloop.store.memory.InMemoryMemberStore;
import dev.civicloop.store.memory.InMemoryOutbox;
import dev.civicloop.store.memory.InMemoryTicketStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 您的报名已通过: a notice to a member is written to the database's outbox in the transaction of
 * the enrolment event that causes it, delivered by the engine built on the same database's ticket
 * store, never twice, never for a refused command, never without its event — on one JDBC (H2)
 * database, and in memory with one shared outbox.
 */
class MemberNoticesTest {
    private static final OrgUnitId YUANHANG = OrgUnitId.of("yuanhang");
    private static final OrgUnitId GRID_6 = OrgUnitId.of("yuanhang-grid-6");
    private static final OrgUnitId JINGSHAN = OrgUnitId.of("jingshan");
    private static final List<OrgUnit> ORG_UNITS = List.of(
            OrgUnit.of("daqing", OrgLevel.CITY, "大庆市", null),
            OrgUnit.of("babaishang", OrgLevel.STREET, "八百垧街道", "daqing"),
            OrgUnit.of("yuanhang", OrgLevel.COMMUNITY, "远航社区", "babaishang"),
            OrgUnit.of("jingshan", OrgLevel.COMMUNITY, "景山社区", "babaishang"),
            OrgUnit.of("yuanhang-grid-6", OrgLevel.GRID, "第六网格", "yuanhang"));
    private static final Actor YUANHANG_STAFF = Actor.of("yuanhang-staff", Set.of(Role.COMMUNITY_STAFF), Set.of(YUANHANG),
            Set.of());
    private static final Actor JINGSHAN_STAFF = Actor.of("jingshan-staff", Set.of(Role.COMMUNITY_STAFF), Set.of(JINGSHAN),
            Set.of());
    private static final Category MANHOLE = Category.builder("manhole_cover", "井盖破损", "Broken manhole cover")
            .kind(CategoryKind.HAZARD).claimWithin(Deadline.hours(24)).resolveWithin(Deadline.workingDays(1))
            .lead(DepartmentId.of("municipal")).build();
    private static final ActorId WANG = ActorId.of("wang-bin");
    private static final String PHONE = "13887655678";
    private static final String ID_NUMBER = "23060219900101123X";
    private static final Instant START = Instant.parse("2026-11-23T01:00:00Z");
    private static final Instant FAR_FUTURE = Instant.parse("2036-01-01T00:00:00Z");
    private static final MemberEventTypes TYPES = MemberEventTypes.builder().sealed(EnrolmentEvent.class).build();

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(START, ZoneOffset.UTC);
    private final List<Notification> delivered = new ArrayList<>();
    private final AtomicInteger commands = new AtomicInteger();
    private JdbcDatabase db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    /** Members on {@code store}, and an engine delivering from {@code tickets}. */
    private final class City {
        final OutboxStore outbox;
        final Members members;
        final GovernanceEngine engine;

        City(MemberStore store, TicketStore tickets, OutboxStore outbox) {
            this.outbox = outbox;
            this.members = Members.builder().store(store).clock(clock).orgUnits(ORG_UNITS).build();
            this.engine = GovernanceEngine.builder().store(tickets).clock(clock).notifier(delivered::add)
                    .orgUnits(ORG_UNITS)
                    .departments(List.of(Department.of("municipal", "市政设施管理处", "Municipal facilities")))
                    .categories(List.of(MANHOLE)).build();
        }

        MemberView apply() {
            return members.apply(cmd(), Application.of(WANG, YUANHANG, Occupation.DELIVERY_RIDER, "meituan",
                    new PersonalData("王斌", PHONE, ID_NUMBER, START.minus(Duration.ofMinutes(5)), "civicloop-privacy-v1")));
        }

        List<Notification> pending(String topic) {
            return outbox.due(FAR_FUTURE, 100).stream().map(OutboxEntry::notification)
                    .filter(n -> n.topic().equals(topic)).toList();
        }
    }

    private City jdbcCity() {
        db = JdbcDatabase.h2File(dir.resolve("civicloop"));
        return new City(db.memberStore(TYPES), db.ticketStore(), db.ticketStore());
    }

    private CommandId cmd() {
        return CommandId.of("c" + commands.incrementAndGet());
    }

    @Test
    void approvingAnApplicantPutsExactlyOneNoticeForHimInTheOutboxAndTheEngineDeliversIt() {
        City city = jdbcCity();
        city.apply();
        assertEquals(1, city.engine.deliverNotifications(), "the application's notice");
        delivered.clear();

        city.members.approve(CommandId.of("approve-wang"), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6).inTeam("qiju-3"));

        assertEquals(1, rows("SELECT COUNT(*) FROM outbox WHERE recipient_id = 'wang-bin' AND topic = 'member.approved'"),
                "one outbox row for the approval");
        List<Notification> told = city.pending("member.approved");
        assertEquals(1, told.size(), "pending: " + told);
        Notification n = told.get(0);
        assertEquals("member.approved:member:wang-bin@2", n.id(), "derived from the event's stream and version");
        assertEquals(Recipient.actor("wang-bin"), n.recipient());
        assertNull(n.ticketId(), "about no ticket, through the JDBC outbox and back");
        assertEquals(clock.instant(), n.createdAt());
        assertEquals("您的报名已通过：远航社区 第六网格，服务队 qiju-3（联系电话 138****5678）。", n.data().get("text"));
        assertEquals("yuanhang", n.data().get("community"));

        assertEquals(1, city.engine.deliverNotifications(), "delivered by the engine on db.ticketStore()");
        assertEquals(List.of(n), delivered);
        assertEquals(0, city.outbox.pendingCount());
        assertEquals(MemberStatus.ACTIVE, city.members.member(WANG).status(), "the event reads back from the database");
    }

    @Test
    void aReplayedApprovalAddsNoNoticeAndARefusedCommandAddsNone() {
        City city = jdbcCity();
        city.apply();
        MemberView first = city.members.approve(CommandId.of("approve-wang"), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6));
        long rows = rows("SELECT COUNT(*) FROM outbox");
        assertEquals(2, rows, "applied and approved");

        assertEquals(first, city.members.approve(CommandId.of("approve-wang"), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6)),
                "the replay returns the first result");
        city.engine.deliverNotifications();
        city.members.approve(CommandId.of("approve-wang"), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6));
        assertThrows(NotAuthorized.class, () -> city.members.suspend(cmd(), JINGSHAN_STAFF, WANG, "不是本社区"),
                "staff of another community");
        assertThrows(TransitionNotAllowed.class, () -> city.members.reinstate(cmd(), YUANHANG_STAFF, WANG),
                "an active member cannot be reinstated");

        assertEquals(rows, rows("SELECT COUNT(*) FROM outbox"), "no row for the replays or the refused commands");
        assertEquals(0, city.outbox.pendingCount());
        assertEquals(List.of("member.applied", "member.approved"), delivered.stream().map(Notification::topic).toList());
    }

    @Test
    void anAppendThatFailsBeforeCommitLeavesNeitherTheEventNorItsNoticeAndTheRetryWritesBothOnce() {
        City city = jdbcCity();
        city.apply();
        long before = rows("SELECT COUNT(*) FROM outbox");
        JdbcMemberStore crashing = new JdbcMemberStore(db.dataSource(), db.dialect(), TYPES, () -> {
            throw new IllegalStateException("the process dies before the commit");
        });
        Members failing = Members.builder().store(crashing).clock(clock).orgUnits(ORG_UNITS).build();

        assertThrows(IllegalStateException.class,
                () -> failing.approve(CommandId.of("approve-wang"), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6)));
        assertEquals(before, rows("SELECT COUNT(*) FROM outbox"), "no notice without its event");
        assertEquals(MemberStatus.APPLIED, city.members.member(WANG).status(), "no event either");

        city.members.approve(CommandId.of("approve-wang"), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6));
        assertEquals(1, city.pending("member.approved").size(), "the retry wrote the notice once");
    }

    @Test
    void noOutboxRowHoldsTheUnmaskedPhoneOrIdNumber() {
        City city = jdbcCity();
        city.apply();
        city.members.approve(cmd(), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6));
        city.members.suspend(cmd(), YUANHANG_STAFF, WANG, "电话" + PHONE + "多次无法接通");
        city.members.reinstate(cmd(), YUANHANG_STAFF, WANG);
        city.members.leave(cmd(), Actor.reporter("wang-bin", Role.MOBILE_GRID_MEMBER), WANG, "身份证" + ID_NUMBER + "已迁出");
        city.engine.deliverNotifications();

        assertEquals(5, rows("SELECT COUNT(*) FROM outbox"), "applied, approved, suspended, reinstated, left");
        List<String> cells = cells("SELECT * FROM outbox");
        assertTrue(String.join("|", cells).contains("138****5678"), "the masked phone is there: " + cells);
        for (String cell : cells) {
            assertFalse(cell.contains(PHONE), "unmasked phone in an outbox cell: " + cell);
            assertFalse(cell.contains("87655678"), "phone digits in an outbox cell: " + cell);
            assertFalse(cell.contains(ID_NUMBER), "unmasked ID number in an outbox cell: " + cell);
        }
        for (Notification n : delivered) {
            assertFalse(n.toString().contains(PHONE) || n.toString().contains(ID_NUMBER), n.toString());
        }
    }

    @Test
    void inMemoryTheMemberAndTicketStoresShareOneOutbox() {
        InMemoryOutbox outbox = new InMemoryOutbox();
        City city = new City(new InMemoryMemberStore(outbox), new InMemoryTicketStore(outbox), outbox);
        city.apply();
        city.members.approve(CommandId.of("approve-wang"), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6));
        city.members.approve(CommandId.of("approve-wang"), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6));
        assertThrows(NotAuthorized.class, () -> city.members.suspend(cmd(), JINGSHAN_STAFF, WANG, "不是本社区"));

        assertEquals(1, city.pending("member.approved").size());
        assertEquals(2, city.engine.deliverNotifications());
        assertEquals(List.of("member.applied:member:wang-bin@1", "member.approved:member:wang-bin@2"),
                delivered.stream().map(Notification::id).toList());
    }

    private long rows(String sql) {
        return LedgerMemberTables.count(db, sql);
    }

    /** Every cell of every row, as text. */
    private List<String> cells(String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    out.add(String.valueOf(r.getString(i)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        return out;
    }
}
