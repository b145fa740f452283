package dev.civicloop.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.catalogue.CatalogueItem;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.store.memory.InMemoryLedgerStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.RepeatedTest;

class RedemptionConcurrencyTest {
    static final int THREADS = 16;

    final InMemoryLedgerStore store = new InMemoryLedgerStore();
    final PointsLedger ledger = PointsLedger.builder(new LatentLedgerStore(store, 500_000)).clock(new LedgerClock()).build();
    final PointsSupermarket market = PointsSupermarket.builder(ledger).build();

    /** Runs one task per thread, all released at once; returns each task's outcome (reason or "ok"). */
    static List<String> race(IntFunction<Runnable> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<String>> fs = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Runnable r = task.apply(i);
                fs.add(pool.submit(() -> {
                    go.await();
                    try {
                        r.run();
                        return "ok";
                    } catch (PointsRefused e) {
                        return e.reason().name();
                    }
                }));
            }
            go.countDown();
            List<String> out = new ArrayList<>();
            for (Future<String> f : fs) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @RepeatedTest(5)
    void sixteen_redemptions_from_one_balance_never_overdraw_it() throws Exception {
        ActorId rider = ActorId.of("rider-wang");
        ledger.award(rider, 108, PostingId.of("a1"), Map.of());
        // four items, so that only the member's account is shared by all sixteen
        for (int k = 0; k < 4; k++) {
            market.putItem(CatalogueItem.of("detergent-" + k, "洗衣液", "Detergent", 20));
            market.restock("detergent-" + k, 25, PostingId.of("restock-" + k));
        }
        Map<String, Long> seenBalances = new ConcurrentHashMap<>();
        List<String> outcomes = race(i -> () -> {
            market.reserve("order-" + i, rider, "detergent-" + i % 4);
            seenBalances.put("order-" + i, ledger.balance(rider));
        });
        assertEquals(108 / 20, outcomes.stream().filter("ok"::equals).count(), outcomes.toString());
        assertEquals(THREADS - 108 / 20, outcomes.stream().filter("NOT_ENOUGH_POINTS"::equals).count());
        assertEquals(108 % 20, ledger.balance(rider));
        assertTrue(seenBalances.values().stream().allMatch(b -> b >= 0), seenBalances.toString());
        assertEquals(100 - 108 / 20, market.stock("detergent-0") + market.stock("detergent-1")
                + market.stock("detergent-2") + market.stock("detergent-3"));
        assertEquals(0, store.balances(Posting.POINTS).values().stream().mapToLong(Long::longValue).sum());
    }

    @RepeatedTest(5)
    void sixteen_members_race_for_five_units_and_exactly_five_win() throws Exception {
        market.putItem(CatalogueItem.of("toy-car", "玩具车", "Toy car", 100));
        market.restock("toy-car", 5, PostingId.of("restock"));
        for (int i = 0; i < THREADS; i++) {
            ledger.award(ActorId.of("member-" + i), 150, PostingId.of("a" + i), Map.of());
        }
        List<String> outcomes = race(i -> () -> market.reserve("order-" + i, ActorId.of("member-" + i), "toy-car"));
        assertEquals(5, outcomes.stream().filter("ok"::equals).count(), outcomes.toString());
        assertEquals(THREADS - 5, outcomes.stream().filter("OUT_OF_STOCK"::equals).count());
        assertEquals(0, market.stock("toy-car"));
        assertEquals(5, store.balances(Posting.item("toy-car")).get(AccountId.HOLDS));
        long winnersPaid = 0;
        for (int i = 0; i < THREADS; i++) {
            long b = ledger.balance(ActorId.of("member-" + i));
            assertTrue(b == 50 || b == 150, "member-" + i + " has " + b);
            winnersPaid += 150 - b;
        }
        assertEquals(500, winnersPaid);
    }
}
