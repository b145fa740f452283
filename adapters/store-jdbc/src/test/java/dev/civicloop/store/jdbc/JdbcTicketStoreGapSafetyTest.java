package dev.civicloop.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.civicloop.spi.event.StoredEvent;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import dev.civicloop.spi.store.AppendRequest;
import dev.civicloop.spi.store.AppendResult;
import dev.civicloop.spi.store.TicketQuery;
import dev.civicloop.tck.TicketFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The global position is gap-safe: an append that took an earlier position but commits late is
 * never skipped by a reader that follows the feed, and an append that fails before its commit
 * leaves nothing behind — no events, summary, command record, notification or used position.
 * On H2 and on PostgreSQL.
 */
class JdbcTicketStoreGapSafetyTest {
    private static final TicketId EARLY = TicketId.of("early-took-position-1");
    private static final TicketId LATE = TicketId.of("late-committed-first");

    @Test
    void aReaderNeverSkipsAnEarlierAppendThatCommitsLateOnH2() throws Exception {
        try (TestDatabases.Handle h = TestDatabases.h2()) {
            readerSeesTheLateCommit(h.db());
        }
    }

    @Test
    void aReaderNeverSkipsAnEarlierAppendThatCommitsLateOnPostgres() throws Exception {
        try (TestDatabases.Handle h = TestDatabases.postgres(4)) {
            readerSeesTheLateCommit(h.db());
        }
    }

    @Test
    void anAppendThatFailsBeforeCommitLeavesNothingOnH2() {
        try (TestDatabases.Handle h = TestDatabases.h2()) {
            failedAppendLeavesNothing(h.db());
        }
    }

    @Test
    void anAppendThatFailsBeforeCommitLeavesNothingOnPostgres() {
        try (TestDatabases.Handle h = TestDatabases.postgres(4)) {
            failedAppendLeavesNothing(h.db());
        }
    }

    /** A PostgreSQL database written by a release before V4 goes on from its last position. */
    @Test
    void positionsGoOnAfterTheUpgradeToTheSequenceOnPostgres() {
        try (TestDatabases.Handle h = TestDatabases.postgresUpgradedFrom("3",
                "UPDATE ticket_event_position SET last_position = 41 WHERE id = 1")) {
            JdbcTicketStore store = h.db().ticketStore();
            AppendResult result = store.append(TicketFixtures.report(EARLY, TicketFixtures.T0));
            assertEquals(42, result.lastPosition(), "the first position after the upgrade");
            assertEquals(List.of(42L), store.readAfter(41, 10).stream().map(StoredEvent::position).toList(),
                    "the feed after position 41");
        }
    }

    /**
     * The early append takes its position and then holds its transaction open; the late one is
     * started meanwhile. A reader polls while the early one is held, remembers the last position
     * it saw, and resumes from there after both finished: it must have seen both, in order, once.
     * (With positions from a plain sequence the late append commits position 2 first, the reader
     * moves past it, and position 1 is skipped forever.)
     */
    private static void readerSeesTheLateCommit(JdbcDatabase db) throws Exception {
        CountDownLatch earlyHolding = new CountDownLatch(1);
        CountDownLatch releaseEarly = new CountDownLatch(1);
        Consumer<AppendRequest> holdEarly = r -> {
            if (r.ticketId().equals(EARLY)) {
                earlyHolding.countDown();
                await(releaseEarly);
            }
        };
        JdbcTicketStore store = new JdbcTicketStore(db.dataSource(), db.dialect(), holdEarly);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<AppendResult> early = pool.submit(() -> store.append(TicketFixtures.report(EARLY, TicketFixtures.T0)));
            await(earlyHolding);
            Future<AppendResult> late = pool.submit(() -> store.append(TicketFixtures.report(LATE, TicketFixtures.T0)));
            // The late append either committed already (PostgreSQL, or a store that is not gap-safe)
            // or waits for the early one (H2, at the write gate).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!late.isDone() && !LedgerMemberTables.aWriterWaits(db)) {
                if (System.nanoTime() > deadline) {
                    fail("the late append neither committed nor waited for a lock within 30 s");
                }
                Thread.sleep(5);
            }

            if (db.dialect() == JdbcDatabase.Dialect.POSTGRESQL) {
                // PostgreSQL holds no lock through commit: the late append commits while the early one is open.
                late.get(30, TimeUnit.SECONDS);
            }
            List<StoredEvent> seen = new ArrayList<>(store.readAfter(0, 10));
            long last = seen.isEmpty() ? 0 : seen.get(seen.size() - 1).position();
            releaseEarly.countDown();
            AppendResult earlyResult = early.get(30, TimeUnit.SECONDS);
            AppendResult lateResult = late.get(30, TimeUnit.SECONDS);
            seen.addAll(store.readAfter(last, 10));

            assertTrue(earlyResult.lastPosition() < lateResult.lastPosition(),
                    "the early append took the earlier position: " + earlyResult + " vs " + lateResult);
            assertEquals(List.of(EARLY, LATE), seen.stream().map(e -> e.envelope().ticketId()).toList(),
                    "tickets the following reader saw, in feed order (a skipped late commit is missing here)");
            assertEquals(List.of(earlyResult.lastPosition(), lateResult.lastPosition()),
                    seen.stream().map(StoredEvent::position).toList(), "positions the reader saw");
        } finally {
            releaseEarly.countDown();
            pool.shutdownNow();
        }
    }

    private static void failedAppendLeavesNothing(JdbcDatabase db) {
        TicketId doomed = TicketId.of("doomed");
        JdbcTicketStore store = new JdbcTicketStore(db.dataSource(), db.dialect(), r -> {
            if (r.ticketId().equals(doomed)) {
                throw new IllegalStateException("the node lost power just before COMMIT");
            }
        });
        AppendRequest request = TicketFixtures.append(doomed, 0)
                .event(TicketState.SUBMITTED, TicketFixtures.gasLeakReport(true))
                .notify(TicketFixtures.notification("doomed-n", doomed, TicketFixtures.T0, true))
                .command("doomed-cmd", TicketFixtures.T0)
                .build();
        assertThrows(IllegalStateException.class, () -> store.append(request));

        assertEquals(List.of(), store.load(doomed), "events of the failed append");
        assertEquals(Optional.empty(), store.findCommand(CommandId.of("doomed-cmd")), "its command record");
        assertEquals(List.of(), store.query(TicketQuery.all()).items(), "its summary");
        assertEquals(0, store.pendingCount(), "its notification");
        assertEquals(List.of(), store.readAfter(0, 10), "the feed");

        // Nothing half-written blocks a retry or holds readers back. On H2 the failed attempt used
        // up no position; on PostgreSQL its position is lost (a gap the SPI allows).
        TicketId next = TicketId.of("after-the-failure");
        AppendResult result = store.append(TicketFixtures.report(next, TicketFixtures.T0));
        if (db.dialect() == JdbcDatabase.Dialect.H2) {
            assertEquals(1, result.lastPosition(), "position of the first committed event");
        }
        assertEquals(List.of(result.lastPosition()), store.readAfter(0, 10).stream().map(StoredEvent::position).toList(),
                "the feed after the failure");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
