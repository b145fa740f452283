package dev.civicloop.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.member.MemberStore;
import dev.civicloop.spi.store.OutboxStore;
import dev.civicloop.tck.MemberStoreCompatibilityKit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Tests the member conformance kit itself: run through the JUnit Platform Launcher against the
 * correct in-memory member store it passes, and against each deliberately broken store
 * ({@link BrokenMemberStores}) it fails, in the tests named for that bug.
 *
 * <p>The kits meant to fail are static nested classes (surefire never selects them) carrying
 * {@link KitLauncher.OnlyWhenLaunched}, which disables them unless the launch request carries the
 * configuration parameter {@link KitLauncher#run} sets; see {@link ConformanceKitCatchesBrokenStoresTest}.
 */
class MemberKitCatchesBrokenStoresTest {

    @Test
    void theInMemoryMemberStorePassesEveryTestOfTheKit(TestReporter reporter) {
        TestExecutionSummary summary = KitLauncher.run(CorrectStoreKit.class, reporter);
        assertEquals(List.of(), KitLauncher.failedTests(summary), "kit tests failed against InMemoryMemberStore");
        assertEquals(0, summary.getTestsAbortedCount(), "kit tests skipped");
        assertTrue(summary.getTestsSucceededCount() >= 20,
                "the kit ran only " + summary.getTestsSucceededCount() + " tests; was it discovered at all?");
    }

    @Test
    void aStoreThatIgnoresExpectedVersionsFailsTheConflictTests(TestReporter reporter) {
        KitLauncher.assertFails(IgnoresExpectedVersionsKit.class, reporter,
                "aStaleExpectedVersionIsRefusedAndLeavesItsCommandIdUnused",
                "anExpectedVersionAheadOfTheStreamIsRefused",
                "expectedVersionZeroAdmitsOnlyTheFirstAppendToAStream",
                "exactlyOneOfSixteenAppendsFromTheSameVersionWinsEveryRound");
    }

    @Test
    void aStoreThatWritesEventByEventFailsTheAtomicityTests(TestReporter reporter) {
        KitLauncher.assertFails(NotAtomicKit.class, reporter,
                "aUsedCommandIdIsDuplicateCommandEvenForEqualContentAndWritesNothing",
                "readersDuringConcurrentAppendsSeeEveryEventOnceAndNeverPartOfAnAppend");
    }

    @Test
    void aStoreThatIsIdempotentByItselfFailsTheCommandIdTest(TestReporter reporter) {
        KitLauncher.assertFails(IdempotentOnEqualContentKit.class, reporter,
                "aUsedCommandIdIsDuplicateCommandEvenForEqualContentAndWritesNothing");
    }

    @Test
    void aStoreWhoseCacheForgetsErasureFailsTheErasureTests(TestReporter reporter) {
        KitLauncher.assertFails(ErasureMissesTheCacheKit.class, reporter,
                "erasureRemovesAMembersPersonalDataForGoodAndOnlyTheirs",
                "erasureLeavesTheStreamsWhole",
                "afterErasureNothingTheStoreReturnsHoldsTheUnmaskedPhone");
    }

    @Test
    void aStoreWhoseErasureRevealsAnOlderVersionFailsTheErasureTests(TestReporter reporter) {
        KitLauncher.assertFails(ErasureRevealsOlderDataKit.class, reporter,
                "erasureRemovesAMembersPersonalDataForGoodAndOnlyTheirs",
                "afterErasureNothingTheStoreReturnsHoldsTheUnmaskedPhone");
    }

    @Test
    void aStoreThatLosesEventsUnderConcurrencyFailsTheConcurrencyTests(TestReporter reporter) {
        KitLauncher.assertFails(LosesEventsUnderConcurrencyKit.class, reporter,
                "exactlyOneOfSixteenAppendsFromTheSameVersionWinsEveryRound",
                "sixteenThreadsAppendingToTheirOwnStreamsLoseNothing",
                "readersDuringConcurrentAppendsSeeEveryEventOnceAndNeverPartOfAnAppend");
    }

    @Test
    void aStoreWhoseReadAfterRepeatsTheGivenPositionFailsTheFeedTests(TestReporter reporter) {
        KitLauncher.assertFails(ReadAfterIncludesTheGivenPositionKit.class, reporter,
                "appendedEventsComeBackEqualFromTheStreamTheCommandAndTheFeed",
                "readAfterPagesThroughEveryEventInPositionOrder",
                "readersDuringConcurrentAppendsSeeEveryEventOnceAndNeverPartOfAnAppend");
    }

    @Test
    void aStoreThatWritesNotificationsBeforeItsChecksFailsTheNotificationTests(TestReporter reporter) {
        KitLauncher.assertFails(NotifiesBeforeCheckingKit.class, reporter,
                "theNotificationsOfARefusedAppendNeverAppear");
    }

    @ExtendWith(KitLauncher.OnlyWhenLaunched.class)
    abstract static class NestedKit extends MemberStoreCompatibilityKit {
        /** The outbox of the in-memory member store under test (a broken store's is its delegate's). */
        @Override
        protected OutboxStore outbox() {
            return store() instanceof InMemoryMemberStore s ? s.outbox()
                    : ((BrokenMemberStores.Delegating) store()).delegate.outbox();
        }
    }

    static class NotifiesBeforeCheckingKit extends NestedKit {
        @Override
        protected MemberStore newStore() {
            return new BrokenMemberStores.NotifiesBeforeChecking();
        }
    }

    static class CorrectStoreKit extends NestedKit {
        @Override
        protected MemberStore newStore() {
            return new InMemoryMemberStore();
        }
    }

    static class IgnoresExpectedVersionsKit extends NestedKit {
        @Override
        protected MemberStore newStore() {
            return new BrokenMemberStores.IgnoresExpectedVersions();
        }
    }

    static class NotAtomicKit extends NestedKit {
        @Override
        protected MemberStore newStore() {
            return new BrokenMemberStores.NotAtomic();
        }
    }

    static class IdempotentOnEqualContentKit extends NestedKit {
        @Override
        protected MemberStore newStore() {
            return new BrokenMemberStores.IdempotentOnEqualContent();
        }
    }

    static class ErasureMissesTheCacheKit extends NestedKit {
        @Override
        protected MemberStore newStore() {
            return new BrokenMemberStores.ErasureMissesTheCache();
        }
    }

    static class ErasureRevealsOlderDataKit extends NestedKit {
        @Override
        protected MemberStore newStore() {
            return new BrokenMemberStores.ErasureRevealsOlderData();
        }
    }

    static class LosesEventsUnderConcurrencyKit extends NestedKit {
        @Override
        protected MemberStore newStore() {
            return new BrokenMemberStores.LosesEventsUnderConcurrency();
        }
    }

    static class ReadAfterIncludesTheGivenPositionKit extends NestedKit {
        @Override
        protected MemberStore newStore() {
            return new BrokenMemberStores.ReadAfterIncludesTheGivenPosition();
        }
    }
}
