package dev.civicloop.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.points.PointsLedger;
import dev.civicloop.points.PointsRefused;
import dev.civicloop.points.PointsSupermarket;
import dev.civicloop.points.Reservation;
import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.catalogue.CatalogueEntry;
import dev.civicloop.spi.catalogue.CatalogueItem;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.model.ActorId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The points supermarket on the JDBC catalogue and ledger: across a restart, across two nodes, and against bad input. */
class JdbcCatalogueStoreTest {
    private static final ActorId RIDER = ActorId.of("rider-wang");
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T09:15:00Z"), ZoneOffset.UTC);

    /** Seed 001: the toy a rider redeemed with 108 points. */
    private static final CatalogueItem TOY = CatalogueItem.of("toy-excavator", "儿童玩具挖掘机", "Toy excavator", 100)
            .withPerMemberLimit(1).withPickupPlace("远航社区党群服务站");
    /** Books, offered for a window whose ends carry nanoseconds. */
    private static final CatalogueItem BOOK = CatalogueItem.of("picture-book", "绘本", "Picture book", 20)
            .withActiveWindow(Instant.parse("2026-11-01T00:00:00.000000001Z"), Instant.parse("2026-12-01T00:00:00.5Z"));
    private static final CatalogueItem DETERGENT = CatalogueItem.of("detergent", "洗衣液", "Detergent", 15);

    @TempDir
    Path dir;

    /** Empties the catalogue between tests of one class (kept apart from the ledger and member tables). */
    static void clear(JdbcDatabase db) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM catalogue_items");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Seed 001 across a restart: the community supermarket on an H2 file lists a toy, books and
     * detergent, restocks, retires the detergent; the application stops and starts again. The
     * catalogue (versions, retirement, nanoseconds), the stock and the rider's 108 points are all
     * there, and the rider redeems the toy.
     */
    @Test
    void theCatalogueAndStockSurviveARestartAndTheRiderRedeemsTheToyAfterIt() {
        Path file = dir.resolve("civicloop");
        List<CatalogueEntry> before;
        try (JdbcDatabase db = JdbcDatabase.h2File(file)) {
            PointsLedger ledger = PointsLedger.builder(db.ledgerStore()).clock(NOW).build();
            PointsSupermarket market = market(db, ledger);
            market.putItem(TOY);
            market.putItem(BOOK);
            market.putItem(DETERGENT);
            market.putItem(TOY.withCost(100).withPickupPlace("远航社区党群服务站 (一楼)"), 1);
            market.restock(TOY.code(), 3, PostingId.of("restock:toy:2026-11"));
            market.restock(BOOK.code(), 10, PostingId.of("restock:book:2026-11"));
            market.restock(DETERGENT.code(), 5, PostingId.of("restock:detergent:2026-11"));
            market.retireItem(DETERGENT.code(), 1);
            ledger.award(RIDER, 108, PostingId.of("award:snap-reports:2026-11"), Map.of("rule", "snap-report"));
            before = db.catalogueStore().list();
        }

        try (JdbcDatabase db = JdbcDatabase.h2File(file)) {
            PointsLedger ledger = PointsLedger.builder(db.ledgerStore()).clock(NOW).build();
            PointsSupermarket market = market(db, ledger);
            assertEquals(before, db.catalogueStore().list(), "every entry, with its version and retirement");
            CatalogueItem toy = TOY.withPickupPlace("远航社区党群服务站 (一楼)");
            assertEquals(List.of(BOOK, toy), market.catalogue(), "on offer after the restart: book and toy, by code");
            assertEquals(Optional.of(new CatalogueEntry(toy, 2, null)), market.entry(TOY.code()), "the edited toy");
            assertEquals(Optional.of(DETERGENT), market.item(DETERGENT.code()), "the retired detergent is still found");
            assertTrue(market.entry(DETERGENT.code()).orElseThrow().retired(), "and still retired");
            assertEquals(3, market.stock(TOY.code()), "toys on the shelf");
            assertEquals(10, market.stock(BOOK.code()), "books on the shelf");
            assertEquals(108, ledger.balance(RIDER), "the rider's points");

            Reservation r = market.reserve("app-order-8841", RIDER, TOY.code());
            assertEquals(100, r.points(), "the toy's cost, held");
            assertEquals(Reservation.State.FULFILLED, market.fulfil(r.id()).state(), "handed over at the station");
            assertEquals(2, market.stock(TOY.code()), "toys left");
            assertEquals(8, ledger.balance(RIDER), "108 - 100 points");
            assertEquals(PointsRefused.Reason.ITEM_NOT_ACTIVE, assertThrows(PointsRefused.class,
                    () -> market.reserve("app-order-8842", RIDER, DETERGENT.code())).reason(), "the retired detergent");
        }
    }

