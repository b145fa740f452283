package dev.civicloop.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.store.AppendResult;
import dev.civicloop.tck.TicketFixtures;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2 lets one process open a database file through two {@link JdbcDatabase}s (two pools on one
 * H2 database). Their writers must still take turns at one write gate, or the H2 lost-update race
 * the gate exists for ({@link H2ConcurrentAppendsRegressionTest}) is back.
 */
class H2WriteGateSharedByFileTest {
    @TempDir
    Path dir;

    @Test
    void twoJdbcDatabasesOnOneH2FileShareTheWriteGate() throws Exception {
        Path file = dir.resolve("civicloop");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (JdbcDatabase first = JdbcDatabase.h2File(file);
                JdbcDatabase second = JdbcDatabase.h2File(dir.resolve("other/../civicloop"))) {
            JdbcTicketStore holder = new JdbcTicketStore(first.dataSource(), first.dialect(), r -> {
                holding.countDown();
                await(release);
            });
            Future<AppendResult> held = pool.submit(() -> holder.append(TicketFixtures.report(TicketId.of("held"),
                    TicketFixtures.T0)));
            await(holding);
            Future<AppendResult> other = pool.submit(() -> second.ticketStore().append(
                    TicketFixtures.report(TicketId.of("other"), TicketFixtures.T0)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!WriteGate.of(second.dataSource()).hasQueuedWriters()) {
                if (other.isDone()) {
                    fail("the second database's append went ahead while the first's write transaction was open");
                }
                if (System.nanoTime() > deadline) {
                    fail("the second database's append neither waited at the gate nor finished within 10 s");
                }
                Thread.sleep(5);
            }
            assertTrue(WriteGate.of(first.dataSource()).hasQueuedWriters(), "it waits at the first database's gate");
            release.countDown();
            assertEquals(1, held.get(30, TimeUnit.SECONDS).lastPosition(), "the held append");
            assertEquals(2, other.get(30, TimeUnit.SECONDS).lastPosition(), "the append that waited");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
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
