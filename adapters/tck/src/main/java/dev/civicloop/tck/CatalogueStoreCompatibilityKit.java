package dev.civicloop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.catalogue.CatalogueEntry;
import dev.civicloop.spi.catalogue.CatalogueItem;
import dev.civicloop.spi.catalogue.CatalogueStore;
import dev.civicloop.tck.Parallel.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The conformance kit for {@link CatalogueStore} adapters: an abstract JUnit 5 class whose tests
 * check the catalogue SPI's contract — an item comes back exactly as put (names in Chinese at their
 * longest, nanoseconds, the largest cost); every put and retirement moves the item's version on by
 * one and is refused as {@link ConcurrencyConflict} at any other version (exactly one of sixteen
 * racing editors wins); retirement keeps the item; {@code list()} orders by code as
 * {@link String#compareTo} does (not as a database collation would); readers never see half an
 * edit; bad arguments are {@link InvalidInput} and change nothing. An adapter proves itself with
 * three lines:
 *
 * <pre>{@code
 * class JdbcCatalogueStoreConformanceTest extends CatalogueStoreCompatibilityKit {
 *     @Override protected CatalogueStore newStore() { return db.catalogueStore(); }
 * }
 * }</pre>
 *
 * <p>{@link #newStore()} runs before every test and must return an empty store;
 * {@link #closeStore(CatalogueStore)} runs after it. The concurrency tests use 16 threads; a store
 * that needs a connection pool should allow that many connections.
 */
public abstract class CatalogueStoreCompatibilityKit {

    private static final int THREADS = 16;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Instant NOVEMBER = Instant.parse("2026-11-01T00:00:00.123456789Z");

    /** Seed 001: the toy a rider redeemed with 108 points, one per member. */
    private static final CatalogueItem TOY = CatalogueItem.of("toy-excavator", "儿童玩具挖掘机", "Toy excavator", 100)
            .withPerMemberLimit(1).withPickupPlace("远航社区党群服务站");
    /** Seed 001: detergent on the shelves of the same supermarket. */
    private static final CatalogueItem DETERGENT = CatalogueItem.of("detergent", "洗衣液", "Detergent", 20)
            .withPerMemberLimit(3);
    /** Seed 001: books, offered for November only. */
    private static final CatalogueItem BOOK = CatalogueItem.of("picture-book", "绘本", "Picture book", 15)
            .withActiveWindow(NOVEMBER, Instant.parse("2026-12-01T00:00:00Z"));

    private CatalogueStore store;

    /** A new, empty store; called before each test. */
    protected abstract CatalogueStore newStore();

    /** Releases what {@link #newStore()} opened (connections, schemas); called after each test. */
    protected void closeStore(CatalogueStore store) {}

    /** The store under test, for an adapter's own extra tests. */
    protected final CatalogueStore store() {
        return store;
    }

    @BeforeEach
    final void createCatalogueStoreUnderTest() {
        store = newStore();
        assertNotNull(store, "newStore() returned null");
    }

    @AfterEach
    final void closeCatalogueStoreUnderTest() {
        if (store != null) {
            CatalogueStore s = store;
            store = null;
            closeStore(s);
        }
    }

    // ================================================================== put, find, list

    /** The supermarket's three items, put once each, come back equal at version 1, on offer. */
    @Test
    public void itemsPutComeBackEqualAtVersionOneAndOnOffer() {
        List<CatalogueEntry> returned = new ArrayList<>();
        for (CatalogueItem item : List.of(TOY, DETERGENT, BOOK)) {
            CatalogueEntry e = store.put(item, 0);
            assertEquals(new CatalogueEntry(item, 1, null), e, "put(" + item.code() + ", 0) returns the item at version 1");
            returned.add(e);
        }
        for (CatalogueEntry e : returned) {
            assertEquals(Optional.of(e), store.find(e.code()), "find(" + e.code() + ")");
        }
        assertEquals(List.of(returned.get(1), returned.get(2), returned.get(0)), store.list(),
                "list(): detergent, picture-book, toy-excavator");
        assertEquals(Optional.empty(), store.find("never-put"), "find of a code never put");
    }

    /**
     * Every component survives at its limit: 64-character code, 200-character Chinese names,
     * a 500-character pickup place, the largest cost, limits 1 and none, instants with
     * nanoseconds (also before 1970), an open and a closed window.
     */
    @Test
    public void anItemFilledToEveryLimitSurvivesTheRoundTrip() {
        CatalogueItem full = new CatalogueItem("x".repeat(32) + "Az09._-" + "y".repeat(25), "积".repeat(200),
                "E".repeat(199) + "é", Long.MAX_VALUE, 1, Instant.parse("1969-12-31T23:59:59.999999999Z"),
                Instant.parse("2999-01-02T03:04:05.000000001Z"), "远航社区".repeat(125));
        CatalogueItem open = new CatalogueItem("open", "开放", "Open", 1, Integer.MAX_VALUE,
                Instant.parse("2026-11-23T08:30:00.000000007Z"), null, "驿站");
        for (CatalogueItem item : List.of(full, open)) {
            CatalogueEntry returned = store.put(item, 0);
            assertEquals(item, returned.item(), "put() returns the item as given");
            assertEquals(Optional.of(new CatalogueEntry(item, 1, null)), store.find(item.code()),
                    "find(" + item.code() + ") after put");
        }
        Instant at = Instant.parse("2026-11-30T23:59:59.987654321Z");
        CatalogueEntry retired = store.retire("open", 1, at);
        assertEquals(new CatalogueEntry(open, 2, at), retired, "retire() returns the item, version 2, retired at " + at);
        assertEquals(Optional.of(retired), store.find("open"), "find() of the retired item keeps every nanosecond");
    }

    /** An empty store finds nothing and lists nothing. */
    @Test
    public void anEmptyStoreFindsNothingAndListsNothing() {
        assertEquals(Optional.empty(), store.find(TOY.code()), "find");
        assertEquals(List.of(), store.list(), "list");
    }

    /** Each put at the current version replaces the item and moves its version on by one. */
    @Test
    public void eachPutAtTheCurrentVersionReplacesTheItemAndMovesItsVersionOn() {
        store.put(TOY, 0);
        CatalogueItem dearer = TOY.withCost(120);
        assertEquals(new CatalogueEntry(dearer, 2, null), store.put(dearer, 1), "put at version 1");
        CatalogueItem twoEach = dearer.withPerMemberLimit(2).withPickupPlace("骑聚三营驿站");
        assertEquals(new CatalogueEntry(twoEach, 3, null), store.put(twoEach, 2), "put at version 2");
        assertEquals(Optional.of(new CatalogueEntry(twoEach, 3, null)), store.find(TOY.code()), "find after two edits");
        assertEquals(List.of(new CatalogueEntry(twoEach, 3, null)), store.list(), "list: one entry, the latest");
    }

    /**
     * Two staff edit the toy from version 1: the second edit, decided on what is now stale, is
     * ConcurrencyConflict naming both versions, and writes nothing. So are a second creation, an
     * edit ahead of the item, and an edit of an item never created (which is not created).
     */
    @Test
    public void aStaleVersionIsConcurrencyConflictNamingBothVersionsAndWritesNothing() {
        store.put(TOY, 0);
        store.put(TOY.withCost(110), 1);
        store.put(DETERGENT, 0);
        List<CatalogueEntry> before = store.list();

        assertConflict(1, 2, () -> store.put(TOY.withPerMemberLimit(5), 1), "an edit decided on version 1, now at 2");
        assertConflict(0, 2, () -> store.put(TOY.withCost(1), 0), "creating an item that exists");
        assertConflict(7, 2, () -> store.put(TOY.withCost(1), 7), "an edit ahead of the item");
        assertConflict(1, 0, () -> store.put(BOOK, 1), "an edit of an item never created");
        assertEquals(before, store.list(), "list() after four refused puts");
        assertEquals(Optional.empty(), store.find(BOOK.code()), "the item never created was not created");
    }

    /** Items are versioned apart: editing one does not move another's version. */
    @Test
    public void itemsAreVersionedApart() {
        store.put(TOY, 0);
        store.put(DETERGENT, 0);
        store.put(TOY.withCost(101), 1);
        store.put(TOY.withCost(102), 2);
        assertEquals(1, store.find(DETERGENT.code()).orElseThrow().version(), "the detergent's version");
        assertEquals(new CatalogueEntry(DETERGENT.withCost(25), 2, null), store.put(DETERGENT.withCost(25), 1),
                "the detergent edited at its own version");
    }

    /**
     * list() orders by code as String.compareTo does: upper case before lower, '-' before '.'
     * before digits before '_' — not as a database's locale collation would (which ignores case
     * and punctuation).
     */
    @Test
    public void listOrdersByCodeAsStringCompareToDoes() {
        List<String> codes = List.of("toy_car", "toy-car", "Toy-car", "toy.car", "toy0", "book", "BOOK-2", "toy-car-2",
                "a", "Z", "toycar");
        for (String code : codes) {
            store.put(CatalogueItem.of(code, "物品", "Item " + code, 1), 0);
        }
        List<String> expected = codes.stream().sorted().toList();
        assertEquals(expected, store.list().stream().map(CatalogueEntry::code).toList(), "codes in list()");
    }

    /** Callers cannot change the store through a list it returned. */
    @Test
    public void returnedListsCannotChangeTheStore() {
        store.put(TOY, 0);
        store.put(DETERGENT, 0);
        List<CatalogueEntry> before = store.list();
        try {
            store.list().clear();
        } catch (UnsupportedOperationException expected) {
            // An immutable list is the best answer.
        }
        assertEquals(before, store.list(), "list() after clearing a returned list");
    }

    // ================================================================== retirement

    /**
     * The toy is retired at the end of the campaign: it stays findable (reservations name it),
     * with its definition unchanged, at the next version and the instant given; list() keeps it.
     */
    @Test
    public void retiringKeepsTheItemFindableAndListedAtTheNextVersion() {
        store.put(TOY, 0);
        store.put(DETERGENT, 0);
        Instant at = Instant.parse("2026-12-31T16:00:00.000001Z");
        CatalogueEntry retired = store.retire(TOY.code(), 1, at);
        assertEquals(new CatalogueEntry(TOY, 2, at), retired, "retire() returns the item at version 2, retired");
        assertTrue(retired.retired(), "retired()");
        assertEquals(Optional.of(retired), store.find(TOY.code()), "find() of the retired item");
        assertEquals(List.of(new CatalogueEntry(DETERGENT, 1, null), retired), store.list(),
                "list() keeps the retired item, in code order");
    }

    /** A stale retirement is ConcurrencyConflict and changes nothing; retiring an unknown code is NotFound. */
    @Test
    public void aStaleRetirementIsRefusedAndAnUnknownItemIsNotFound() {
        store.put(TOY, 0);
        store.put(TOY.withCost(130), 1);
        List<CatalogueEntry> before = store.list();
        assertConflict(1, 2, () -> store.retire(TOY.code(), 1, NOVEMBER), "retiring at version 1, now at 2");
        assertThrows(NotFound.class, () -> store.retire("never-put", 0, NOVEMBER), "retiring a code never put");
        assertThrows(NotFound.class, () -> store.retire("never-put", 1, NOVEMBER), "retiring a code never put");
        assertEquals(before, store.list(), "list() after refused retirements");
        assertEquals(Optional.empty(), store.find("never-put"), "the unknown code was not created");
    }

    /** Putting a retired item again, at its version, puts it back on offer; a second retirement moves the version on. */
    @Test
    public void puttingARetiredItemAgainPutsItBackOnOffer() {
        store.put(BOOK, 0);
        store.retire(BOOK.code(), 1, NOVEMBER);
        assertConflict(1, 2, () -> store.put(BOOK, 1), "putting at the version before the retirement");
        CatalogueItem december = BOOK.withActiveWindow(Instant.parse("2026-12-01T00:00:00Z"), null);
        CatalogueEntry back = store.put(december, 2);
        assertEquals(new CatalogueEntry(december, 3, null), back, "put at version 2 of the retired book");
        assertFalse(back.retired(), "retired() after the put");
        assertEquals(Optional.of(back), store.find(BOOK.code()), "find()");
        Instant again = NOVEMBER.plusSeconds(86_400 * 60);
        assertEquals(new CatalogueEntry(december, 4, again), store.retire(BOOK.code(), 3, again), "retired again");
        assertEquals(new CatalogueEntry(december, 5, again.plusSeconds(1)),
                store.retire(BOOK.code(), 4, again.plusSeconds(1)), "retiring a retired item moves its version on");
    }

    // ================================================================== concurrency

    /**
     * Ten rounds: in each, sixteen staff on sixteen nodes change the toy's cost from the version
     * they all read. Exactly one wins; the others get ConcurrencyConflict naming the version they
     * read and the one after; the store holds the winner's cost.
     */
    @Test
    public void exactlyOneOfSixteenEditsFromTheSameVersionWinsEveryRound() {
        store.put(TOY, 0);
        for (int r = 0; r < 10; r++) {
            int round = r;
            long version = 1L + round;
            List<Outcome<CatalogueEntry>> outcomes = Parallel.run(THREADS, TIMEOUT,
                    w -> store.put(TOY.withCost(cost(round, w)), version));
            List<Integer> won = new ArrayList<>();
            for (int w = 0; w < THREADS; w++) {
                Outcome<CatalogueEntry> o = outcomes.get(w);
                if (o.failure() == null) {
                    won.add(w);
                    assertEquals(new CatalogueEntry(TOY.withCost(cost(round, w)), version + 1, null), o.value(),
                            "round " + round + ", editor " + w + ": the returned entry");
                } else if (o.failure() instanceof ConcurrencyConflict c) {
                    assertEquals(version, c.expectedVersion(), "round " + round + ", editor " + w + ": expectedVersion");
                    assertEquals(version + 1, c.actualVersion(), "round " + round + ", editor " + w + ": actualVersion");
                } else {
                    throw new AssertionError("round " + round + ", editor " + w
                            + ": a losing put must throw ConcurrencyConflict", o.failure());
                }
            }
            assertEquals(1, won.size(), "round " + round + ": exactly one of " + THREADS + " puts at version " + version
                    + " must succeed; succeeded: " + won);
            assertEquals(Optional.of(new CatalogueEntry(TOY.withCost(cost(round, won.get(0))), version + 1, null)),
                    store.find(TOY.code()), "round " + round + ": the winner's edit is stored");
        }
    }

    /**
     * Ten rounds: in each, sixteen nodes load the same city pack at once and each creates the same
     * new item; exactly one creates it, the others get ConcurrencyConflict (0 expected, 1 actual).
     * Rounds, because one race can be won by chance by a store that checks and then writes.
     */
    @Test
    public void exactlyOneOfSixteenNodesCreatingTheSameItemWins() {
        List<CatalogueEntry> created = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            CatalogueItem item = new CatalogueItem(DETERGENT.code() + "-" + round, DETERGENT.nameZh(), DETERGENT.nameEn(),
                    DETERGENT.cost(), DETERGENT.perMemberLimit(), DETERGENT.activeFrom(), DETERGENT.activeUntil(),
                    DETERGENT.pickupPlace());
            List<Outcome<CatalogueEntry>> outcomes = Parallel.run(THREADS, TIMEOUT,
                    w -> store.put(item.withCost(20 + w), 0));
            List<Integer> won = new ArrayList<>();
            for (int w = 0; w < THREADS; w++) {
                Outcome<CatalogueEntry> o = outcomes.get(w);
                if (o.failure() == null) {
                    won.add(w);
                } else if (o.failure() instanceof ConcurrencyConflict c) {
                    assertEquals(0, c.expectedVersion(), "round " + round + ", node " + w + ": expectedVersion");
                    assertEquals(1, c.actualVersion(), "round " + round + ", node " + w + ": actualVersion");
                } else {
                    throw new AssertionError("round " + round + ", node " + w
                            + ": a losing creation must throw ConcurrencyConflict", o.failure());
                }
            }
            assertEquals(1, won.size(), "round " + round + ": exactly one of " + THREADS
                    + " creations must succeed; succeeded: " + won);
            created.add(new CatalogueEntry(item.withCost(20 + won.get(0)), 1, null));
        }
        assertEquals(created, store.list(), "list(): each round's winner, once");
    }

    /**
     * While an editor changes the toy 60 times (cost, limit and English name all follow the
     * version), readers on other threads only ever see whole edits: each entry's fields match its
     * version, and versions never go back.
     */
    @Test
    public void readersNeverSeeHalfAnEdit() {
        store.put(edit(1), 0);
        AtomicBoolean done = new AtomicBoolean();
        List<Outcome<Integer>> outcomes = Parallel.run(4, TIMEOUT, w -> {
            if (w == 0) {
                try {
                    for (long v = 1; v < 60; v++) {
                        store.put(edit(v + 1), v);
                    }
                } finally {
                    done.set(true);
                }
                return 0;
            }
            int reads = 0;
            long last = 0;
            while (!done.get() || reads == 0) {
                CatalogueEntry e = (w % 2 == 0 ? store.find(TOY.code()) : store.list().stream().findFirst()).orElseThrow();
                assertEquals(edit(e.version()), e.item(), "reader " + w + ": the item stored with version " + e.version());
                assertTrue(e.version() >= last, "reader " + w + ": version went back from " + last + " to " + e.version());
                last = e.version();
                reads++;
            }
            return reads;
        });
        Parallel.rethrowFailures(outcomes, "thread");
        assertEquals(Optional.of(new CatalogueEntry(edit(60), 60, null)), store.find(TOY.code()), "after 59 edits");
    }

    // ================================================================== bad arguments

    /** Null arguments and negative versions are InvalidInput naming the argument; nothing changes. */
    @Test
    public void badArgumentsAreInvalidInputNamingTheFieldAndChangeNothing() {
        store.put(TOY, 0);
        List<CatalogueEntry> before = store.list();
        assertInvalid("item", () -> store.put(null, 0), "put(null, 0)");
        assertInvalid("expectedVersion", () -> store.put(DETERGENT, -1), "put(item, -1)");
        assertInvalid("expectedVersion", () -> store.put(TOY.withCost(1), -1), "put(existing item, -1)");
        assertInvalid("code", () -> store.retire(null, 1, NOVEMBER), "retire(null, …)");
        assertInvalid("at", () -> store.retire(TOY.code(), 1, null), "retire(code, 1, null)");
        assertInvalid("expectedVersion", () -> store.retire(TOY.code(), -1, NOVEMBER), "retire(code, -1, at)");
        assertInvalid("expectedVersion", () -> store.retire(DETERGENT.code(), -1, NOVEMBER),
                "retire(unknown code, -1, at): the bad argument, before the unknown item");
        assertInvalid("code", () -> store.find(null), "find(null)");
        assertEquals(before, store.list(), "list() after refused calls");
        assertEquals(Optional.empty(), store.find(DETERGENT.code()), "the refused detergent was not created");
        assertNull(store.find(TOY.code()).orElseThrow().retiredAt(), "the toy was not retired");
    }

    // ================================================================== helpers

    private static long cost(int round, int writer) {
        return 1_000L * (round + 1) + writer;
    }

    /** The toy as it is after the edit that takes it to {@code version}. */
    private static CatalogueItem edit(long version) {
        return TOY.withCost(100 + version).withPerMemberLimit((int) version).withPickupPlace("驿站 " + version);
    }

    private static void assertConflict(long expected, long actual, Executable call, String what) {
        ConcurrencyConflict c = assertThrows(ConcurrencyConflict.class, call, what);
        assertEquals(expected, c.expectedVersion(), what + ": expectedVersion");
        assertEquals(actual, c.actualVersion(), what + ": actualVersion");
    }

    private static void assertInvalid(String field, Executable call, String what) {
        assertEquals(field, assertThrows(InvalidInput.class, call, what).field(), what + ": InvalidInput.field");
    }
}
