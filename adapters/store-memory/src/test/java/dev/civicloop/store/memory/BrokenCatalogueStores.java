package dev.civicloop.store.memory;

import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.catalogue.CatalogueEntry;
import dev.civicloop.spi.catalogue.CatalogueItem;
import dev.civicloop.spi.catalogue.CatalogueStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deliberately broken catalogue stores, each with one bug an adapter author could plausibly
 * write. They exist to prove that the catalogue conformance kit catches those bugs (see
 * {@link CatalogueKitCatchesBrokenStoresTest}).
 */
final class BrokenCatalogueStores {
    private BrokenCatalogueStores() {}

    /** Forwards everything to an in-memory store; subclasses override the part they break. */
    abstract static class Delegating implements CatalogueStore {
        final CatalogueStore delegate = CatalogueStore.inMemory();

        @Override
        public CatalogueEntry put(CatalogueItem item, long expectedVersion) {
            return delegate.put(item, expectedVersion);
        }

        @Override
        public CatalogueEntry retire(String code, long expectedVersion, Instant at) {
            return delegate.retire(code, expectedVersion, at);
        }

        @Override
        public Optional<CatalogueEntry> find(String code) {
            return delegate.find(code);
        }

        @Override
        public List<CatalogueEntry> list() {
            return delegate.list();
        }
    }

    /** "Last writer wins" (an UPDATE without {@code AND version = ?}): puts at whatever version the item is at. */
    static final class LastWriterWins extends Delegating {
        @Override
        public CatalogueEntry put(CatalogueItem item, long expectedVersion) {
            if (item == null || expectedVersion < 0) {
                return delegate.put(item, expectedVersion);
            }
            while (true) {
                try {
                    return delegate.put(item, delegate.find(item.code()).map(CatalogueEntry::version).orElse(0L));
                } catch (ConcurrencyConflict raced) {
                    // Someone else got in between; go again on top of them.
                }
            }
        }
    }

    /**
     * Checks the version, then writes, without holding anything in between (a SELECT, then an
     * UPDATE by code alone): editors who read the same version all "win". A short sleep widens
     * the window.
     */
    static final class CheckThenWrite implements CatalogueStore {
        private final Map<String, CatalogueEntry> rows = new ConcurrentHashMap<>();

        @Override
        public CatalogueEntry put(CatalogueItem item, long expectedVersion) {
            required("item", item);
            CatalogueEntry next = new CatalogueEntry(item, checked(item.code(), expectedVersion) + 1, null);
            pause();
            rows.put(item.code(), next);
            return next;
        }

        @Override
        public CatalogueEntry retire(String code, long expectedVersion, Instant at) {
            required("code", code);
            required("at", at);
            CatalogueEntry current = rows.get(code);
            if (current == null) {
                throw new NotFound("catalogue item " + code);
            }
            CatalogueEntry next = new CatalogueEntry(current.item(), checked(code, expectedVersion) + 1, at);
            pause();
            rows.put(code, next);
            return next;
        }

        @Override
        public Optional<CatalogueEntry> find(String code) {
            return Optional.ofNullable(rows.get(required("code", code)));
        }

        @Override
        public List<CatalogueEntry> list() {
            return rows.values().stream().sorted(Comparator.comparing(CatalogueEntry::code)).toList();
        }

        private long checked(String code, long expectedVersion) {
            if (expectedVersion < 0) {
                throw new InvalidInput("expectedVersion", "must be 0 or more");
            }
            CatalogueEntry current = rows.get(code);
            long actual = current == null ? 0 : current.version();
            if (actual != expectedVersion) {
                throw ConcurrencyConflict.on("catalogue item " + code, expectedVersion, actual);
            }
            return actual;
        }

        private static <T> T required(String field, T value) {
            if (value == null) {
                throw new InvalidInput(field, "is required");
            }
            return value;
        }

        private static void pause() {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** Retirement as a DELETE: the item is gone, and the code reservations name resolves to nothing. */
    static final class RetireDeletes extends Delegating {
        private final Map<String, Boolean> deleted = new ConcurrentHashMap<>();

        @Override
        public CatalogueEntry retire(String code, long expectedVersion, Instant at) {
            CatalogueEntry e = delegate.retire(code, expectedVersion, at);
            deleted.put(code, true);
            return e;
        }

        @Override
        public CatalogueEntry put(CatalogueItem item, long expectedVersion) {
            CatalogueEntry e = delegate.put(item, expectedVersion);
            deleted.remove(item.code());
            return e;
        }

        @Override
        public Optional<CatalogueEntry> find(String code) {
            return delegate.find(code).filter(e -> !deleted.containsKey(e.code()));
        }

        @Override
        public List<CatalogueEntry> list() {
            return delegate.list().stream().filter(e -> !deleted.containsKey(e.code())).toList();
        }
    }

    /** ORDER BY code under a locale collation (as PostgreSQL's en_US.UTF-8): case and punctuation ignored. */
    static final class CollatedOrder extends Delegating {
        @Override
        public List<CatalogueEntry> list() {
            return delegate.list().stream()
                    .sorted(Comparator.comparing((CatalogueEntry e) -> e.code().toLowerCase(Locale.ROOT)
                            .replaceAll("[^a-z0-9]", "")).thenComparing(CatalogueEntry::code))
                    .toList();
        }
    }

    /** Instants in a TIMESTAMP column (microseconds): nanoseconds are lost on the way back. */
    static final class TruncatesToMicroseconds extends Delegating {
        @Override
        public Optional<CatalogueEntry> find(String code) {
            return delegate.find(code).map(TruncatesToMicroseconds::truncated);
        }

        @Override
        public List<CatalogueEntry> list() {
            return delegate.list().stream().map(TruncatesToMicroseconds::truncated).toList();
        }

        private static CatalogueEntry truncated(CatalogueEntry e) {
            CatalogueItem i = e.item();
            return new CatalogueEntry(i.withActiveWindow(micros(i.activeFrom()), micros(i.activeUntil())), e.version(),
                    micros(e.retiredAt()));
        }

        private static Instant micros(Instant t) {
            return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
        }
    }
}
