package dev.civicloop.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.catalogue.CatalogueEntry;
import dev.civicloop.spi.catalogue.CatalogueItem;
import dev.civicloop.spi.catalogue.CatalogueStore;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.store.memory.InMemoryLedgerStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The supermarket's catalogue: kept in a CatalogueStore, edited under versions, retired rather than deleted. */
class CatalogueTest {
    static final ActorId RIDER = ActorId.of("rider-wang");
    static final CatalogueItem TOY = CatalogueItem.of("toy-excavator", "儿童玩具挖掘机", "Toy excavator", 100)
            .withPerMemberLimit(1).withPickupPlace("远航社区党群服务站");
    static final CatalogueItem BOOK = CatalogueItem.of("picture-book", "绘本", "Picture book", 20);

    final LedgerClock clock = new LedgerClock();
    final PointsLedger ledger = PointsLedger.builder(new InMemoryLedgerStore()).clock(clock).build();

    /**
     * The campaign is over and staff retire the toy: the rider's open reservation is still handed
     * over, but no one can reserve or restock it any more; its names stay for the rider's history,
     * and the catalogue no longer lists it.
     */
    @Test
    void aRetiredToyIsStillHandedOverToTheRiderWhoReservedItButCannotBeReservedOrRestocked() {
        PointsSupermarket market = PointsSupermarket.builder(ledger).build();
        market.putItem(TOY);
        market.putItem(BOOK);
        market.restock(TOY.code(), 3, PostingId.of("restock:toy:1"));
        ledger.award(RIDER, 108, PostingId.of("award:1"), Map.of("rule", "snap-report"));
        Reservation open = market.reserve("order-1", RIDER, TOY.code());

        CatalogueEntry retired = market.retireItem(TOY.code(), 1);
        assertEquals(new CatalogueEntry(TOY, 2, clock.instant()), retired, "retired now, at version 2");
        assertEquals(List.of(BOOK), market.catalogue(), "the catalogue lists only what is on offer");
        assertEquals(Optional.of(TOY), market.item(TOY.code()), "the toy's names stay for the rider's history");

        assertEquals(Reservation.State.FULFILLED, market.fulfil(open.id()).state(), "the open reservation is handed over");
        PointsRefused reserve = assertThrows(PointsRefused.class, () -> market.reserve("order-2", RIDER, TOY.code()));
        assertEquals(PointsRefused.Reason.ITEM_NOT_ACTIVE, reserve.reason(), "reserving a retired item");
        assertEquals("retiredAt", reserve.field(), "the refusal names the retirement");
        assertEquals(PointsRefused.Reason.ITEM_NOT_ACTIVE, assertThrows(PointsRefused.class,
                () -> market.restock(TOY.code(), 1, PostingId.of("restock:toy:2"))).reason(), "restocking a retired item");
        assertEquals(2, market.stock(TOY.code()), "stock: 3 restocked, 1 handed over, none added");
        assertEquals(retired, market.retireItem(TOY.code(), 2), "retiring it again returns it unchanged");
        assertThrows(NotFound.class, () -> market.retireItem("never-listed", 0), "retiring an unknown item");
        assertEquals("expectedVersion", assertThrows(InvalidInput.class, () -> market.retireItem("never-listed", -1),
                "a negative version is bad input, whatever the code").field());
        assertEquals("expectedVersion", assertThrows(InvalidInput.class, () -> market.retireItem(TOY.code(), -1),
                "a negative version of a retired item").field());
    }

    /** Two staff edit the toy from what they both saw: the second edit is ConcurrencyConflict and changes nothing. */
    @Test
    void aStaleEditIsConcurrencyConflictAndChangesNothing() {
        PointsSupermarket market = PointsSupermarket.builder(ledger).build();
        market.putItem(TOY);
        long seen = market.entry(TOY.code()).orElseThrow().version();
        market.putItem(TOY.withCost(120), seen);
        ConcurrencyConflict c = assertThrows(ConcurrencyConflict.class, () -> market.putItem(TOY.withPerMemberLimit(2), seen));
        assertEquals(1, c.expectedVersion(), "expectedVersion");
        assertEquals(2, c.actualVersion(), "actualVersion");
        assertEquals(Optional.of(new CatalogueEntry(TOY.withCost(120), 2, null)), market.entry(TOY.code()), "the first edit stands");
        assertThrows(ConcurrencyConflict.class, () -> market.putItem(BOOK, 1), "editing an item never listed");
        assertFalse(market.item(BOOK.code()).isPresent(), "which is not created");
    }

    /** putItem without a version replaces whatever is there (loading a city pack) and puts a retired item back on offer. */
    @Test
    void putItemWithoutAVersionReplacesWhateverIsThereAndPutsARetiredItemBackOnOffer() {
        PointsSupermarket market = PointsSupermarket.builder(ledger).build();
        market.putItem(BOOK);
        market.retireItem(BOOK.code(), 1);
        assertEquals(List.of(), market.catalogue(), "retired");
        assertEquals(BOOK.withCost(25), market.putItem(BOOK.withCost(25)), "put again, without a version");
        assertEquals(Optional.of(new CatalogueEntry(BOOK.withCost(25), 3, null)), market.entry(BOOK.code()), "on offer, version 3");
        assertEquals(List.of(BOOK.withCost(25)), market.catalogue(), "listed again");
    }

    /** Two supermarkets (two nodes) on one store read through it: what one lists the other can reserve at once. */
    @Test
    void supermarketsSharingOneCatalogueStoreReadThroughIt() {
        CatalogueStore shared = CatalogueStore.inMemory();
        PointsSupermarket nodeA = PointsSupermarket.builder(ledger).catalogue(shared).build();
        PointsSupermarket nodeB = PointsSupermarket.builder(ledger).catalogue(shared).holdTime(Duration.ofDays(1)).build();
        nodeA.putItem(TOY);
        nodeA.restock(TOY.code(), 1, PostingId.of("restock:toy:1"));
        ledger.award(RIDER, 108, PostingId.of("award:1"), Map.of("rule", "snap-report"));
        assertEquals(List.of(TOY), nodeB.catalogue(), "node B lists node A's toy");
        assertEquals(100, nodeB.reserve("order-1", RIDER, TOY.code()).points(), "node B reserves it");
        nodeB.putItem(TOY.withCost(90), 1);
        assertEquals(Optional.of(TOY.withCost(90)), nodeA.item(TOY.code()), "node A sees node B's edit");
        assertTrue(shared.find(TOY.code()).isPresent(), "the item lives in the store, not in the supermarket");
    }

    @Test
    void aNullCatalogueStoreIsAConfigurationError() {
        InvalidConfiguration e = assertThrows(InvalidConfiguration.class,
                () -> PointsSupermarket.builder(ledger).catalogue(null));
        assertTrue(e.getMessage().contains("catalogue"), e.getMessage());
    }
}
