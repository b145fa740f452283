package dev.civicloop.store.jdbc;

import static dev.civicloop.tck.MemberFixtures.RIDER;
import static dev.civicloop.tck.MemberFixtures.RIDER_ID_NUMBER;
import static dev.civicloop.tck.MemberFixtures.RIDER_PHONE;
import static dev.civicloop.tck.MemberFixtures.append;
import static dev.civicloop.tck.MemberFixtures.application;
import static dev.civicloop.tck.MemberFixtures.approval;
import static dev.civicloop.tck.MemberFixtures.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.StoreFailure;
import dev.civicloop.spi.member.MemberAppend;
import dev.civicloop.spi.member.MemberEvent;
import dev.civicloop.spi.member.MemberStore;
import dev.civicloop.spi.member.StoredMemberEvent;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.GeoPoint;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.Occupation;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.tck.MemberFixtures;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the JDBC member store adds to the conformance kit: event types, the vault's erasure, keys, a follower. */
class JdbcMemberStoreTest {
    private static final OrgUnitId YUANHANG = OrgUnitId.of("yuanhang");

    /**
     * How an integrator registers the members module's events: {@code sealed(EnrolmentEvent.class)},
     * {@code sealed(TeamEvent.class)}, {@code sealed(TaskEvent.class)}, {@code sealed(ActivityEvent.class)}.
     * Shown on look-alike records; every one comes back equal, on both databases.
     */
    @ParameterizedTest
    @EnumSource(JdbcDatabase.Dialect.class)
    void theMembersModulesSealedEventFamiliesRegisterInOneLineEachAndComeBackEqual(JdbcDatabase.Dialect dialect) {
        MemberEventTypes types = MemberEventTypes.builder()
                .sealed(CityEvents.Enrolment.class)
                .sealed(CityEvents.Task.class)
                .build();
        assertEquals(List.of(CityEvents.Applied.class, CityEvents.Left.class, CityEvents.Task.Published.class,
                CityEvents.Task.Completed.class, CityEvents.Task.CheckedIn.class), List.copyOf(types.all().values()),
                "every record of both families, also through the nested sealed interface");

        Instant from = Instant.parse("2026-05-11T01:30:00.123456789Z");
        ActorId rider = ActorId.of("wang-bin");
        List<MemberEvent> events = List.of(
                new CityEvents.Applied(rider, YUANHANG, Occupation.values()[0], "meituan", from),
                new CityEvents.Task.Published("med-1123", Location.of(GeoPoint.wgs84(46.58, 124.86), "尚溪小区 3 栋"),
                        from, from.plusSeconds(7200), 2, List.of("medicine", "elderly")),
                new CityEvents.Task.CheckedIn("med-1123", rider, null),
                new CityEvents.Task.CheckedIn("med-1123", rider, 120L),
                new CityEvents.Task.Completed("med-1123", rider, new BigDecimal("2.50"), false),
                new CityEvents.Left(rider, YUANHANG, "moved away"));
        try (TestDatabases.Handle h = LedgerMemberTables.open(dialect, 2)) {
            MemberStore store = h.db().memberStore(types);
            MemberAppend all = append("member:wang-bin", 0, "city-events", events.toArray(MemberEvent[]::new));
            store.append(all);
            assertEquals(all.events(), store.load("member:wang-bin"), "load(): every record equal, instants to the"
                    + " nanosecond, the decimal's scale, null and non-null Long, the nested Location");
            assertEquals(all.events(), store.byCommand(CommandId.of("city-events")), "byCommand()");
        }
    }

    /** An event whose record the store was not told about is refused before anything is written; its command id stays unused. */
    @Test
    void anUnregisteredEventTypeIsRefusedAndWritesNothing() {
        try (TestDatabases.Handle h = TestDatabases.h2()) {
            MemberStore store = h.db().memberStore(MemberEventTypes.builder().add(MemberFixtures.MemberApplied.class).build());
            store.append(application(RIDER, "types-apply"));
            InvalidInput refused = assertThrows(InvalidInput.class, () -> store.append(approval(RIDER, 1, "types-approve")),
                    "an approval, whose record is not registered");
            assertEquals("events[0].event", refused.field(), "InvalidInput.field");
            assertTrue(refused.rule().contains(MemberFixtures.MemberApproved.class.getName()), refused.rule());
            assertEquals(1, store.load(stream(RIDER)).size(), "the rider's stream");
            assertEquals(List.of(), store.byCommand(CommandId.of("types-approve")), "the refused command id is unused");
        }
    }

