package dev.civicloop.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.DuplicatePosting;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.catalogue.CatalogueItem;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.store.memory.InMemoryLedgerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PointsSupermarketTest {
    static final ActorId RIDER = ActorId.of("rider-wang");
    static final ActorId RESIDENT = ActorId.of("resident-li");

    final InMemoryLedgerStore store = new InMemoryLedgerStore();
    final LedgerClock clock = new LedgerClock();
    final PointsLedger ledger = PointsLedger.builder(store).clock(clock).build();
    final PointsSupermarket market = PointsSupermarket.builder(ledger).holdTime(Duration.ofDays(3)).build();

    @BeforeEach
    void stockTheShelves() {
        market.putItem(CatalogueItem.of("toy-car", "玩具车", "Toy car", 100).withPerMemberLimit(1)
                .withPickupPlace("远航社区服务站"));
        market.putItem(CatalogueItem.of("detergent", "洗衣液", "Detergent", 20).withPerMemberLimit(3));
        market.restock("toy-car", 2, PostingId.of("restock:toy-car:1"));
        market.restock("detergent", 10, PostingId.of("restock:detergent:1"));
    }

    void award(ActorId m, long points, String id) {
        ledger.award(m, points, PostingId.of(id), Map.of("rule", "test"));
    }

    PointsRefused refused(Runnable r) {
        return assertThrows(PointsRefused.class, r::run);
    }

    void assertBooksBalance() {
        for (String asset : List.of(Posting.POINTS, Posting.item("toy-car"), Posting.item("detergent"))) {
            Map<AccountId, Long> b = store.balances(asset);
            assertEquals(0, b.values().stream().mapToLong(Long::longValue).sum(), asset + " " + b);
            b.forEach((a, v) -> assertTrue(!a.nonNegative() || v >= 0, a + " is " + v));
        }
    }

    @Test
    void rider_with_108_points_redeems_a_toy_then_a_second_redemption_beyond_the_balance_is_refused() {
        award(RIDER, 60, "volunteer:E-1");
        award(RIDER, 48, "reports:T-1");
        Reservation r = market.reserve("order-1", RIDER, "toy-car");
        assertEquals(Reservation.State.RESERVED, r.state());
        assertEquals(8, ledger.balance(RIDER));
        assertEquals(1, market.stock("toy-car"));
        assertEquals(100, store.balances(Posting.POINTS).get(AccountId.HOLDS));
        Reservation done = market.fulfil("order-1");
        assertEquals(Reservation.State.FULFILLED, done.state());
        assertEquals(100, store.balances(Posting.POINTS).get(AccountId.REDEMPTION));
        assertEquals(0, store.balances(Posting.POINTS).get(AccountId.HOLDS));
        assertEquals(-1, store.balances(Posting.item("toy-car")).get(AccountId.supply("toy-car")), "2 restocked, 1 handed over");
        PointsRefused e = refused(() -> market.reserve("order-2", RIDER, "detergent"));
        assertEquals(PointsRefused.Reason.NOT_ENOUGH_POINTS, e.reason());
        assertEquals("points", e.field());
        assertEquals(8, ledger.balance(RIDER));
        assertEquals(10, market.stock("detergent"));
        assertBooksBalance();
    }

    @Test
    void reserving_twice_with_one_id_returns_the_same_reservation_and_holds_once() {
        award(RIDER, 100, "a1");
        Reservation first = market.reserve("order-1", RIDER, "detergent");
        assertEquals(first, market.reserve("order-1", RIDER, "detergent"));
        assertEquals(80, ledger.balance(RIDER));
        assertEquals(9, market.stock("detergent"));
        assertThrows(DuplicatePosting.class, () -> market.reserve("order-1", RESIDENT, "detergent"));
        assertThrows(DuplicatePosting.class, () -> market.reserve("order-1", RIDER, "toy-car"));
    }

    @Test
    void cancel_releases_points_and_unit_and_is_idempotent_but_a_fulfilled_reservation_cannot_be_cancelled() {
        award(RIDER, 100, "a1");
        market.reserve("order-1", RIDER, "detergent");
        Reservation c = market.cancel("order-1");
        assertEquals(Reservation.State.CANCELLED, c.state());
        assertEquals(c, market.cancel("order-1"));
        assertEquals(100, ledger.balance(RIDER));
        assertEquals(10, market.stock("detergent"));
        assertEquals(PointsRefused.Reason.RESERVATION_RELEASED, refused(() -> market.fulfil("order-1")).reason());

        market.reserve("order-2", RIDER, "detergent");
        Reservation f = market.fulfil("order-2");
        assertEquals(f, market.fulfil("order-2"), "fulfil is idempotent");
        PointsRefused e = refused(() -> market.cancel("order-2"));
        assertEquals(PointsRefused.Reason.ALREADY_FULFILLED, e.reason());
        assertEquals(80, ledger.balance(RIDER));
        assertEquals(9, market.stock("detergent"));
        assertThrows(NotFound.class, () -> market.fulfil("order-none"));
        assertBooksBalance();
    }

    @Test
    void holds_expire_after_the_hold_time_and_release_both_points_and_unit() {
        award(RIDER, 100, "a1");
        award(RESIDENT, 100, "a2");
        market.reserve("order-1", RIDER, "detergent");
        clock.advance(Duration.ofDays(1));
        market.reserve("order-2", RESIDENT, "detergent");
        assertEquals(2, market.openReservations().size());
        clock.advance(Duration.ofDays(2));
        List<Reservation> expired = market.expireHolds();
        assertEquals(List.of("order-1"), expired.stream().map(Reservation::id).toList());
        assertEquals(Reservation.State.EXPIRED, market.reservation("order-1").orElseThrow().state());
        assertEquals(List.of(), market.expireHolds(), "expiring holds again releases nothing");
        assertEquals(100, ledger.balance(RIDER));
        assertEquals(9, market.stock("detergent"));
        assertEquals(List.of("order-2"), market.openReservations().stream().map(Reservation::id).toList());
        assertEquals(PointsRefused.Reason.RESERVATION_RELEASED, refused(() -> market.fulfil("order-1")).reason());
        clock.advance(Duration.ofDays(1));
        assertEquals(PointsRefused.Reason.HOLD_EXPIRED, refused(() -> market.fulfil("order-2")).reason());
        assertEquals(Reservation.State.EXPIRED, market.cancel("order-1").state(), "cancelling an expired hold returns it");
        assertBooksBalance();
    }

    @Test
    void the_per_member_limit_counts_held_and_fulfilled_units_not_cancelled_ones() {
        award(RIDER, 1000, "a1");
        market.reserve("o1", RIDER, "detergent");
        market.reserve("o2", RIDER, "detergent");
        market.fulfil("o2");
        market.reserve("o3", RIDER, "detergent");
        PointsRefused e = refused(() -> market.reserve("o4", RIDER, "detergent"));
        assertEquals(PointsRefused.Reason.LIMIT_REACHED, e.reason());
        assertEquals("perMemberLimit", e.field());
        market.cancel("o1");
        assertEquals(Reservation.State.RESERVED, market.reserve("o4", RIDER, "detergent").state());
        assertEquals(List.of("o1", "o2", "o3", "o4"), market.reservations(RIDER).stream().map(Reservation::id).toList());
        assertEquals(List.of(Reservation.State.CANCELLED, Reservation.State.FULFILLED, Reservation.State.RESERVED,
                Reservation.State.RESERVED), market.reservations(RIDER).stream().map(Reservation::state).toList());
    }

    @Test
    void out_of_stock_and_inactive_items_are_refused_with_their_reason() {
        award(RIDER, 1000, "a1");
        award(RESIDENT, 1000, "a2");
        ActorId third = ActorId.of("driver-zhao");
        award(third, 1000, "a3");
        market.reserve("o1", RIDER, "toy-car");
        market.reserve("o2", RESIDENT, "toy-car");
        PointsRefused e = refused(() -> market.reserve("o3", third, "toy-car"));
        assertEquals(PointsRefused.Reason.OUT_OF_STOCK, e.reason());
        assertEquals("stock", e.field());
        assertEquals(0, market.stock("toy-car"));

        Instant from = clock.instant().plus(Duration.ofDays(1));
        market.putItem(CatalogueItem.of("book", "童书", "Picture book", 10).withActiveWindow(from, from.plus(Duration.ofDays(7))));
        market.restock("book", 5, PostingId.of("restock:book"));
        PointsRefused early = refused(() -> market.reserve("o4", RIDER, "book"));
        assertEquals(PointsRefused.Reason.ITEM_NOT_ACTIVE, early.reason());
        assertEquals("activeFrom", early.field());
        clock.advance(Duration.ofDays(2));
        market.reserve("o4", RIDER, "book");
        clock.advance(Duration.ofDays(7));
        assertEquals("activeUntil", refused(() -> market.reserve("o5", RIDER, "book")).field());
        assertThrows(NotFound.class, () -> market.reserve("o6", RIDER, "bicycle"));
    }

    @Test
    void locked_points_cannot_be_spent_in_the_supermarket() {
        PointsLedger locked = PointsLedger.builder(store).clock(clock).lockPeriod(Duration.ofDays(1)).build();
        PointsSupermarket m = PointsSupermarket.builder(locked).build();
        m.putItem(CatalogueItem.of("detergent", "洗衣液", "Detergent", 20));
        locked.award(RIDER, 30, PostingId.of("new"), Map.of());
        assertEquals(PointsRefused.Reason.NOT_ENOUGH_POINTS, refused(() -> m.reserve("o1", RIDER, "detergent")).reason());
        clock.advance(Duration.ofDays(1));
        assertEquals(Reservation.State.RESERVED, m.reserve("o1", RIDER, "detergent").state());
    }

    @Test
    void restocking_is_idempotent_by_id() {
        market.restock("detergent", 5, PostingId.of("restock:detergent:2"));
        market.restock("detergent", 5, PostingId.of("restock:detergent:2"));
        assertEquals(15, market.stock("detergent"));
        assertThrows(DuplicatePosting.class, () -> market.restock("detergent", 6, PostingId.of("restock:detergent:2")));
        assertEquals("units", assertThrows(InvalidInput.class,
                () -> market.restock("detergent", 0, PostingId.of("r0"))).field());
        assertThrows(NotFound.class, () -> market.restock("bicycle", 1, PostingId.of("r1")));
    }

    @Test
    void catalogue_items_are_validated_and_the_error_names_the_field() {
        CatalogueItem ok = CatalogueItem.of("toy-car", "玩具车", "Toy car", 100);
        assertEquals("code", assertThrows(InvalidInput.class, () -> CatalogueItem.of("toy car", "玩具车", "Toy car", 1)).field());
        assertEquals("nameZh", assertThrows(InvalidInput.class, () -> CatalogueItem.of("t", " ", "Toy", 1)).field());
        assertEquals("nameEn", assertThrows(InvalidInput.class, () -> CatalogueItem.of("t", "玩具", null, 1)).field());
        assertEquals("cost", assertThrows(InvalidInput.class, () -> ok.withCost(0)).field());
        assertEquals("perMemberLimit", assertThrows(InvalidInput.class, () -> ok.withPerMemberLimit(0)).field());
        assertEquals("activeFrom", assertThrows(InvalidInput.class, () -> ok.withActiveWindow(null, null)).field());
        assertEquals("activeUntil", assertThrows(InvalidInput.class,
                () -> ok.withActiveWindow(Instant.EPOCH, Instant.EPOCH)).field());
        assertEquals("pickupPlace", assertThrows(InvalidInput.class, () -> ok.withPickupPlace("")).field());
        assertEquals("reservationId", assertThrows(InvalidInput.class, () -> market.reserve("a b", RIDER, "toy-car")).field());
        assertTrue(assertThrows(InvalidConfiguration.class,
                () -> PointsSupermarket.builder(ledger).holdTime(Duration.ZERO)).getMessage().contains("holdTime"));
        assertNull(ok.activeUntil());
        assertEquals(List.of("detergent", "toy-car"), market.catalogue().stream().map(CatalogueItem::code).toList());
    }
}
