package dev.civicloop.tck;

import static dev.civicloop.tck.LedgerFixtures.NEIGHBOUR;
import static dev.civicloop.tck.LedgerFixtures.RIDER;
import static dev.civicloop.tck.LedgerFixtures.T0;
import static dev.civicloop.tck.LedgerFixtures.TOY;
import static dev.civicloop.tck.LedgerFixtures.TOY_UNITS;
import static dev.civicloop.tck.LedgerFixtures.award;
import static dev.civicloop.tck.LedgerFixtures.guarded;
import static dev.civicloop.tck.LedgerFixtures.hold;
import static dev.civicloop.tck.LedgerFixtures.holdUnit;
import static dev.civicloop.tck.LedgerFixtures.pointsAwarded;
import static dev.civicloop.tck.LedgerFixtures.redeem;
import static dev.civicloop.tck.LedgerFixtures.release;
import static dev.civicloop.tck.LedgerFixtures.restock;
import static dev.civicloop.tck.LedgerFixtures.unguarded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.DuplicatePosting;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.ledger.AccountHistory;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.LedgerAppend;
import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.ledger.StoredPosting;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.store.OutboxEntry;
import dev.civicloop.spi.store.OutboxStore;
import dev.civicloop.tck.Parallel.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit for {@link LedgerStore} adapters: an abstract JUnit 5 class whose tests
 * check the ledger SPI's contract — postings come back exactly as appended, positions 1, 2, 3, …
 * in commit order without gaps, all-or-nothing appends under expected account versions, every
 * stored posting id refused as {@link DuplicatePosting} (idempotency is the points module's job,
 * not the store's), balances that sum to zero per asset, an append's notifications in the outbox
 * exactly when its postings are stored, and all of it under concurrency. An adapter proves itself
 * with a few lines:
 *
 * <pre>{@code
 * class InMemoryLedgerStoreConformanceTest extends LedgerStoreCompatibilityKit {
 *     private InMemoryOutbox outbox;
 *     @Override protected LedgerStore newStore() { outbox = new InMemoryOutbox(); return new InMemoryLedgerStore(outbox); }
 *     @Override protected OutboxStore outbox() { return outbox; }
 * }
 * }</pre>
 *
 * <p>{@link #newStore()} runs before every test and must return an empty store;
 * {@link #closeStore(LedgerStore)} runs after it. The concurrency tests use 16 threads; a store
 * that needs a connection pool should allow that many connections. Values come from
 * {@link LedgerFixtures}.
 */
public abstract class LedgerStoreCompatibilityKit {

    private static final int THREADS = 16;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Instant FAR_FUTURE = T0.plus(Duration.ofDays(3650));

    private LedgerStore store;

    /** A new, empty store; called before each test. */
    protected abstract LedgerStore newStore();

    /**
     * The outbox the store writes its appends' notifications to, empty before each test (the
     * ticket store on the same database, the {@code InMemoryOutbox} the store was built with);
     * called after {@link #newStore()}.
     */
    protected abstract OutboxStore outbox();

    /** Releases what {@link #newStore()} opened (connections, schemas); called after each test. */
    protected void closeStore(LedgerStore store) {}

    /** The store under test, for an adapter's own extra tests. */
    protected final LedgerStore store() {
        return store;
    }

    @BeforeEach
    final void createLedgerStoreUnderTest() {
        store = newStore();
        assertNotNull(store, "newStore() returned null");
    }

    @AfterEach
    final void closeLedgerStoreUnderTest() {
        if (store != null) {
            LedgerStore s = store;
            store = null;
            closeStore(s);
        }
    }

    // ================================================================== append, find, account

    /** Appends of one, two and three postings come back equal, at positions 1..6 in commit order. */
    @Test
    public void appendedPostingsComeBackEqualAtPositionsOneToNInCommitOrder() {
        List<Posting> appended = List.of(
                award("rt-award-1", RIDER, 20),
                award("rt-award-2", RIDER, 30), award("rt-award-3", NEIGHBOUR, 5),
                hold("rt-hold-1", RIDER, 12), restock("rt-restock-1", TOY, 4), holdUnit("rt-hold-unit-1", TOY));
        List<StoredPosting> returned = new ArrayList<>();
        returned.addAll(store.append(unguarded(appended.get(0))));
        returned.addAll(store.append(unguarded(appended.get(1), appended.get(2))));
        returned.addAll(store.append(unguarded(appended.get(3), appended.get(4), appended.get(5))));

        List<StoredPosting> expected = new ArrayList<>();
        for (int i = 0; i < appended.size(); i++) {
            expected.add(new StoredPosting(i + 1L, appended.get(i)));
        }
        assertEquals(expected, returned, "append() returns the postings as given, at positions 1..6 in the order"
                + " appended (an append's postings take consecutive positions in their order)");
        for (StoredPosting s : expected) {
            assertEquals(Optional.of(s), store.find(s.posting().id()), "find(" + s.posting().id() + ")");
        }
        assertEquals(expected, readLedger(100), "readAfter(0, …)");
        assertEquals(Optional.empty(), store.find(PostingId.of("never-posted")), "find of an unknown id");
    }

    /** Every field survives: 32 details, a 1000-character value in Chinese and ASCII, a 128-character id, milliseconds. */
    @Test
    public void aPostingFilledToEveryLimitSurvivesTheRoundTrip() {
        Posting full = LedgerFixtures.fullAward(RIDER);
        List<StoredPosting> returned = store.append(unguarded(full));
        assertEquals(List.of(new StoredPosting(1, full)), returned, "append()");
        assertEquals(Optional.of(new StoredPosting(1, full)), store.find(full.id()), "find()");
        assertEquals(List.of(new StoredPosting(1, full)), store.account(RIDER).postings(), "account().postings()");
        assertEquals(List.of(new StoredPosting(1, full)), store.readAfter(0, 10), "readAfter()");
        assertEquals(Map.of(AccountId.ISSUANCE, -full.amount(), RIDER, full.amount()), store.balances(Posting.POINTS),
                "balances(points)");
    }

    /** An account's history is every posting that touched it (debit or credit), oldest first; its version is their count. */
    @Test
    public void anAccountsHistoryHoldsEveryPostingThatTouchedItOldestFirst() {
        store.append(unguarded(award("hist-1", RIDER, 50), award("hist-2", NEIGHBOUR, 8)));
        store.append(unguarded(restock("hist-3", TOY, 10)));
        store.append(unguarded(hold("hist-4", RIDER, 30), holdUnit("hist-5", TOY)));
        store.append(unguarded(release("hist-6", RIDER, 30)));
        store.append(unguarded(redeem("hist-7", RIDER, 12)));

        AccountHistory rider = store.account(RIDER);
        assertEquals(RIDER, rider.account(), "account()");
        assertEquals(List.of("hist-1", "hist-4", "hist-6", "hist-7"), ids(rider.postings()), "the rider's postings");
        assertEquals(List.of(1L, 4L, 6L, 7L), positions(rider.postings()), "the rider's positions");
        assertEquals(4, rider.version(), "the rider's version: 4 postings touched the account");
        assertEquals(50 - 30 + 30 - 12, rider.balance(Posting.POINTS), "the rider's balance of points");
        assertEquals(0, rider.balance(TOY_UNITS), "the rider holds no toys");

        AccountHistory holds = store.account(AccountId.HOLDS);
        assertEquals(List.of("hist-4", "hist-5", "hist-6"), ids(holds.postings()), "postings of system:holds");
        assertEquals(3, holds.version(), "version of system:holds");
        assertEquals(0, holds.balance(Posting.POINTS), "system:holds: 30 points held and released");
        assertEquals(1, holds.balance(TOY_UNITS), "system:holds: one toy held");

        assertEquals(2, store.account(AccountId.ISSUANCE).version(), "version of system:issuance (two awards)");
        assertEquals(2, store.account(AccountId.stock(TOY)).version(), "version of stock:" + TOY + " (restock, hold)");
        assertEquals(9, store.account(AccountId.stock(TOY)).balance(TOY_UNITS), "toys on the shelf");
        assertEquals(1, store.account(NEIGHBOUR).version(), "the neighbour's version");

        AccountHistory unknown = store.account(AccountId.member(ActorId.of("never-earned")));
        assertEquals(AccountId.member(ActorId.of("never-earned")), unknown.account(), "an unknown account's id");
        assertEquals(0, unknown.version(), "an unknown account is at version 0");
        assertEquals(List.of(), unknown.postings(), "an unknown account has no postings");
    }

    /** An empty store finds nothing, lists no balances and has an empty feed. */
    @Test
    public void anEmptyStoreHasNoPostingsNoBalancesAndNoFeed() {
        assertEquals(Optional.empty(), store.find(PostingId.of("p-1")), "find");
        assertEquals(new AccountHistory(RIDER, 0, List.of()), store.account(RIDER), "account");
        assertEquals(Map.of(), store.balances(Posting.POINTS), "balances(points)");
        assertEquals(List.of(), store.readAfter(0, 10), "readAfter(0, 10)");
    }

    /** Callers cannot corrupt the store through a collection it returned. */
    @Test
    public void returnedCollectionsCannotChangeWhatIsStored() {
        List<StoredPosting> appended = store.append(unguarded(award("copy-1", RIDER, 10), award("copy-2", NEIGHBOUR, 3)));
        List<StoredPosting> feed = store.readAfter(0, 10);
        AccountHistory rider = store.account(RIDER);
        Map<AccountId, Long> balances = store.balances(Posting.POINTS);
        tryToClear(appended);
        tryToClear(store.readAfter(0, 10));
        tryToClear(store.account(RIDER).postings());
        try {
            store.balances(Posting.POINTS).clear();
        } catch (UnsupportedOperationException expected) {
            // An immutable map is the best answer.
        }
        assertEquals(feed, store.readAfter(0, 10), "readAfter after clearing returned lists");
        assertEquals(rider, store.account(RIDER), "account after clearing returned lists");
        assertEquals(balances, store.balances(Posting.POINTS), "balances after clearing a returned map");
    }

    // ================================================================== balances and assets

    /** Per asset, the balances of all touched accounts sum to zero; an account back at zero is still listed. */
    @Test
    public void balancesOfAnAssetSumToZeroAndListEveryTouchedAccountOnly() {
        store.append(unguarded(award("bal-1", RIDER, 108), award("bal-2", NEIGHBOUR, 40)));
        store.append(unguarded(hold("bal-3", RIDER, 100)));
        store.append(unguarded(redeem("bal-4", NEIGHBOUR, 40)));
        store.append(unguarded(LedgerFixtures.posting("bal-5", AccountId.HOLDS, AccountId.REDEMPTION, Posting.POINTS,
                100, "redeem", Map.of("reservation", "res-bal-3"))));

        Map<AccountId, Long> points = store.balances(Posting.POINTS);
        Map<AccountId, Long> expected = new HashMap<>();
        expected.put(AccountId.ISSUANCE, -148L);
        expected.put(RIDER, 8L);
        expected.put(NEIGHBOUR, 0L);
        expected.put(AccountId.HOLDS, 0L);
        expected.put(AccountId.REDEMPTION, 140L);
        assertEquals(expected, points, "balances(points): every account a points posting touched, also those back"
                + " at 0 (the neighbour, system:holds), and no other");
        assertEquals(0L, points.values().stream().mapToLong(Long::longValue).sum(), "balances(points) sum");
        for (Map.Entry<AccountId, Long> e : points.entrySet()) {
            assertEquals(e.getValue(), store.account(e.getKey()).balance(Posting.POINTS),
                    "balances(points) versus account(" + e.getKey() + ").balance(points)");
        }
        assertEquals(Map.of(), store.balances(Posting.item("never-stocked")), "balances of an asset never posted");
    }

    /** Points and item units are separate assets, also in an account that holds both. */
    @Test
    public void assetsAreKeptApartEvenInAnAccountHoldingSeveral() {
        store.append(unguarded(award("asset-1", RIDER, 108), restock("asset-2", TOY, 5)));
        store.append(unguarded(hold("asset-3", RIDER, 100), holdUnit("asset-4", TOY)));
        store.append(unguarded(restock("asset-5", "detergent", 30)));

        assertEquals(Map.of(AccountId.ISSUANCE, -108L, RIDER, 8L, AccountId.HOLDS, 100L), store.balances(Posting.POINTS),
                "balances(points)");
        assertEquals(Map.of(AccountId.supply(TOY), -5L, AccountId.stock(TOY), 4L, AccountId.HOLDS, 1L),
                store.balances(TOY_UNITS), "balances(" + TOY_UNITS + ")");
        assertEquals(Map.of(AccountId.supply("detergent"), -30L, AccountId.stock("detergent"), 30L),
                store.balances(Posting.item("detergent")), "balances(item:detergent)");

        AccountHistory holds = store.account(AccountId.HOLDS);
        assertEquals(2, holds.version(), "system:holds was touched by one points and one item posting");
        assertEquals(100, holds.balance(Posting.POINTS), "system:holds' points");
        assertEquals(1, holds.balance(TOY_UNITS), "system:holds' toys");
    }

    // ================================================================== atomicity

    /** One posting id already stored, last in an append of three: nothing of the append is written. */
    @Test
    public void anAppendWithOneDuplicateIdWritesNothing() {
        store.append(unguarded(award("atom-dup-existing", NEIGHBOUR, 5)));
        Snapshot before = snapshot();

        DuplicatePosting duplicate = assertThrows(DuplicatePosting.class, () -> store.append(unguarded(
                award("atom-dup-a", RIDER, 20), restock("atom-dup-b", TOY, 3), award("atom-dup-existing", RIDER, 7))),
                "an append whose third posting reuses a stored id");
        assertEquals("atom-dup-existing", duplicate.postingId(), "DuplicatePosting.postingId");
        assertUnchanged(before, "an append refused for a duplicate id");
        assertEquals(Optional.empty(), store.find(PostingId.of("atom-dup-a")), "the first posting of the refused append");
        assertEquals(Optional.empty(), store.find(PostingId.of("atom-dup-b")), "the second posting of the refused append");

        List<StoredPosting> retried = store.append(unguarded(award("atom-dup-a", RIDER, 20), restock("atom-dup-b", TOY, 3)));
        assertEquals(List.of(2L, 3L), positions(retried), "positions after a refused append: it took none, no gap");
    }

    /** One guarded account no longer at its expected version: nothing of the append is written, not even the unguarded postings. */
    @Test
    public void anAppendWithOneStaleExpectedVersionWritesNothing() {
        store.append(unguarded(award("atom-stale-1", RIDER, 50)));
        store.append(unguarded(award("atom-stale-2", NEIGHBOUR, 50)));
        store.append(unguarded(award("atom-stale-3", NEIGHBOUR, 50)));
        Snapshot before = snapshot();

        ConcurrencyConflict conflict = assertThrows(ConcurrencyConflict.class, () -> store.append(guarded(
                Map.of(RIDER, 1L, NEIGHBOUR, 1L),
                redeem("atom-stale-a", RIDER, 10), award("atom-stale-b", RIDER, 1), redeem("atom-stale-c", NEIGHBOUR, 10))),
                "an append guarding the rider at 1 (right) and the neighbour at 1 (stale: 2)");
        assertEquals(1, conflict.expectedVersion(), "ConcurrencyConflict.expectedVersion");
        assertEquals(2, conflict.actualVersion(), "ConcurrencyConflict.actualVersion");
        assertUnchanged(before, "an append refused for a stale version");
        for (String id : List.of("atom-stale-a", "atom-stale-b", "atom-stale-c")) {
            assertEquals(Optional.empty(), store.find(PostingId.of(id)), id + " of the refused append");
        }
        List<StoredPosting> retried = store.append(guarded(Map.of(RIDER, 1L, NEIGHBOUR, 2L),
                redeem("atom-stale-a", RIDER, 10), award("atom-stale-b", RIDER, 1), redeem("atom-stale-c", NEIGHBOUR, 10)));
        assertEquals(List.of(4L, 5L, 6L), positions(retried), "positions of the retry: the refused append took none");
    }

    // ================================================================== notifications

    /** An accepted append's notifications are in the outbox once, pending, due at their creation, untried. */
    @Test
    public void theNotificationsOfAnAcceptedAppendAreInTheOutboxExactlyOnce() {
        OutboxStore outbox = outbox();
        Notification toRider = pointsAwarded("points-awarded:note-1", TicketFixtures.RIDER, 20);
        Notification toNeighbour = pointsAwarded("points-awarded:note-2", ActorId.of("liu-yang"), 5);
        List<StoredPosting> stored = store.append(unguarded(award("note-1", RIDER, 20), award("note-2", NEIGHBOUR, 5))
                .withNotifications(List.of(toRider, toNeighbour)));
        store.append(unguarded(award("note-3", RIDER, 1)));

        assertEquals(List.of(1L, 2L), positions(stored), "the postings are stored as without notifications");
        assertEquals(2, outbox.pendingCount(), "pendingCount: the two notifications, none for the append without");
        assertEquals(Set.of(new OutboxEntry(toRider, 0, toRider.createdAt(), null),
                new OutboxEntry(toNeighbour, 0, toNeighbour.createdAt(), null)),
                Set.copyOf(outbox.due(FAR_FUTURE, 10)), "due: each once, untried, about no ticket");
        assertEquals(2, outbox.due(FAR_FUTURE, 10).size(), "due: exactly two entries");
        assertEquals(List.of(), outbox.due(toRider.createdAt().minusMillis(1), 10), "not due before their creation");
    }

    /** The notifications of an append refused for a duplicate posting id or a stale version never appear. */
    @Test
    public void theNotificationsOfARefusedAppendNeverAppear() {
        OutboxStore outbox = outbox();
        store.append(unguarded(award("refused-note-1", RIDER, 10)));

        assertThrows(DuplicatePosting.class, () -> store.append(unguarded(award("refused-note-1", RIDER, 10))
                .withNotifications(List.of(pointsAwarded("points-awarded:refused-note-1", TicketFixtures.RIDER, 10)))),
                "a replayed award with its notification");
        assertThrows(ConcurrencyConflict.class, () -> store.append(guarded(Map.of(RIDER, 0L),
                redeem("refused-note-2", RIDER, 5)).withNotifications(
                        List.of(pointsAwarded("points-redeemed:refused-note-2", TicketFixtures.RIDER, 5)))),
                "a redemption under a stale version with its notification");

        assertEquals(0, outbox.pendingCount(), "pendingCount after refused appends");
        assertEquals(List.of(), outbox.due(FAR_FUTURE, 10), "due after refused appends");
    }

    /**
     * A notification id already in the outbox (pending or delivered) refuses the whole append with
     * InvalidInput: no posting, no notification; a new id then goes through.
     */
    @Test
    public void aNotificationIdAlreadyInTheOutboxRefusesTheAppendAndWritesNothing() {
        OutboxStore outbox = outbox();
        Notification first = pointsAwarded("points-awarded:clash", TicketFixtures.RIDER, 10);
        store.append(unguarded(award("clash-1", RIDER, 10)).withNotifications(List.of(first)));
        Snapshot before = snapshot();
        List<OutboxEntry> dueBefore = outbox.due(FAR_FUTURE, 10);

        assertThrows(InvalidInput.class, () -> store.append(unguarded(award("clash-2", RIDER, 7))
                .withNotifications(List.of(pointsAwarded("points-awarded:clash-2", TicketFixtures.RIDER, 7),
                        pointsAwarded("points-awarded:clash", TicketFixtures.RIDER, 7)))),
                "an append whose second notification reuses a pending id");
        assertUnchanged(before, "an append refused for a notification id");
        assertEquals(Optional.empty(), store.find(PostingId.of("clash-2")), "the posting of the refused append");
        assertEquals(dueBefore, outbox.due(FAR_FUTURE, 10), "the outbox after the refused append");

        outbox.markDelivered(first.id(), T0.plusSeconds(2));
        assertThrows(InvalidInput.class, () -> store.append(unguarded(award("clash-3", RIDER, 7))
                .withNotifications(List.of(pointsAwarded("points-awarded:clash", TicketFixtures.RIDER, 7)))),
                "an append reusing a delivered id");
        assertUnchanged(before, "an append refused for a delivered notification id");
        assertEquals(0, outbox.pendingCount(), "nothing pending after the refused appends");

        List<StoredPosting> retried = store.append(unguarded(award("clash-2", RIDER, 7))
                .withNotifications(List.of(pointsAwarded("points-awarded:clash-2", TicketFixtures.RIDER, 7))));
        assertEquals(List.of(2L), positions(retried), "positions after refused appends: they took none");
        assertEquals(List.of("points-awarded:clash-2"),
                outbox.due(FAR_FUTURE, 10).stream().map(e -> e.notification().id()).toList(), "due after the retry");
    }

    // ================================================================== expected versions

    /** A stale expected version is ConcurrencyConflict naming the expected and actual versions; nothing changes. */
    @Test
    public void aStaleExpectedVersionIsRefusedWithBothVersionsNamed() {
        store.append(unguarded(award("stale-1", RIDER, 108)));
        store.append(guarded(Map.of(RIDER, 1L), hold("stale-2", RIDER, 100)));
        Snapshot before = snapshot();

        ConcurrencyConflict conflict = assertThrows(ConcurrencyConflict.class,
                () -> store.append(guarded(Map.of(RIDER, 1L), hold("stale-3", RIDER, 100))),
                "a second hold of 100 decided on the rider's version 1, now at 2");
        assertEquals(1, conflict.expectedVersion(), "ConcurrencyConflict.expectedVersion");
        assertEquals(2, conflict.actualVersion(), "ConcurrencyConflict.actualVersion");
        assertUnchanged(before, "a refused stale append");
    }

    /** An expected version ahead of the account, or above 0 for an account never touched, is refused. */
    @Test
    public void anExpectedVersionAheadOfTheAccountIsRefused() {
        store.append(unguarded(award("ahead-1", RIDER, 10), award("ahead-2", RIDER, 10)));
        Snapshot before = snapshot();

        ConcurrencyConflict ahead = assertThrows(ConcurrencyConflict.class,
                () -> store.append(guarded(Map.of(RIDER, 5L), redeem("ahead-3", RIDER, 1))));
        assertEquals(5, ahead.expectedVersion(), "expectedVersion");
        assertEquals(2, ahead.actualVersion(), "actualVersion");

        ConcurrencyConflict untouched = assertThrows(ConcurrencyConflict.class,
                () -> store.append(guarded(Map.of(NEIGHBOUR, 1L), award("ahead-4", NEIGHBOUR, 1))));
        assertEquals(1, untouched.expectedVersion(), "expectedVersion");
        assertEquals(0, untouched.actualVersion(), "actualVersion of an account never touched");
        assertUnchanged(before, "refused appends");
    }

    /** Expected version 0 means "never touched": it admits the first append and refuses a second. */
    @Test
    public void expectedVersionZeroAdmitsOnlyTheFirstPostingToAnAccount() {
        store.append(guarded(Map.of(RIDER, 0L), award("zero-1", RIDER, 10)));
        ConcurrencyConflict conflict = assertThrows(ConcurrencyConflict.class,
                () -> store.append(guarded(Map.of(RIDER, 0L), award("zero-2", RIDER, 10))));
        assertEquals(0, conflict.expectedVersion(), "expectedVersion");
        assertEquals(1, conflict.actualVersion(), "actualVersion");
        assertEquals(1, store.account(RIDER).version(), "the rider's version");
    }

    /** Guards on several accounts, all current, admit the append; each version moves by the postings touching it. */
    @Test
    public void currentVersionsOnSeveralAccountsAdmitTheAppendAndMoveByThePostingsTouchingEach() {
        store.append(unguarded(award("multi-1", RIDER, 108), restock("multi-2", TOY, 2)));
        AccountId stock = AccountId.stock(TOY);
        List<StoredPosting> reserved = store.append(guarded(Map.of(RIDER, 1L, stock, 1L, AccountId.HOLDS, 0L),
                hold("multi-3", RIDER, 100), holdUnit("multi-4", TOY), redeem("multi-5", RIDER, 8)));
        assertEquals(List.of(3L, 4L, 5L), positions(reserved), "positions of the reservation");
        assertEquals(3, store.account(RIDER).version(), "the rider: 1 + two postings of this append");
        assertEquals(2, store.account(stock).version(), "stock: 1 + one posting of this append");
        assertEquals(2, store.account(AccountId.HOLDS).version(), "system:holds: 0 + two postings of this append");

        store.append(guarded(Map.of(RIDER, 3L, stock, 2L), release("multi-6", RIDER, 100)));
        assertEquals(4, store.account(RIDER).version(), "the rider after a release guarded on it and on stock");
    }

    /** A guard on an account none of the postings touches is checked all the same. */
    @Test
    public void aGuardOnAnAccountThePostingsDoNotTouchIsStillChecked() {
        store.append(unguarded(award("guard-1", RIDER, 10), award("guard-2", NEIGHBOUR, 10)));
        Snapshot before = snapshot();
        ConcurrencyConflict conflict = assertThrows(ConcurrencyConflict.class,
                () -> store.append(guarded(Map.of(NEIGHBOUR, 0L), redeem("guard-3", RIDER, 5))),
                "a redemption by the rider guarded on the neighbour's stale version");
        assertEquals(0, conflict.expectedVersion(), "expectedVersion");
        assertEquals(1, conflict.actualVersion(), "actualVersion");
        assertUnchanged(before, "a refused append guarded on an untouched account");
        store.append(guarded(Map.of(NEIGHBOUR, 1L), redeem("guard-3", RIDER, 5)));
        assertEquals(1, store.account(NEIGHBOUR).version(), "the guard alone does not touch the neighbour");
    }

    // ================================================================== posting ids

    /**
     * A stored id is DuplicatePosting even when the new posting equals the stored one: the store
     * does no idempotency (the points module compares with find). The original stays.
     */
    @Test
    public void aStoredPostingIdIsDuplicatePostingEvenWithEqualContent() {
        Posting original = award("dup-award-t-1", RIDER, 20);
        store.append(unguarded(original));
        Snapshot before = snapshot();

        DuplicatePosting same = assertThrows(DuplicatePosting.class, () -> store.append(unguarded(original)),
                "the very same posting again");
        assertEquals("dup-award-t-1", same.postingId(), "DuplicatePosting.postingId");
        DuplicatePosting other = assertThrows(DuplicatePosting.class,
                () -> store.append(unguarded(award("dup-award-t-1", RIDER, 200))), "the same id with another amount");
        assertEquals("dup-award-t-1", other.postingId(), "DuplicatePosting.postingId");
        assertThrows(DuplicatePosting.class,
                () -> store.append(guarded(Map.of(NEIGHBOUR, 0L), award("dup-award-t-1", NEIGHBOUR, 20))),
                "the same id for another account, under a current guard");
        assertUnchanged(before, "refused duplicate postings");
        assertEquals(Optional.of(new StoredPosting(1, original)), store.find(original.id()), "the original stays");
    }

    /**
     * When an append both reuses a stored id and carries a stale version, DuplicatePosting wins:
     * a retry whose first attempt was stored (the guarded account moved on because of it) learns
     * that its posting is there instead of reloading and retrying in vain.
     */
    @Test
    public void aStoredIdIsReportedBeforeAStaleVersion() {
        LedgerAppend redemption = guarded(Map.of(RIDER, 1L), redeem("dup-first-redeem", RIDER, 15));
        store.append(unguarded(award("dup-first-award", RIDER, 20)));
        store.append(redemption);
        Snapshot before = snapshot();
        DuplicatePosting retry = assertThrows(DuplicatePosting.class, () -> store.append(redemption),
                "the same guarded append again (its guard is now stale because of itself)");
        assertEquals("dup-first-redeem", retry.postingId(), "DuplicatePosting.postingId");
        assertUnchanged(before, "a refused retry");
    }

    // ================================================================== readAfter

    /** Pages of any size visit every posting once, in position order; a page may start anywhere. */
    @Test
    public void readAfterPagesThroughEveryPostingInPositionOrder() {
        List<StoredPosting> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<Posting> batch = new ArrayList<>();
            for (int k = 0; k <= i; k++) {
                batch.add(award("page-" + i + "-" + k, k % 2 == 0 ? RIDER : NEIGHBOUR, 1 + k));
            }
            all.addAll(store.append(LedgerAppend.unguarded(batch)));
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), positions(all), "positions of 10 postings");

        assertEquals(all, readLedger(100), "one page of 100");
        assertEquals(all, readLedger(3), "pages of 3");
        assertEquals(all, readLedger(1), "pages of 1");
        assertEquals(all.subList(0, 3), store.readAfter(0, 3), "readAfter(0, 3)");
        assertEquals(all.subList(4, 9), store.readAfter(4, 5), "readAfter(4, 5)");
        assertEquals(all.subList(7, 10), store.readAfter(7, 50), "readAfter(7, 50): the rest");
        assertEquals(List.of(), store.readAfter(10, 10), "readAfter the last position");
        assertEquals(List.of(), store.readAfter(1_000, 10), "readAfter beyond the last position");
    }

    // ================================================================== bad arguments

    /** A null append, a null id, account or asset, a negative position or a limit below 1 are InvalidInput. */
    @Test
    public void badArgumentsAreInvalidInputAndChangeNothing() {
        store.append(unguarded(award("bad-1", RIDER, 10)));
        Snapshot before = snapshot();
        assertThrows(InvalidInput.class, () -> store.append(null), "append(null)");
        assertThrows(InvalidInput.class, () -> store.readAfter(-1, 10), "readAfter(-1, 10)");
        assertThrows(InvalidInput.class, () -> store.readAfter(0, 0), "readAfter(0, 0)");
        assertThrows(InvalidInput.class, () -> store.readAfter(0, -5), "readAfter(0, -5)");
        assertThrows(InvalidInput.class, () -> store.find(null), "find(null)");
        assertThrows(InvalidInput.class, () -> store.account(null), "account(null)");
        assertThrows(InvalidInput.class, () -> store.balances(null), "balances(null)");
        assertUnchanged(before, "refused arguments");
    }

    // ================================================================== concurrency

    /**
     * 20 rounds: in each, 16 threads hold points of the rider, all guarded on the version read
     * once before the round. Exactly one wins per round, the others get ConcurrencyConflict, and
     * the winners' postings are all there at gap-free positions.
     */
    @Test
    public void exactlyOneOfSixteenGuardedAppendsFromTheSameVersionWinsEveryRound() {
        int rounds = 20;
        store.append(unguarded(award("race-award", RIDER, 1_000)));
        List<String> winners = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            int round = r;
            long version = store.account(RIDER).version();
            assertEquals(1L + round, version, "the rider's version before round " + round);
            List<Outcome<StoredPosting>> outcomes = Parallel.run(THREADS, TIMEOUT, w -> store.append(
                    guarded(Map.of(RIDER, version), hold(raceId(round, w), RIDER, 1 + w))).get(0));
            List<Integer> won = new ArrayList<>();
            for (int w = 0; w < THREADS; w++) {
                Outcome<StoredPosting> o = outcomes.get(w);
                if (o.failure() == null) {
                    won.add(w);
                    assertEquals(hold(raceId(round, w), RIDER, 1 + w), o.value().posting(),
                            "round " + round + ", writer " + w + ": the returned posting");
                } else if (o.failure() instanceof ConcurrencyConflict c) {
                    assertEquals(version, c.expectedVersion(), "round " + round + ", writer " + w + ": expectedVersion");
                    assertEquals(version + 1, c.actualVersion(), "round " + round + ", writer " + w + ": actualVersion");
                } else {
                    throw new AssertionError("round " + round + ", writer " + w
                            + ": a losing append must throw ConcurrencyConflict", o.failure());
                }
            }
            assertEquals(1, won.size(), "round " + round + ": exactly one of " + THREADS
                    + " appends guarded at version " + version + " must succeed; succeeded: " + won);
            winners.add(raceId(round, won.get(0)));
            for (int w = 0; w < THREADS; w++) {
                assertEquals(w == won.get(0), store.find(PostingId.of(raceId(round, w))).isPresent(),
                        "round " + round + ": is writer " + w + "'s posting stored?");
            }
        }

        List<String> expectedIds = new ArrayList<>(List.of("race-award"));
        expectedIds.addAll(winners);
        AccountHistory rider = store.account(RIDER);
        assertEquals(expectedIds, ids(rider.postings()), "the rider's postings: the award, then each round's winner");
        assertEquals(1L + rounds, rider.version(), "the rider's version");
        List<StoredPosting> ledger = readLedger(100);
        assertEquals(expectedIds, ids(ledger), "readAfter(0, …)");
        assertGapFree(ledger, "positions after " + rounds + " rounds");
        assertEquals(rider.postings(), ledger, "account(rider) versus readAfter");
        assertEquals(0L, store.balances(Posting.POINTS).values().stream().mapToLong(Long::longValue).sum(),
                "balances(points) sum");
    }

    /** 16 threads × 20 unguarded appends of one or two postings: all land once, positions 1..n, each append's in a row. */
    @Test
    public void sixteenThreadsAppendingUnguardedLoseNothingAndLeaveNoGap() {
        int steps = 20;
        List<Outcome<List<List<StoredPosting>>>> outcomes = Parallel.run(THREADS, TIMEOUT, w -> {
            AccountId member = member(w);
            List<List<StoredPosting>> mine = new ArrayList<>();
            for (int s = 0; s < steps; s++) {
                LedgerAppend append = s % 2 == 0
                        ? unguarded(award(flowId(w, s, "a"), member, 10))
                        : unguarded(award(flowId(w, s, "a"), member, 10), hold(flowId(w, s, "h"), member, 3));
                mine.add(store.append(append));
            }
            return mine;
        });
        Parallel.rethrowFailures(outcomes, "writer");

        int total = THREADS * (steps + steps / 2);
        List<StoredPosting> ledger = readLedger(64);
        assertEquals(total, ledger.size(), "postings in readAfter(0, …)");
        assertGapFree(ledger, "positions after concurrent unguarded appends");
        Map<Long, StoredPosting> byPosition = new HashMap<>();
        ledger.forEach(p -> byPosition.put(p.position(), p));
        Map<String, Integer> seen = new TreeMap<>();
        ledger.forEach(p -> seen.merge(p.posting().id().value(), 1, Integer::sum));
        assertEquals(total, seen.size(), "distinct posting ids in the ledger (none lost, none twice)");

        for (int w = 0; w < THREADS; w++) {
            long lastPosition = 0;
            for (List<StoredPosting> returned : outcomes.get(w).value()) {
                long first = returned.get(0).position();
                assertTrue(first > lastPosition, "writer " + w + ": an append's positions follow its previous append's");
                for (int i = 0; i < returned.size(); i++) {
                    StoredPosting p = returned.get(i);
                    assertEquals(first + i, p.position(), "writer " + w + ": the postings of one append take"
                            + " consecutive positions: " + positions(returned));
                    assertEquals(p, byPosition.get(p.position()), "what append() returned versus readAfter at "
                            + p.position());
                    assertEquals(Optional.of(p), store.find(p.posting().id()), "find(" + p.posting().id() + ")");
                }
                lastPosition = returned.get(returned.size() - 1).position();
            }
            AccountHistory history = store.account(member(w));
            assertEquals(steps + steps / 2, history.version(), "version of " + member(w));
            assertEquals(steps * 10L - (steps / 2) * 3L, history.balance(Posting.POINTS), "balance of " + member(w));
        }
        assertEquals(THREADS * steps, store.account(AccountId.ISSUANCE).version(),
                "version of system:issuance, touched by every award of every thread");
        assertEquals(THREADS * (steps / 2), store.account(AccountId.HOLDS).version(), "version of system:holds");
        Map<AccountId, Long> balances = store.balances(Posting.POINTS);
        assertEquals(THREADS + 2, balances.size(), "accounts holding points: 16 members, issuance and holds");
        assertEquals(0L, balances.values().stream().mapToLong(Long::longValue).sum(), "balances(points) sum");
    }

    /** A reader resuming from the last position it saw, while 8 threads append, sees every posting once and no gap. */
    @Test
    public void aReaderFollowingTheLedgerDuringConcurrentAppendsSeesEveryPostingOnce() {
        int writers = 8;
        int appends = 15;
        AtomicInteger writersDone = new AtomicInteger();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<Outcome<List<StoredPosting>>> outcomes = Parallel.run(writers + 1, TIMEOUT, w -> {
            if (w == writers) {
                List<StoredPosting> seen = new ArrayList<>();
                long last = 0;
                while (System.nanoTime() < deadline) {
                    boolean allWritten = writersDone.get() == writers;
                    List<StoredPosting> batch = store.readAfter(last, 7);
                    for (StoredPosting p : batch) {
                        if (p.position() != last + 1) {
                            throw new AssertionError("readAfter(" + last + ", 7) returned position " + p.position()
                                    + " (" + p.posting().id() + "): the next position must be " + (last + 1)
                                    + "; a posting committed late was skipped or positions have gaps");
                        }
                        last = p.position();
                        seen.add(p);
                    }
                    if (batch.isEmpty()) {
                        if (allWritten) {
                            return seen;
                        }
                        LockSupport.parkNanos(100_000);
                    }
                }
                throw new AssertionError("reader did not catch up within " + TIMEOUT);
            }
            try {
                for (int a = 0; a < appends; a++) {
                    store.append(a % 3 == 0
                            ? unguarded(award(flowId(w, a, "a"), member(w), 5))
                            : unguarded(award(flowId(w, a, "a"), member(w), 5), hold(flowId(w, a, "h"), member(w), 1)));
                }
                return List.of();
            } finally {
                // Counted even when this writer failed, so the reader stops and the failure is reported.
                writersDone.incrementAndGet();
            }
        });
        Parallel.rethrowFailures(outcomes, "thread");

        Map<String, Integer> count = new TreeMap<>();
        outcomes.get(writers).value().forEach(p -> count.merge(p.posting().id().value(), 1, Integer::sum));
        Map<String, Integer> expected = new TreeMap<>();
        for (int w = 0; w < writers; w++) {
            for (int a = 0; a < appends; a++) {
                expected.put(flowId(w, a, "a"), 1);
                if (a % 3 != 0) {
                    expected.put(flowId(w, a, "h"), 1);
                }
            }
        }
        assertEquals(expected, count, "postings the following reader saw (each exactly once)");
    }

    // ================================================================== helpers

    private static String raceId(int round, int writer) {
        return "race-r" + round + "-w" + writer;
    }

    private static String flowId(int writer, int step, String what) {
        return "flow-w" + writer + "-s" + step + "-" + what;
    }

    private static AccountId member(int writer) {
        return AccountId.member(ActorId.of("rider-" + writer));
    }

    private static List<String> ids(List<StoredPosting> postings) {
        return postings.stream().map(p -> p.posting().id().value()).toList();
    }

    private static List<Long> positions(List<StoredPosting> postings) {
        return postings.stream().map(StoredPosting::position).toList();
    }

    private static void assertGapFree(List<StoredPosting> ledger, String what) {
        for (int i = 0; i < ledger.size(); i++) {
            if (ledger.get(i).position() != i + 1L) {
                fail(what + ": position " + (i + 1) + " expected at index " + i + ", found " + ledger.get(i).position()
                        + " (" + ledger.get(i).posting().id() + "); positions are 1, 2, 3, … without gaps");
            }
        }
    }

    /** The whole ledger, read {@code pageSize} at a time as a projection would, checking order as it goes. */
    private List<StoredPosting> readLedger(int pageSize) {
        List<StoredPosting> all = new ArrayList<>();
        long last = 0;
        while (true) {
            long from = last;
            List<StoredPosting> page = store.readAfter(from, pageSize);
            assertTrue(page.size() <= pageSize, "readAfter(" + from + ", " + pageSize + ") returned " + page.size());
            if (page.isEmpty()) {
                return all;
            }
            for (StoredPosting p : page) {
                if (p.position() <= last) {
                    fail("readAfter(" + from + ", " + pageSize + ") returned position " + p.position() + " ("
                            + p.posting().id() + ") after position " + last + ": positions must strictly increase");
                }
                last = p.position();
                all.add(p);
            }
        }
    }

    private static void tryToClear(List<?> list) {
        try {
            list.clear();
        } catch (UnsupportedOperationException expected) {
            // An immutable list is the best answer.
        }
    }

    /** What a refused call must leave untouched, as seen through every read of the SPI. */
    private record Snapshot(
            List<StoredPosting> ledger,
            Map<AccountId, AccountHistory> accounts,
            Map<String, Map<AccountId, Long>> balances) {}

    private Snapshot snapshot() {
        List<StoredPosting> ledger = readLedger(100);
        Map<AccountId, AccountHistory> accounts = new TreeMap<>();
        Set<String> assets = new TreeSet<>(List.of(Posting.POINTS, TOY_UNITS));
        for (AccountId a : List.of(RIDER, NEIGHBOUR, AccountId.ISSUANCE, AccountId.HOLDS, AccountId.REDEMPTION,
                AccountId.stock(TOY), AccountId.supply(TOY))) {
            accounts.put(a, store.account(a));
        }
        for (StoredPosting p : ledger) {
            accounts.put(p.posting().debit(), store.account(p.posting().debit()));
            accounts.put(p.posting().credit(), store.account(p.posting().credit()));
            assets.add(p.posting().asset());
        }
        Map<String, Map<AccountId, Long>> balances = new LinkedHashMap<>();
        assets.forEach(asset -> balances.put(asset, store.balances(asset)));
        return new Snapshot(ledger, accounts, balances);
    }

    private void assertUnchanged(Snapshot before, String cause) {
        Snapshot after = snapshot();
        assertEquals(before.ledger(), after.ledger(), "readAfter() changed after " + cause);
        assertEquals(before.accounts(), after.accounts(), "account() changed after " + cause);
        assertEquals(before.balances(), after.balances(), "balances() changed after " + cause);
    }
}
