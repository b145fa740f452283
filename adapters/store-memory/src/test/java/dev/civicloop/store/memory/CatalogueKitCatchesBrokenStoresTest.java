package dev.civicloop.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.catalogue.CatalogueStore;
import dev.civicloop.tck.CatalogueStoreCompatibilityKit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Tests the catalogue conformance kit itself: run through the JUnit Platform Launcher against the
 * correct in-memory catalogue store it passes, and against each deliberately broken store
 * ({@link BrokenCatalogueStores}) it fails, in the tests named for that bug. The nested kits run
 * only inside {@link KitLauncher#run} (see {@link KitLauncher.OnlyWhenLaunched}).
 */
class CatalogueKitCatchesBrokenStoresTest {

    @Test
    void theInMemoryCataloguePassesEveryTestOfTheKit(TestReporter reporter) {
        TestExecutionSummary summary = KitLauncher.run(CorrectStoreKit.class, reporter);
        assertEquals(List.of(), KitLauncher.failedTests(summary), "kit tests failed against CatalogueStore.inMemory()");
        assertEquals(0, summary.getTestsAbortedCount(), "kit tests skipped");
        assertTrue(summary.getTestsSucceededCount() >= 14,
                "the kit ran only " + summary.getTestsSucceededCount() + " tests; was it discovered at all?");
    }

    @Test
    void aStoreWhereTheLastWriterWinsFailsTheConflictTests(TestReporter reporter) {
        KitLauncher.assertFails(LastWriterWinsKit.class, reporter,
                "aStaleVersionIsConcurrencyConflictNamingBothVersionsAndWritesNothing",
                "puttingARetiredItemAgainPutsItBackOnOffer",
                "exactlyOneOfSixteenEditsFromTheSameVersionWinsEveryRound",
                "exactlyOneOfSixteenNodesCreatingTheSameItemWins");
    }

    @Test
    void aStoreThatChecksThenWritesFailsTheRaces(TestReporter reporter) {
        KitLauncher.assertFails(CheckThenWriteKit.class, reporter,
                "exactlyOneOfSixteenEditsFromTheSameVersionWinsEveryRound",
                "exactlyOneOfSixteenNodesCreatingTheSameItemWins");
    }

    @Test
    void aStoreThatDeletesOnRetirementFailsTheRetirementTests(TestReporter reporter) {
        KitLauncher.assertFails(RetireDeletesKit.class, reporter,
                "anItemFilledToEveryLimitSurvivesTheRoundTrip",
                "retiringKeepsTheItemFindableAndListedAtTheNextVersion");
    }

    @Test
    void aStoreThatListsInALocaleCollationFailsTheOrderTest(TestReporter reporter) {
        KitLauncher.assertFails(CollatedOrderKit.class, reporter, "listOrdersByCodeAsStringCompareToDoes");
    }

    @Test
    void aStoreThatLosesNanosecondsFailsTheRoundTrip(TestReporter reporter) {
        KitLauncher.assertFails(TruncatesToMicrosecondsKit.class, reporter,
                "anItemFilledToEveryLimitSurvivesTheRoundTrip");
    }

    @ExtendWith(KitLauncher.OnlyWhenLaunched.class)
    abstract static class NestedKit extends CatalogueStoreCompatibilityKit {}

    static class CorrectStoreKit extends NestedKit {
        @Override
        protected CatalogueStore newStore() {
            return CatalogueStore.inMemory();
        }
    }

    static class LastWriterWinsKit extends NestedKit {
        @Override
        protected CatalogueStore newStore() {
            return new BrokenCatalogueStores.LastWriterWins();
        }
    }

    static class CheckThenWriteKit extends NestedKit {
        @Override
        protected CatalogueStore newStore() {
            return new BrokenCatalogueStores.CheckThenWrite();
        }
    }

    static class RetireDeletesKit extends NestedKit {
        @Override
        protected CatalogueStore newStore() {
            return new BrokenCatalogueStores.RetireDeletes();
        }
    }

    static class CollatedOrderKit extends NestedKit {
        @Override
        protected CatalogueStore newStore() {
            return new BrokenCatalogueStores.CollatedOrder();
        }
    }

    static class TruncatesToMicrosecondsKit extends NestedKit {
        @Override
        protected CatalogueStore newStore() {
            return new BrokenCatalogueStores.TruncatesToMicroseconds();
        }
    }
}