    /**
     * Two application nodes (each its own supermarket, ledger and stores) on one database see one
     * catalogue: staff on both read the toy at version 1; the first edit wins, the second is
     * ConcurrencyConflict and changes nothing; a retirement on one node stops reservations and
     * restocking on the other.
     */
    @ParameterizedTest
    @EnumSource(JdbcDatabase.Dialect.class)
    void twoNodesShareOneCatalogueAndAStaleEditIsRefused(JdbcDatabase.Dialect dialect) {
        try (TestDatabases.Handle h = LedgerMemberTables.open(dialect, 8)) {
            PointsLedger ledgerA = PointsLedger.builder(h.db().ledgerStore()).clock(NOW).build();
            PointsLedger ledgerB = PointsLedger.builder(h.db().ledgerStore()).clock(NOW).build();
            PointsSupermarket nodeA = market(h.db(), ledgerA);
            PointsSupermarket nodeB = market(h.db(), ledgerB);

            nodeA.putItem(TOY);
            assertEquals(List.of(TOY), nodeB.catalogue(), "node B sees the toy node A listed");
            long read = nodeB.entry(TOY.code()).orElseThrow().version();
            assertEquals(new CatalogueEntry(TOY.withCost(120), 2, null), nodeA.putItem(TOY.withCost(120), read),
                    "node A raises the cost");
            ConcurrencyConflict stale = assertThrows(ConcurrencyConflict.class,
                    () -> nodeB.putItem(TOY.withPerMemberLimit(2), read), "node B's edit, decided on version 1");
            assertEquals(2, stale.actualVersion(), "actualVersion");
            assertEquals(Optional.of(TOY.withCost(120)), nodeB.item(TOY.code()), "node A's edit stands");

            nodeA.restock(TOY.code(), 2, PostingId.of("restock:toy:1"));
            ledgerA.award(RIDER, 200, PostingId.of("award:1"), Map.of("rule", "test"));
            CatalogueEntry retired = nodeB.retireItem(TOY.code(), 2);
            assertEquals(new CatalogueEntry(TOY.withCost(120), 3, NOW.instant()), retired, "retired by node B");
            assertEquals(retired, nodeB.retireItem(TOY.code(), 3), "retiring it again returns it unchanged");
            assertEquals(List.of(), nodeA.catalogue(), "node A no longer offers it");
            PointsRefused reserve = assertThrows(PointsRefused.class, () -> nodeA.reserve("order-1", RIDER, TOY.code()));
            assertEquals(PointsRefused.Reason.ITEM_NOT_ACTIVE, reserve.reason(), "reserving the retired toy");
            assertEquals(PointsRefused.Reason.ITEM_NOT_ACTIVE, assertThrows(PointsRefused.class,
                    () -> nodeA.restock(TOY.code(), 1, PostingId.of("restock:toy:2"))).reason(), "restocking it");
            assertEquals(2, nodeA.stock(TOY.code()), "stock unchanged");
            assertEquals(200, ledgerA.balance(RIDER), "points unchanged");
        }
    }

    /**
     * Bad input is InvalidInput naming the field and the rule, before anything reaches the
     * database: the catalogue is as it was.
     */
    @Test
    void badItemsAreInvalidInputNamingTheFieldAndWriteNothing() {
        try (TestDatabases.Handle h = TestDatabases.h2()) {
            PointsSupermarket market = market(h.db(), PointsLedger.builder(h.db().ledgerStore()).clock(NOW).build());
            market.putItem(TOY);
            List<CatalogueEntry> before = h.db().catalogueStore().list();

            assertRefused("code", "blank", () -> market.putItem(CatalogueItem.of(" ", "玩具", "Toy", 1)));
            assertRefused("code", "ASCII", () -> market.putItem(CatalogueItem.of("玩具", "玩具", "Toy", 1)));
            assertRefused("code", "at most 64", () -> market.putItem(CatalogueItem.of("t".repeat(65), "玩具", "Toy", 1)));
            assertRefused("cost", "at least 1", () -> market.putItem(TOY.withCost(-5)));
            assertRefused("perMemberLimit", "at least 1", () -> market.putItem(TOY.withPerMemberLimit(0)));
            assertRefused("activeUntil", "after activeFrom", () -> market.putItem(TOY.withActiveWindow(
                    Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"))));
            assertRefused("nameZh", "at most 200", () -> market.putItem(new CatalogueItem("toy-x", "玩".repeat(201), "Toy",
                    1, 1, Instant.EPOCH, null, "驿站")));
            assertRefused("nameEn", "blank", () -> market.putItem(CatalogueItem.of("toy-x", "玩具", "", 1)));
            assertRefused("pickupPlace", "at most 500", () -> market.putItem(TOY.withPickupPlace("站".repeat(501))));
            assertRefused("item", "required", () -> market.putItem(null, 0));
            assertRefused("expectedVersion", "0", () -> market.putItem(DETERGENT, -1));
            assertEquals(before, h.db().catalogueStore().list(), "the catalogue after eleven refused puts");
            assertFalse(market.item("toy-x").isPresent(), "nothing half-written");
        }
    }

    /**
     * PostgreSQL text cannot hold U+0000: a name or pickup place with one is InvalidInput naming
     * the field, not a StoreFailure from the database, and nothing is written.
     */
    @Test
    void aNulInANameOrPickupPlaceIsInvalidInputOnPostgres() {
        try (TestDatabases.Handle h = TestDatabases.postgres(2)) {
            PointsSupermarket market = market(h.db(), PointsLedger.builder(h.db().ledgerStore()).clock(NOW).build());
            market.putItem(TOY);
            List<CatalogueEntry> before = h.db().catalogueStore().list();

            assertRefused("nameZh", "NUL", () -> market.putItem(CatalogueItem.of("toy-nul", "玩\u0000具", "Toy", 1)));
            assertRefused("nameEn", "NUL", () -> market.putItem(CatalogueItem.of("toy-nul", "玩具", "To\u0000y", 1), 0));
            assertRefused("pickupPlace", "NUL", () -> market.putItem(TOY.withPickupPlace("驿站\u0000"),
                    before.get(0).version()));
            assertEquals(before, h.db().catalogueStore().list(), "the catalogue after the refused puts");
        }
    }

    private static PointsSupermarket market(JdbcDatabase db, PointsLedger ledger) {
        return PointsSupermarket.builder(ledger).catalogue(db.catalogueStore()).build();
    }

    private static void assertRefused(String field, String rulePart, Runnable call) {
        InvalidInput e = assertThrows(InvalidInput.class, call::run, field);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.rule().contains(rulePart), "the rule names what was expected: " + e.getMessage());
    }
}
