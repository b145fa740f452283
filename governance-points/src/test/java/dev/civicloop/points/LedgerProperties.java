package dev.civicloop.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.DuplicatePosting;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.catalogue.CatalogueItem;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.ledger.StoredPosting;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.store.memory.InMemoryLedgerStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of awards, penalties, reversals, restocks, reservations, fulfilments,
 * cancellations and clock advances (with lot expiry and hold expiry) against a ledger with a lot
 * validity, a lock period and a hold time. After every step (sequential) or at the end (parallel,
 * several threads on shared members and items): every balance equals the sum of its postings in
 * the global feed, member and stock accounts are never negative, every asset sums to zero, held
 * points and units match the open reservations, no member exceeds an item's limit, a member's lots
 * and statement agree with the balance; then re-running every command that succeeded, with the same
 * ids, must change nothing.
 *
 * <p>Replay a failure with {@code -Dcivicloop.seed=<seed>}; the seed is printed in the failure.
 */
class LedgerProperties {
    static final List<ActorId> MEMBERS = List.of(ActorId.of("rider-wang"), ActorId.of("resident-li"),
            ActorId.of("driver-zhao"));
    static final List<CatalogueItem> ITEMS = List.of(
            CatalogueItem.of("detergent", "洗衣液", "Detergent", 7).withPerMemberLimit(3),
            CatalogueItem.of("toy-car", "玩具车", "Toy car", 15).withPerMemberLimit(1),
            CatalogueItem.of("book", "童书", "Book", 4));

    static final Map<String, Integer> COVERAGE = new ConcurrentHashMap<>();

    static void covered(String what) {
        COVERAGE.merge(what, 1, Integer::sum);
    }

    /** One shared ledger, market and clock. */
    static final class World {
        final InMemoryLedgerStore store = new InMemoryLedgerStore();
        final LedgerClock clock = new LedgerClock();
        final PointsLedger ledger = PointsLedger.builder(store).clock(clock).lotValidity(Period.ofDays(6))
                .lockPeriod(Duration.ofHours(12)).build();
        final PointsSupermarket market = PointsSupermarket.builder(ledger).holdTime(Duration.ofDays(2)).build();

        final boolean parallel;

        World(boolean parallel) {
            this.parallel = parallel;
            ITEMS.forEach(market::putItem);
        }
    }

    /** A command decided from a seed and the ids generated before it, never from the world's state. */
    record Command(String op, ActorId member, String item, long amount, String id, String ref) {
        /** Runs it; returns true when it succeeded (so a replay must be a no-op). */
        boolean run(World w, boolean replay) {
            switch (op) {
                case "award":
                    w.ledger.award(member, amount, PostingId.of(id), Map.of("rule", "prop"));
                    return true;
                case "penalty":
                    w.ledger.penalize(member, amount, PostingId.of(id), Map.of("rule", "prop"));
                    return true;
                case "reverse":
                    w.ledger.reverse(PostingId.of(ref), PostingId.of(id), "correction");
                    return true;
                case "restock":
                    w.market.restock(item, amount, PostingId.of(id));
                    return true;
                case "reserve": {
                    long spendable = w.ledger.spendable(member);
                    try {
                        Reservation r = w.market.reserve(id, member, item);
                        assertEquals(id, r.id());
                        return true;
                    } catch (PointsRefused e) {
                        if (e.reason() == PointsRefused.Reason.NOT_ENOUGH_POINTS) {
                            assertTrue(replay || w.parallel || spendable < w.market.item(item).orElseThrow().cost(),
                                    "refused with " + spendable + " spendable");
                        }
                        throw e;
                    }
                }
                case "fulfil":
                    w.market.fulfil(ref);
                    return true;
                case "cancel":
                    w.market.cancel(ref);
                    return true;
                case "time":
                    if (!replay) {
                        w.clock.advance(Duration.ofHours(amount));
                        w.ledger.expire();
                        w.market.expireHolds();
                    }
                    return false;
                default:
                    throw new IllegalStateException(op);
            }
        }
    }

    /** Turns seeds into commands; ids carry a prefix so threads never share one by accident. */
    static List<Command> commands(List<Integer> seeds, String prefix) {
        List<Command> out = new ArrayList<>();
        List<String> reversible = new ArrayList<>();
        List<String> reservations = new ArrayList<>();
        int n = 0;
        for (int s : seeds) {
            Random r = new Random(s);
            ActorId m = MEMBERS.get(r.nextInt(MEMBERS.size()));
            String item = ITEMS.get(r.nextInt(ITEMS.size())).code();
            String id = prefix + (n++);
            int op = r.nextInt(100);
            if (op < 25) {
                out.add(new Command("award", m, item, 1 + r.nextInt(30), id, null));
                reversible.add(id);
            } else if (op < 32) {
                out.add(new Command("penalty", m, item, 1 + r.nextInt(25), id, null));
                reversible.add(id);
            } else if (op < 38 && !reversible.isEmpty()) {
                out.add(new Command("reverse", m, item, 0, id, reversible.get(r.nextInt(reversible.size()))));
            } else if (op < 45) {
                out.add(new Command("restock", m, item, 1 + r.nextInt(5), id, null));
            } else if (op < 70) {
                out.add(new Command("reserve", m, item, 0, id, null));
                reservations.add(id);
            } else if (op < 80 && !reservations.isEmpty()) {
                out.add(new Command("fulfil", m, item, 0, id, reservations.get(r.nextInt(reservations.size()))));
            } else if (op < 88 && !reservations.isEmpty()) {
                out.add(new Command("cancel", m, item, 0, id, reservations.get(r.nextInt(reservations.size()))));
            } else {
                out.add(new Command("time", m, item, 1 + r.nextInt(60), id, null));
            }
        }
        return out;
    }