    /**
     * A record that moved keeps reading back when registered under its old name too; a store that
     * knows neither name fails loudly on reading, naming the type, instead of dropping the event.
     */
    @Test
    void aStoredTypeReadsBackUnderItsOldNameAndAnUnknownOneFailsLoudly() {
        try (TestDatabases.Handle h = TestDatabases.h2()) {
            String oldName = "dev.example.members.MemberApplied";
            h.db().memberStore(MemberEventTypes.builder().add(oldName, MemberFixtures.MemberApplied.class).build())
                    .append(application(RIDER, "moved-apply"));

            MemberStore renamed = h.db().memberStore(MemberEventTypes.builder()
                    .add(MemberFixtures.MemberApplied.class).add(oldName, MemberFixtures.MemberApplied.class).build());
            assertEquals(application(RIDER, "moved-apply").events(), renamed.load(stream(RIDER)),
                    "the event stored under the old name, read back");
            renamed.append(application(MemberFixtures.NEIGHBOUR, "moved-apply-2"));
            assertEquals(MemberFixtures.MemberApplied.class.getName(), LedgerMemberTables.string(h.db(),
                    "SELECT event_type FROM member_events WHERE command_id = 'moved-apply-2'"),
                    "new events are written under the first name registered for the class");

            MemberStore forgetful = h.db().memberStore(MemberEventTypes.builder().add(MemberFixtures.MemberApproved.class).build());
            StoreFailure failure = assertThrows(StoreFailure.class, () -> forgetful.readAfter(0, 10));
            assertTrue(failure.getMessage().contains(oldName), failure.getMessage());
        }
    }

    /** Erasure deletes the vault's row: the unmasked phone and ID number are nowhere in the member tables after it. */
    @ParameterizedTest
    @EnumSource(JdbcDatabase.Dialect.class)
    void erasureDeletesTheRowAndNoTableHoldsThePhoneAfterwards(JdbcDatabase.Dialect dialect) {
        try (TestDatabases.Handle h = LedgerMemberTables.open(dialect, 2)) {
            MemberStore store = h.db().memberStore(LedgerMemberTables.fixtureTypes());
            store.append(application(RIDER, "erase-apply"));
            store.putPersonalData(RIDER, MemberFixtures.riderData());
            store.putPersonalData(MemberFixtures.NEIGHBOUR, MemberFixtures.neighbourData());
            String anywhere = "SELECT (SELECT COUNT(*) FROM member_personal_data WHERE phone = '%1$s' OR id_number = '%1$s')"
                    + " + (SELECT COUNT(*) FROM member_events WHERE payload LIKE '%%%1$s%%')";
            assertEquals(1, LedgerMemberTables.count(h.db(), String.format(anywhere, RIDER_PHONE)), "before erasure");

            assertTrue(store.erasePersonalData(RIDER), "erasePersonalData");
            assertEquals(0, LedgerMemberTables.count(h.db(), String.format(anywhere, RIDER_PHONE)), "the phone after erasure");
            assertEquals(0, LedgerMemberTables.count(h.db(), String.format(anywhere, RIDER_ID_NUMBER)), "the ID number");
            assertEquals(1, LedgerMemberTables.count(h.db(), "SELECT COUNT(*) FROM member_personal_data"),
                    "rows left in the vault: the neighbour's");
            assertFalse(store.personalData(RIDER).isPresent(), "personalData after erasure");
        }
    }

