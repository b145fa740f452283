package dev.civicloop.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.store.TicketStore;
import dev.civicloop.tck.TicketStoreCompatibilityKit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Tests the conformance kit itself: run through the JUnit Platform Launcher against the correct
 * store it passes, and against each deliberately broken store ({@link BrokenStores}) it fails, in
 * the tests named for that bug.
 *
 * <p>How the kits that are meant to fail stay out of the normal test run: they are static nested
 * classes, which surefire never selects (its default excludes are {@code **}{@code /*$*}) and which
 * Jupiter does not descend into when it runs this outer class. Any other runner (an IDE running a
 * package, a console launcher scanning the class path) would find them, so they also carry
 * {@link KitLauncher.OnlyWhenLaunched}: it disables them unless the launch request carries the
 * configuration parameter that {@link KitLauncher#run} sets.
 */
class ConformanceKitCatchesBrokenStoresTest {

    @Test
    void theCorrectStorePassesEveryTestOfTheKit(TestReporter reporter) {
        TestExecutionSummary summary = KitLauncher.run(CorrectStoreKit.class, reporter);
        assertEquals(List.of(), KitLauncher.failedTests(summary), "kit tests failed against InMemoryTicketStore");
        assertEquals(0, summary.getTestsAbortedCount(), "kit tests skipped against an OutboxStore");
        assertTrue(summary.getTestsSucceededCount() >= 30,
                "the kit ran only " + summary.getTestsSucceededCount() + " tests; was it discovered at all?");
    }

    @Test
    void aStoreThatIsNoOutboxPassesAndSkipsTheOutboxTests(TestReporter reporter) {
        TestExecutionSummary summary = KitLauncher.run(TicketStoreOnlyKit.class, reporter);
        assertEquals(List.of(), KitLauncher.failedTests(summary), "kit tests failed against a correct TicketStore-only store");
        assertEquals(10, summary.getTestsAbortedCount(), "outbox tests skipped by assumption");
    }

    @Test
    void aStoreThatIgnoresTheExpectedVersionFailsTheConflictTests(TestReporter reporter) {
        KitLauncher.assertFails(IgnoresExpectedVersionKit.class, reporter,
                "staleExpectedVersionIsRefusedAndNothingChanges",
                "reportingATicketThatAlreadyExistsIsRefusedAndNothingChanges",
                "expectedVersionAheadOfTheTicketIsRefused",
                "onlyOneOfSixteenConcurrentAppendsWithTheSameExpectedVersionWins");
    }

    @Test
    void aStoreThatLosesEventsUnderConcurrencyFailsTheConcurrencyTests(TestReporter reporter) {
        KitLauncher.assertFails(LosesEventsUnderConcurrencyKit.class, reporter,
                "onlyOneOfSixteenConcurrentAppendsWithTheSameExpectedVersionWins",
                "sixteenWritersRetryingOnConflictLoseNothing");
    }

    @Test
    void aStoreThatReturnsEventsOutOfOrderFailsTheOrderingTests(TestReporter reporter) {
        KitLauncher.assertFails(ReordersEventsKit.class, reporter,
                "appendedEventsLoadBackInVersionOrder",
                "everyKindOfEventSurvivesTheRoundTripWithAllItsFields",
                "concurrentAppendsToManyTicketsKeepOneGlobalOrder",
                "aReaderFollowingTheFeedDuringConcurrentAppendsSeesEveryEventOnce");
    }

    @Test
    void aStoreThatLetsALateFailureReviveADeadLetterFailsTheDeadLetterTest(TestReporter reporter) {
        KitLauncher.assertFails(ResurrectsDeadLettersKit.class, reporter,
                "lateReportsNeverBringBackADeadOrDeliveredNotification");
    }

    @ExtendWith(KitLauncher.OnlyWhenLaunched.class)
    abstract static class NestedKit extends TicketStoreCompatibilityKit {}

    static class CorrectStoreKit extends NestedKit {
        @Override
        protected TicketStore createStore() {
            return new InMemoryTicketStore();
        }
    }

    static class TicketStoreOnlyKit extends NestedKit {
        @Override
        protected TicketStore createStore() {
            return new BrokenStores.TicketStoreOnly();
        }
    }

    static class IgnoresExpectedVersionKit extends NestedKit {
        @Override
        protected TicketStore createStore() {
            return new BrokenStores.IgnoresExpectedVersion();
        }
    }

    static class LosesEventsUnderConcurrencyKit extends NestedKit {
        @Override
        protected TicketStore createStore() {
            return new BrokenStores.LosesEventsUnderConcurrency();
        }
    }

    static class ResurrectsDeadLettersKit extends NestedKit {
        @Override
        protected TicketStore createStore() {
            return new BrokenStores.ResurrectsDeadLetters();
        }
    }

    static class ReordersEventsKit extends NestedKit {
        @Override
        protected TicketStore createStore() {
            return new BrokenStores.ReordersEvents();
        }
    }
}