    /** Runs a command; refusals the rules allow are outcomes, anything else fails the property. */
    static boolean attempt(Command c, World w, boolean replay) {
        try {
            boolean ok = c.run(w, replay);
            covered((replay ? "replay " : "ok ") + c.op());
            return ok;
        } catch (PointsRefused e) {
            covered(e.reason().name());
        } catch (NotFound | DuplicatePosting e) {
            covered(e.getClass().getSimpleName());
        } catch (ConcurrencyConflict e) {
            covered("ConcurrencyConflict");
        }
        return false;
    }

    static void checkInvariants(World w, String where) {
        List<StoredPosting> feed = w.store.readAfter(0, Integer.MAX_VALUE);
        Map<String, Map<AccountId, Long>> fromFeed = new HashMap<>();
        for (StoredPosting sp : feed) {
            Posting p = sp.posting();
            Map<AccountId, Long> a = fromFeed.computeIfAbsent(p.asset(), x -> new TreeMap<>());
            a.merge(p.debit(), -p.amount(), Long::sum);
            a.merge(p.credit(), p.amount(), Long::sum);
        }
        for (Map.Entry<String, Map<AccountId, Long>> e : fromFeed.entrySet()) {
            assertEquals(e.getValue(), new TreeMap<>(w.store.balances(e.getKey())), where + ": balances of " + e.getKey());
            assertEquals(0, e.getValue().values().stream().mapToLong(Long::longValue).sum(),
                    where + ": system + members of " + e.getKey() + " sum to zero " + e.getValue());
            e.getValue().forEach((acct, v) -> assertTrue(!acct.nonNegative() || v >= 0, where + ": " + acct + " is " + v));
        }
        Map<AccountId, Long> points = fromFeed.getOrDefault(Posting.POINTS, Map.of());
        for (ActorId m : MEMBERS) {
            long b = points.getOrDefault(AccountId.member(m), 0L);
            assertEquals(b, w.ledger.balance(m), where + ": balance of " + m + " = sum of its postings");
            Statement s = w.ledger.statement(m);
            assertEquals(b, s.balance(), where + ": statement of " + m);
            for (StatementEntry e : s.entries()) {
                assertTrue(e.balance() >= 0, where + ": " + m + " went to " + e.balance() + " at " + e);
            }
            assertEquals(b, s.lots().stream().mapToLong(Lot::remaining).sum(), where + ": lots of " + m + " " + s.lots());
            assertTrue(s.spendable() >= 0 && s.spendable() <= b, where + ": spendable " + s.spendable() + " of " + b);
            for (CatalogueItem item : ITEMS) {
                long held = w.market.reservations(m).stream().filter(r -> r.itemCode().equals(item.code())
                        && (r.state() == Reservation.State.RESERVED || r.state() == Reservation.State.FULFILLED)).count();
                assertTrue(held <= item.perMemberLimit(), where + ": " + m + " holds " + held + " " + item.code());
            }
        }
        List<Reservation> open = w.market.openReservations();
        assertEquals(open.stream().mapToLong(Reservation::points).sum(), points.getOrDefault(AccountId.HOLDS, 0L),
                where + ": held points = open reservations");
        for (CatalogueItem item : ITEMS) {
            long units = open.stream().filter(r -> r.itemCode().equals(item.code())).count();
            assertEquals(units, fromFeed.getOrDefault(Posting.item(item.code()), Map.of())
                    .getOrDefault(AccountId.HOLDS, 0L), where + ": held units of " + item.code());
            long running = 0;
            for (StoredPosting sp : w.store.account(AccountId.stock(item.code())).postings()) {
                running += sp.posting().effectOn(AccountId.stock(item.code()));
                assertTrue(running >= 0, where + ": stock of " + item.code() + " went to " + running + " at " + sp);
            }
            assertEquals(fromFeed.getOrDefault(Posting.item(item.code()), Map.of())
                    .getOrDefault(AccountId.stock(item.code()), 0L), w.market.stock(item.code()), where + ": stock");
        }
    }

