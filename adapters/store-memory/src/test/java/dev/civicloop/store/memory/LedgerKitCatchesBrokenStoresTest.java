package dev.civicloop.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.spi.store.OutboxStore;
import dev.civicloop.tck.LedgerStoreCompatibilityKit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Tests the ledger conformance kit itself: run through the JUnit Platform Launcher against the
 * correct in-memory ledger store it passes, and against each deliberately broken store
 * ({@link BrokenLedgerStores}) it fails, in the tests named for that bug.
 *
 * <p>The kits meant to fail are static nested classes (surefire never selects them) carrying
 * {@link KitLauncher.OnlyWhenLaunched}, which disables them unless the launch request carries the
 * configuration parameter {@link KitLauncher#run} sets; see {@link ConformanceKitCatchesBrokenStoresTest}.
 */
class LedgerKitCatchesBrokenStoresTest {

    @Test
    void theInMemoryLedgerStorePassesEveryTestOfTheKit(TestReporter reporter) {
        TestExecutionSummary summary = KitLauncher.run(CorrectStoreKit.class, reporter);
        assertEquals(List.of(), KitLauncher.failedTests(summary), "kit tests failed against InMemoryLedgerStore");
        assertEquals(0, summary.getTestsAbortedCount(), "kit tests skipped");
        assertTrue(summary.getTestsSucceededCount() >= 20,
                "the kit ran only " + summary.getTestsSucceededCount() + " tests; was it discovered at all?");
    }

    @Test
    void aStoreThatIgnoresExpectedVersionsFailsTheConflictTests(TestReporter reporter) {
        KitLauncher.assertFails(IgnoresExpectedVersionsKit.class, reporter,
                "anAppendWithOneStaleExpectedVersionWritesNothing",
                "aStaleExpectedVersionIsRefusedWithBothVersionsNamed",
                "anExpectedVersionAheadOfTheAccountIsRefused",
                "expectedVersionZeroAdmitsOnlyTheFirstPostingToAnAccount",
                "aGuardOnAnAccountThePostingsDoNotTouchIsStillChecked",
                "exactlyOneOfSixteenGuardedAppendsFromTheSameVersionWinsEveryRound");
    }

    @Test
    void aStoreThatWritesPostingByPostingFailsTheAtomicityTests(TestReporter reporter) {
        KitLauncher.assertFails(NotAtomicKit.class, reporter,
                "anAppendWithOneDuplicateIdWritesNothing",
                "anAppendWithOneStaleExpectedVersionWritesNothing");
    }

    @Test
    void aStoreThatIsIdempotentByItselfFailsTheDuplicateTests(TestReporter reporter) {
        KitLauncher.assertFails(IdempotentOnEqualContentKit.class, reporter,
                "aStoredPostingIdIsDuplicatePostingEvenWithEqualContent");
    }

    @Test
    void aStoreThatLosesPostingsUnderConcurrencyFailsTheConcurrencyTests(TestReporter reporter) {
        KitLauncher.assertFails(LosesPostingsUnderConcurrencyKit.class, reporter,
                "exactlyOneOfSixteenGuardedAppendsFromTheSameVersionWinsEveryRound",
                "sixteenThreadsAppendingUnguardedLoseNothingAndLeaveNoGap",
                "aReaderFollowingTheLedgerDuringConcurrentAppendsSeesEveryPostingOnce");
    }

    @Test
    void aStoreThatReadsAfterOutOfOrderFailsTheOrderingTests(TestReporter reporter) {
        KitLauncher.assertFails(ReadsAfterOutOfOrderKit.class, reporter,
                "appendedPostingsComeBackEqualAtPositionsOneToNInCommitOrder",
                "readAfterPagesThroughEveryPostingInPositionOrder",
                "sixteenThreadsAppendingUnguardedLoseNothingAndLeaveNoGap",
                "aReaderFollowingTheLedgerDuringConcurrentAppendsSeesEveryPostingOnce");
    }

    @Test
    void aStoreThatWritesNotificationsBeforeItsChecksFailsTheNotificationTests(TestReporter reporter) {
        KitLauncher.assertFails(NotifiesBeforeCheckingKit.class, reporter,
                "theNotificationsOfARefusedAppendNeverAppear");
    }

    @ExtendWith(KitLauncher.OnlyWhenLaunched.class)
    abstract static class NestedKit extends LedgerStoreCompatibilityKit {
        /** The outbox of the in-memory ledger under test (a broken store's is its delegate's). */
        @Override
        protected OutboxStore outbox() {
            return store() instanceof InMemoryLedgerStore s ? s.outbox()
                    : ((BrokenLedgerStores.Delegating) store()).delegate.outbox();
        }
    }

    static class NotifiesBeforeCheckingKit extends NestedKit {
        @Override
        protected LedgerStore newStore() {
            return new BrokenLedgerStores.NotifiesBeforeChecking();
        }
    }

    static class CorrectStoreKit extends NestedKit {
        @Override
        protected LedgerStore newStore() {
            return new InMemoryLedgerStore();
        }
    }

    static class IgnoresExpectedVersionsKit extends NestedKit {
        @Override
        protected LedgerStore newStore() {
            return new BrokenLedgerStores.IgnoresExpectedVersions();
        }
    }

    static class NotAtomicKit extends NestedKit {
        @Override
        protected LedgerStore newStore() {
            return new BrokenLedgerStores.NotAtomic();
        }
    }

    static class IdempotentOnEqualContentKit extends NestedKit {
        @Override
        protected LedgerStore newStore() {
            return new BrokenLedgerStores.IdempotentOnEqualContent();
        }
    }

    static class LosesPostingsUnderConcurrencyKit extends NestedKit {
        @Override
        protected LedgerStore newStore() {
            return new BrokenLedgerStores.LosesPostingsUnderConcurrency();
        }
    }

    static class ReadsAfterOutOfOrderKit extends NestedKit {
        @Override
        protected LedgerStore newStore() {
            return new BrokenLedgerStores.ReadsAfterOutOfOrder();
        }
    }
}
