package dev.civicloop.spi.internal;

import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.catalogue.CatalogueEntry;
import dev.civicloop.spi.catalogue.CatalogueItem;
import dev.civicloop.spi.catalogue.CatalogueStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link CatalogueStore#inMemory()}: thread-safe (every operation under one lock), ordered by
 * code, lost with the JVM. It lives in the SPI, hidden behind the factory, because the points
 * supermarket needs it as its default and a library module must not depend on an adapter.
 */
public final class InMemoryCatalogue implements CatalogueStore {
    private final TreeMap<String, CatalogueEntry> entries = new TreeMap<>();

    @Override
    public synchronized CatalogueEntry put(CatalogueItem item, long expectedVersion) {
        if (item == null) {
            throw new InvalidInput("item", "is required");
        }
        CatalogueEntry next = new CatalogueEntry(item, check(item.code(), expectedVersion) + 1, null);
        entries.put(item.code(), next);
        return next;
    }

    @Override
    public synchronized CatalogueEntry retire(String code, long expectedVersion, Instant at) {
        if (code == null) {
            throw new InvalidInput("code", "is required");
        }
        if (at == null) {
            throw new InvalidInput("at", "is required");
        }
        checkVersion(expectedVersion);
        CatalogueEntry current = entries.get(code);
        if (current == null) {
            throw new NotFound("catalogue item " + code);
        }
        CatalogueEntry next = new CatalogueEntry(current.item(), check(code, expectedVersion) + 1, at);
        entries.put(code, next);
        return next;
    }

    @Override
    public synchronized Optional<CatalogueEntry> find(String code) {
        if (code == null) {
            throw new InvalidInput("code", "is required");
        }
        return Optional.ofNullable(entries.get(code));
    }

    @Override
    public synchronized List<CatalogueEntry> list() {
        return List.copyOf(entries.values());
    }

    private static void checkVersion(long expectedVersion) {
        if (expectedVersion < 0) {
            throw new InvalidInput("expectedVersion", "must be 0 (a new item) or more, was " + expectedVersion);
        }
    }

    /** The current version, if it is the expected one. */
    private long check(String code, long expectedVersion) {
        checkVersion(expectedVersion);
        CatalogueEntry current = entries.get(code);
        long actual = current == null ? 0 : current.version();
        if (actual != expectedVersion) {
            throw ConcurrencyConflict.on("catalogue item " + code, expectedVersion, actual);
        }
        return actual;
    }
}