    /** Re-runs every command that succeeded, same ids, and demands an unchanged ledger. */
    static void checkReplay(World w, List<Command> succeeded) {
        List<StoredPosting> before = w.store.readAfter(0, Integer.MAX_VALUE);
        for (Command c : succeeded) {
            attempt(c, w, true);
        }
        List<StoredPosting> after = w.store.readAfter(0, Integer.MAX_VALUE);
        assertEquals(before.size(), after.size(), "replay appended " + after.subList(before.size(), after.size()));
    }

    static long seed() {
        return Long.getLong("civicloop.seed", new SecureRandom().nextLong());
    }

    @Test
    void random_sequences_keep_the_books_balanced_after_every_step_and_replay_changes_nothing() {
        long seed = seed();
        AtomicInteger runs = new AtomicInteger();
        COVERAGE.clear();
        try {
            qt().withFixedSeed(seed).withExamples(400).withShrinkCycles(200)
                    .forAll(lists().of(integers().all()).ofSizeBetween(5, 60))
                    .checkAssert(seeds -> {
                        runs.incrementAndGet();
                        World w = new World(false);
                        List<Command> succeeded = new ArrayList<>();
                        int step = 0;
                        for (Command c : commands(seeds, "s")) {
                            if (attempt(c, w, false)) {
                                succeeded.add(c);
                            }
                            checkInvariants(w, "step " + (step++) + " " + c);
                        }
                        checkReplay(w, succeeded);
                        checkInvariants(w, "after replay");
                    });
        } catch (AssertionError e) {
            throw new AssertionError("seed=" + seed + ", rerun with -Dcivicloop.seed=" + seed + "\n" + e.getMessage(), e);
        }
        System.out.println("LedgerProperties sequential seed=" + seed + ", " + runs + " sequences, reached "
                + new TreeMap<>(COVERAGE));
        // Outcomes a random run reaches many times; the rare refusals (LIMIT_REACHED, ALREADY_FULFILLED,
        // RESERVATION_RELEASED) come up only a few times per run, so PointsSupermarketTest pins them instead
        // of a threshold that fails on an unlucky seed.
        for (String must : List.of("ok award", "ok penalty", "ok reverse", "ok reserve", "ok fulfil", "ok cancel",
                "ok time", "NOT_ENOUGH_POINTS", "OUT_OF_STOCK", "POINTS_ALREADY_SPENT", "ALREADY_REVERSED",
                "replay reserve")) {
            assertTrue(COVERAGE.getOrDefault(must, 0) >= 3, "too few '" + must + "' in " + COVERAGE + ", seed=" + seed);
        }
    }

    @Test
    void commands_from_four_threads_on_shared_members_and_stock_keep_the_books_balanced() {
        long seed = seed();
        int threads = 4;
        AtomicInteger runs = new AtomicInteger();
        COVERAGE.clear();
        try {
            qt().withFixedSeed(seed).withExamples(150).withShrinkCycles(20)
                    .forAll(lists().of(integers().all()).ofSizeBetween(threads * 10, threads * 40))
                    .checkAssert(seeds -> {
                        runs.incrementAndGet();
                        World w = new World(true);
                        int per = seeds.size() / threads;
                        List<List<Command>> plans = new ArrayList<>();
                        for (int t = 0; t < threads; t++) {
                            plans.add(commands(seeds.subList(t * per, (t + 1) * per), "t" + t + "-"));
                        }
                        List<Command> succeeded = Collections.synchronizedList(new ArrayList<>());
                        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
                        CyclicBarrier start = new CyclicBarrier(threads);
                        List<Thread> running = new ArrayList<>();
                        for (List<Command> plan : plans) {
                            Thread th = new Thread(() -> {
                                try {
                                    start.await();
                                    for (Command c : plan) {
                                        if (attempt(c, w, false)) {
                                            succeeded.add(c);
                                        }
                                    }
                                } catch (Throwable e) {
                                    failures.add(e);
                                }
                            });
                            th.start();
                            running.add(th);
                        }
                        for (Thread th : running) {
                            try {
                                th.join();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new AssertionError(e);
                            }
                        }
                        if (!failures.isEmpty()) {
                            throw new AssertionError(failures.get(0).toString(), failures.get(0));
                        }
                        checkInvariants(w, "after the threads");
                        checkReplay(w, succeeded);
                        checkInvariants(w, "after replay");
                    });
        } catch (AssertionError e) {
            throw new AssertionError("seed=" + seed + ", rerun with -Dcivicloop.seed=" + seed + "\n" + e.getMessage(), e);
        }
        System.out.println("LedgerProperties parallel seed=" + seed + ", " + runs + " runs, reached "
                + new TreeMap<>(COVERAGE));
        assertTrue(COVERAGE.getOrDefault("ok reserve", 0) >= 20 && COVERAGE.getOrDefault("ok fulfil", 0) >= 5,
                "too little redemption reached: " + COVERAGE + ", seed=" + seed);
    }
}