    /** The database itself refuses a used command id and a second event at one stream version, whoever writes. */
    @ParameterizedTest
    @EnumSource(JdbcDatabase.Dialect.class)
    void theDatabaseItselfRefusesAUsedCommandIdAndASecondEventAtOneStreamVersion(JdbcDatabase.Dialect dialect) {
        try (TestDatabases.Handle h = LedgerMemberTables.open(dialect, 2)) {
            MemberStore store = h.db().memberStore(LedgerMemberTables.fixtureTypes());
            store.append(application(RIDER, "key-apply"));
            assertEquals("23505", sqlStateOf(h.db(), "INSERT INTO member_commands (command_id, stream)"
                    + " VALUES ('key-apply', 'member:other')"), "a used command id");
            LedgerMemberTables.run(h.db(), "INSERT INTO member_commands (command_id, stream) VALUES ('key-x', 'member:x')");
            assertEquals("23505", sqlStateOf(h.db(), "INSERT INTO member_events VALUES (99, '" + stream(RIDER) + "', 1, 0, 0,"
                    + " 'li-na', 'key-x', '" + MemberFixtures.MemberLeft.class.getName() + "', '{}')"),
                    "a second event at version 1 of the rider's stream");
            assertEquals(1, store.load(stream(RIDER)).size(), "the rider's stream");
        }
    }

    /**
     * An append holds its transaction open; a second append, on another connection, queues
     * behind it. A projection following the feed sees neither, then both in commit order.
     */
    @ParameterizedTest
    @EnumSource(JdbcDatabase.Dialect.class)
    void aProjectionFollowingTheFeedNeverSkipsAnEventCommittedLate(JdbcDatabase.Dialect dialect) throws Exception {
        try (TestDatabases.Handle h = LedgerMemberTables.open(dialect, 4)) {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            MemberStore slow = new JdbcMemberStore(h.db().dataSource(), h.db().dialect(), LedgerMemberTables.fixtureTypes(),
                    () -> {
                        inside.countDown();
                        JdbcLedgerStoreTest.await(release);
                    });
            MemberStore fast = h.db().memberStore(LedgerMemberTables.fixtureTypes());

            CompletableFuture<List<StoredMemberEvent>> early =
                    CompletableFuture.supplyAsync(() -> slow.append(application(RIDER, "late-commit")));
            JdbcLedgerStoreTest.await(inside);
            CompletableFuture<List<StoredMemberEvent>> later = CompletableFuture.supplyAsync(
                    () -> fast.append(application(MemberFixtures.NEIGHBOUR, "quick-commit")));
            LedgerMemberTables.awaitASessionWaitingForALock(h.db());

            assertEquals(List.of(), fast.readAfter(0, 10), "the feed while the first append is open and the second queued");
            release.countDown();
            long first = early.get(1, TimeUnit.MINUTES).get(0).position();
            long second = later.get(1, TimeUnit.MINUTES).get(0).position();
            assertTrue(first < second, "the later commit has the later position: " + first + ", " + second);
            assertEquals(List.of("late-commit", "quick-commit"),
                    fast.readAfter(0, 10).stream().map(e -> e.envelope().commandId().value()).toList(),
                    "a follower resuming after position 0 sees both, in commit order");
        }
    }

    /** The registry says what was wrong. */
    @Test
    void badRegistrationsAreTypedErrorsThatSayWhatWasWrong() {
        MemberEventTypes.Builder b = MemberEventTypes.builder();
        assertThrows(InvalidConfiguration.class, () -> b.add(null), "add(null)");
        assertThrows(InvalidConfiguration.class, () -> b.add(NotARecord.class), "a class that is not a record");
        assertThrows(InvalidConfiguration.class, () -> b.add("", MemberFixtures.MemberLeft.class), "an empty name");
        b.add("member.left", MemberFixtures.MemberLeft.class);
        InvalidConfiguration clash = assertThrows(InvalidConfiguration.class,
                () -> b.add("member.left", MemberFixtures.MemberApplied.class), "one name for two records");
        assertTrue(clash.getMessage().contains(MemberFixtures.MemberLeft.class.getName()), clash.getMessage());
        assertThrows(InvalidConfiguration.class, () -> b.sealed(MemberEvent.class), "sealed() of an interface not sealed");
        try (TestDatabases.Handle h = TestDatabases.h2()) {
            assertThrows(InvalidConfiguration.class, () -> h.db().memberStore(null), "memberStore(null)");
        }
    }

    /** Not a record: the store could not read it back through a canonical constructor. */
    public static final class NotARecord implements MemberEvent {
        @Override
        public String type() {
            return "not.a.record";
        }

        @Override
        public ActorId member() {
            return null;
        }
    }

    private static String sqlStateOf(JdbcDatabase db, String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
            return "no error";
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }
}
