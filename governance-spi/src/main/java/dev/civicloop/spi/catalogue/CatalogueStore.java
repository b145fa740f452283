package dev.civicloop.spi.catalogue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the points supermarket's catalogue (item definitions) is kept; the stock of each item is
 * not here but in the ledger ({@code stock:<code>} accounts). Every change is made under the
 * version the caller read, like a ticket append: many application nodes share one PostgreSQL
 * database, and two staff editing one item on two nodes (one the cost, the other the limit) must
 * not silently lose one edit. Implementations are thread-safe and, for shared databases, enforce
 * the version check where the data lives (a conditional update, a primary key), not only in Java.
 *
 * <p>Items are never deleted: {@link #retire} keeps the entry, so the code that reservations and
 * postings name still resolves to its names. Null arguments and negative versions are
 * {@link dev.civicloop.spi.InvalidInput}; a refused call writes nothing. Returned lists are
 * snapshots a caller cannot change the store through. Prove an adapter with the conformance kit's
 * {@code CatalogueStoreCompatibilityKit}.
 *
 * <pre>{@code
 * CatalogueEntry created = store.put(CatalogueItem.of("toy-car", "玩具车", "Toy car", 100), 0);
 * CatalogueEntry edited = store.put(created.item().withPerMemberLimit(1), created.version());
 * store.retire("toy-car", edited.version(), clock.instant());
 * }</pre>
 */
public interface CatalogueStore {

    /**
     * Creates the item (expected version 0: the code was never put) or replaces it (the version
     * the caller read). Replacing a retired item puts it back on offer. Returns the entry as
     * stored, at the next version.
     *
     * @throws dev.civicloop.spi.ConcurrencyConflict the item is not at the expected version (an
     *     item never put is at 0); nothing was written
     */
    CatalogueEntry put(CatalogueItem item, long expectedVersion);

    /**
     * Takes the item off offer at {@code at}, keeping it findable; returns the entry at the next
     * version. Retiring a retired item again moves its version on and records the new instant.
     *
     * @throws dev.civicloop.spi.NotFound no item has this code
     * @throws dev.civicloop.spi.ConcurrencyConflict the item is not at the expected version; nothing was written
     */
    CatalogueEntry retire(String code, long expectedVersion, Instant at);

    /** The item with this code, retired or not. */
    Optional<CatalogueEntry> find(String code);

    /** Every item, retired ones too, ordered by code as {@link String#compareTo} orders them. */
    List<CatalogueEntry> list();

    /**
     * A new, empty catalogue in memory: thread-safe, lost with the JVM. The points supermarket's
     * default; for tests, demos and single-process use (the JDBC adapter keeps one in a database).
     */
    static CatalogueStore inMemory() {
        return new dev.civicloop.spi.internal.InMemoryCatalogue();
    }
}
