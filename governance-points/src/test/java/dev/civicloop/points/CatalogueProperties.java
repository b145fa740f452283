package dev.civicloop.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.catalogue.CatalogueEntry;
import dev.civicloop.spi.catalogue.CatalogueItem;
import dev.civicloop.spi.catalogue.CatalogueStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of catalogue edits against a store and a plain model (a sorted map): after
 * every step the store lists exactly what the model holds; an edit at the item's version lands
 * and moves it on by one, any other is ConcurrencyConflict and changes nothing; versions never go
 * back. Runs against the supermarket's default store and store-memory's. Replay a failure with
 * {@code -Dcivicloop.seed=<seed>}; the seed is printed in the failure.
 */
class CatalogueProperties {
    private static final List<String> CODES = List.of("toy-car", "Toy-car", "detergent", "book.2", "book_1");

    @Test
    void random_edits_and_retirements_keep_the_store_equal_to_a_model_and_refusals_change_nothing() {
        check("in memory", CatalogueStore::inMemory);
    }

    private static void check(String name, Supplier<CatalogueStore> stores) {
        long seed = Long.getLong("civicloop.seed", new SecureRandom().nextLong());
        try {
            qt().withFixedSeed(seed).withExamples(300).withShrinkCycles(100)
                    .forAll(lists().of(integers().all()).ofSizeBetween(1, 80))
                    .checkAssert(steps -> run(stores.get(), steps));
        } catch (AssertionError e) {
            throw new AssertionError(name + " store, seed=" + seed + ", rerun with -Dcivicloop.seed=" + seed + "\n"
                    + e.getMessage(), e);
        }
    }

    private static void run(CatalogueStore store, List<Integer> steps) {
        TreeMap<String, CatalogueEntry> model = new TreeMap<>();
        int i = 0;
        for (int step : steps) {
            String code = CODES.get(Math.floorMod(step, CODES.size()));
            CatalogueEntry current = model.get(code);
            long actual = current == null ? 0 : current.version();
            // Mostly the right version; sometimes one behind, one ahead or 0.
            long version = switch (Math.floorMod(step >> 4, 6)) {
                case 0 -> Math.max(0, actual - 1);
                case 1 -> actual + 1;
                case 2 -> 0;
                default -> actual;
            };
            boolean retire = Math.floorMod(step >> 8, 4) == 0;
            String what = "step " + i++ + ": " + (retire ? "retire " : "put ") + code + " at " + version + " (item at "
                    + actual + ")";
            if (retire) {
                Instant at = Instant.ofEpochSecond(1_790_000_000L + i, step & 0xFFFF);
                if (current == null) {
                    expect(NotFound.class, () -> store.retire(code, version, at), what);
                } else if (version != actual) {
                    conflict(version, actual, () -> store.retire(code, version, at), what);
                } else {
                    CatalogueEntry next = new CatalogueEntry(current.item(), actual + 1, at);
                    assertEquals(next, store.retire(code, version, at), what);
                    model.put(code, next);
                }
            } else {
                CatalogueItem item = CatalogueItem.of(code, "物品", "Item " + code, 1 + Math.floorMod(step >> 12, 500))
                        .withPerMemberLimit(1 + Math.floorMod(step >> 20, 5));
                if (version != actual) {
                    conflict(version, actual, () -> store.put(item, version), what);
                } else {
                    CatalogueEntry next = new CatalogueEntry(item, actual + 1, null);
                    assertEquals(next, store.put(item, version), what);
                    model.put(code, next);
                }
            }
            assertEquals(new ArrayList<>(model.values()), store.list(), what + ": list()");
            assertEquals(Optional.ofNullable(model.get(code)), store.find(code), what + ": find()");
            assertTrue(model.get(code) == null || model.get(code).version() >= actual, what + ": version went back");
        }
    }

    private static void conflict(long expected, long actual, Runnable call, String what) {
        ConcurrencyConflict c = expect(ConcurrencyConflict.class, call, what);
        assertEquals(expected, c.expectedVersion(), what + ": expectedVersion");
        assertEquals(actual, c.actualVersion(), what + ": actualVersion");
    }

    private static <T extends Throwable> T expect(Class<T> type, Runnable call, String what) {
        try {
            call.run();
        } catch (Throwable t) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            throw new AssertionError(what + ": expected " + type.getSimpleName() + ", got " + t, t);
        }
        throw new AssertionError(what + ": expected " + type.getSimpleName() + ", nothing was thrown");
    }
}
