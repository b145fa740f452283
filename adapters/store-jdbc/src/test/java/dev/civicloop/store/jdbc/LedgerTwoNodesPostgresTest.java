package dev.civicloop.store.jdbc;

import static dev.civicloop.tck.LedgerFixtures.RIDER;
import static dev.civicloop.tck.LedgerFixtures.award;
import static dev.civicloop.tck.LedgerFixtures.guarded;
import static dev.civicloop.tck.LedgerFixtures.redeem;
import static dev.civicloop.tck.LedgerFixtures.unguarded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.ledger.AccountHistory;
import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.StoredPosting;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two application nodes, each with its own pool, on one PostgreSQL database, spend from one
 * member's account at once the way the points module does: read the account, check the balance,
 * append the redemption guarded on the version read, and on a conflict read again and retry under
 * the same posting id.
 */
class LedgerTwoNodesPostgresTest {
    private static final int THREADS_PER_NODE = 3;
    private static final long AWARDED = 500;
    private static final long PRICE = 7;

    @Test
    void twoNodesSpendingFromOneAccountNeverOverdrawItAndLoseNothing() throws Exception {
        try (TestDatabases.Handle h = TestDatabases.postgres(THREADS_PER_NODE)) {
            String url;
            try (Connection c = h.db().dataSource().getConnection()) {
                url = c.getMetaData().getURL();
            }
            try (JdbcDatabase secondNode = JdbcDatabase.postgres(url, TestDatabases.USER, TestDatabases.PASSWORD,
                    THREADS_PER_NODE)) {
                List<LedgerStore> nodes = List.of(h.db().ledgerStore(), secondNode.ledgerStore());
                nodes.get(0).append(unguarded(award("two-nodes-award", RIDER, AWARDED)));

                ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_NODE);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<List<StoredPosting>>> spenders = new ArrayList<>();
                try {
                    for (int n = 0; n < nodes.size(); n++) {
                        for (int t = 0; t < THREADS_PER_NODE; t++) {
                            LedgerStore node = nodes.get(n);
                            String who = "n" + n + "-t" + t;
                            spenders.add(pool.submit(() -> {
                                go.await();
                                return spendUntilTooLittleIsLeft(node, who);
                            }));
                        }
                    }
                    go.countDown();
                    List<StoredPosting> spent = new ArrayList<>();
                    for (Future<List<StoredPosting>> f : spenders) {
                        spent.addAll(f.get(2, TimeUnit.MINUTES));
                    }

                    long redemptions = AWARDED / PRICE;
                    assertEquals(redemptions, spent.size(), "redemptions of " + PRICE + " the six spenders got through"
                            + " (all of " + AWARDED + " that fits, no more)");
                    for (LedgerStore node : nodes) {
                        AccountHistory rider = node.account(RIDER);
                        assertEquals(AWARDED - redemptions * PRICE, rider.balance(Posting.POINTS), "the rider's balance");
                        assertEquals(1 + redemptions, rider.version(), "the rider's version: the award and each redemption");
                        long running = 0;
                        for (StoredPosting p : rider.postings()) {
                            running += p.posting().effectOn(RIDER);
                            assertTrue(running >= 0, "the rider's balance went below zero at position " + p.position());
                        }
                        Set<String> ids = new HashSet<>();
                        rider.postings().forEach(p -> ids.add(p.posting().id().value()));
                        for (StoredPosting s : spent) {
                            assertEquals(s, node.find(s.posting().id()).orElseThrow(), "every redemption a spender was"
                                    + " told of is stored, at the position it was told");
                            assertTrue(ids.contains(s.posting().id().value()), s.posting().id() + " in the rider's history");
                        }
                        List<StoredPosting> feed = node.readAfter(0, 1_000);
                        for (int i = 0; i < feed.size(); i++) {
                            assertEquals(i + 1L, feed.get(i).position(), "positions 1, 2, 3, … without gaps");
                        }
                        Map<dev.civicloop.spi.ledger.AccountId, Long> balances = node.balances(Posting.POINTS);
                        assertEquals(0L, balances.values().stream().mapToLong(Long::longValue).sum(), "balances sum");
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    /** One spender: the points module's loop, by hand. */
    private static List<StoredPosting> spendUntilTooLittleIsLeft(LedgerStore ledger, String who) {
        List<StoredPosting> mine = new ArrayList<>();
        int bought = 0;
        while (true) {
            AccountHistory rider = ledger.account(RIDER);
            if (rider.balance(Posting.POINTS) < PRICE) {
                return mine;
            }
            try {
                mine.addAll(ledger.append(guarded(Map.of(RIDER, rider.version()),
                        redeem("two-nodes-" + who + "-" + bought, RIDER, PRICE))));
                bought++;
            } catch (ConcurrencyConflict moved) {
                // Another spender went first: read again and decide again, under the same id.
            }
        }
    }
}
