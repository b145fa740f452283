package dev.civicloop.store.jdbc;

import static dev.civicloop.tck.LedgerFixtures.NEIGHBOUR;
import static dev.civicloop.tck.LedgerFixtures.RIDER;
import static dev.civicloop.tck.LedgerFixtures.award;
import static dev.civicloop.tck.LedgerFixtures.hold;
import static dev.civicloop.tck.LedgerFixtures.pointsAwarded;
import static dev.civicloop.tck.LedgerFixtures.unguarded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.StoredPosting;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.store.OutboxEntry;
import dev.civicloop.tck.TicketFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the JDBC ledger adds to the conformance kit: durability, keys the database enforces, a follower across nodes. */
class JdbcLedgerStoreTest {

    /**
     * An append holds its transaction open after taking position 1; a second append, on another
     * connection, queues behind it and cannot commit position 2 first.
     * A projection following the ledger sees nothing, then both, in order, none skipped.
     */
    @ParameterizedTest
    @EnumSource(JdbcDatabase.Dialect.class)
    void aProjectionFollowingTheLedgerNeverSkipsAPostingCommittedLate(JdbcDatabase.Dialect dialect) throws Exception {
        try (TestDatabases.Handle h = LedgerMemberTables.open(dialect, 4)) {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            JdbcLedgerStore slow = new JdbcLedgerStore(h.db().dataSource(), postings -> {
                inside.countDown();
                await(release);
            });
            LedgerStore fast = h.db().ledgerStore();

            CompletableFuture<List<StoredPosting>> early = CompletableFuture.supplyAsync(
                    () -> slow.append(unguarded(award("late-commit-1", RIDER, 10))));
            await(inside);
            CompletableFuture<List<StoredPosting>> later = CompletableFuture.supplyAsync(
                    () -> fast.append(unguarded(award("quick-commit-2", NEIGHBOUR, 5))));
            LedgerMemberTables.awaitASessionWaitingForALock(h.db());

            assertEquals(List.of(), fast.readAfter(0, 10), "the feed while the first append is still open and the"
                    + " second queued behind it: neither is visible");
            release.countDown();
            assertEquals(1L, early.get(1, TimeUnit.MINUTES).get(0).position(), "the append that took its position first");
            assertEquals(2L, later.get(1, TimeUnit.MINUTES).get(0).position(), "the append that queued behind it");
            assertEquals(List.of("late-commit-1", "quick-commit-2"),
                    fast.readAfter(0, 10).stream().map(p -> p.posting().id().value()).toList(),
                    "a follower resuming after position 0 sees both, in commit order");
        }
    }

    /**
     * A notification is in the postings' transaction, not beside it: an append that fails after
     * writing its postings and its outbox row (just before commit) leaves neither, and the ticket
     * store's outbox, on the same table, sees the notification of the next append once.
     */
    @ParameterizedTest
    @EnumSource(JdbcDatabase.Dialect.class)
    void anAppendThatFailsBeforeCommitLeavesNeitherItsPostingsNorItsNotifications(JdbcDatabase.Dialect dialect) {
        try (TestDatabases.Handle h = LedgerMemberTables.open(dialect, 2)) {
            JdbcLedgerStore failing = new JdbcLedgerStore(h.db().dataSource(), postings -> {
                throw new IllegalStateException("connection lost before commit");
            });
            Notification told = pointsAwarded("points-awarded:crash-1", TicketFixtures.RIDER, 10);
            assertThrows(IllegalStateException.class,
                    () -> failing.append(unguarded(award("crash-1", RIDER, 10)).withNotifications(List.of(told))));

            JdbcTicketStore outbox = h.db().ticketStore();
            assertEquals(List.of(), h.db().ledgerStore().readAfter(0, 10), "no posting");
            assertEquals(0, outbox.pendingCount(), "no notification");

            h.db().ledgerStore().append(unguarded(award("crash-1", RIDER, 10)).withNotifications(List.of(told)));
            assertEquals(List.of(new OutboxEntry(told, 0, told.createdAt(), null)),
                    outbox.due(told.createdAt().plusSeconds(1), 10), "the retry's notification, once");
        }
    }

    /** The ledger survives the application stopping: reopened, the same postings, and positions continue. */
    @Test
    void postingsSurviveClosingAndReopeningTheH2File() throws Exception {
        Path dir = Files.createTempDirectory("civicloop-ledger-reopen-");
        try {
            Posting first = award("reopen-1", RIDER, 40);
            try (JdbcDatabase db = JdbcDatabase.h2File(dir.resolve("civicloop"))) {
                db.ledgerStore().append(unguarded(first, hold("reopen-2", RIDER, 15)));
            }
            try (JdbcDatabase db = JdbcDatabase.h2File(dir.resolve("civicloop"))) {
                LedgerStore ledger = db.ledgerStore();
                assertEquals(2, ledger.account(RIDER).version(), "the rider's version after reopening");
                assertEquals(25, ledger.account(RIDER).balance(Posting.POINTS), "the rider's balance after reopening");
                assertEquals(new StoredPosting(1, first), ledger.find(first.id()).orElseThrow(), "the first posting");
                assertEquals(3L, ledger.append(unguarded(award("reopen-3", RIDER, 1))).get(0).position(),
                        "the next position after reopening");
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The keys hold even against a writer that bypasses the store (another version of the
     * application, a hand-written script): a posting id twice, or two postings as the same
     * version of an account, are refused by the database itself.
     */
    @ParameterizedTest
    @EnumSource(JdbcDatabase.Dialect.class)
    void theDatabaseItselfRefusesAStoredPostingIdAndASecondPostingAtOneAccountVersion(JdbcDatabase.Dialect dialect) {
        try (TestDatabases.Handle h = LedgerMemberTables.open(dialect, 2)) {
            h.db().ledgerStore().append(unguarded(award("key-1", RIDER, 10)));
            String row = "(2, 'key-1', 'system:issuance', 'member:x', 'points', 1, 'award', 0, 0, '{}')";
            assertEquals("23505", sqlStateOf(h.db(), "INSERT INTO ledger_postings VALUES " + row),
                    "a second posting with a stored id");
            assertEquals("23505", sqlStateOf(h.db(), "INSERT INTO ledger_entries (account, version, position)"
                    + " VALUES ('" + RIDER.value() + "', 1, 1)"), "a second entry at version 1 of the rider");
            assertEquals(Map.of(RIDER, 10L, dev.civicloop.spi.ledger.AccountId.ISSUANCE, -10L),
                    h.db().ledgerStore().balances(Posting.POINTS), "balances after the refused writes");
        }
    }

    @Test
    void aMissingDatabaseIsATypedError() {
        TestDatabases.Handle h = TestDatabases.h2();
        LedgerStore ledger = h.db().ledgerStore();
        h.close();
        assertThrows(dev.civicloop.spi.StoreFailure.class, () -> ledger.account(RIDER), "a read on a closed pool");
    }

    private static String sqlStateOf(JdbcDatabase db, String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
            return "no error";
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(1, TimeUnit.MINUTES)) {
                throw new AssertionError("not released within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
