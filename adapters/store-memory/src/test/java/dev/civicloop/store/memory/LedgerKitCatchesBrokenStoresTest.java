package dev.civicloop.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.tck.LedgerStoreCompatibilityKit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Tests the ledger conformance kit itself: run through the JUnit Platform Launcher against the
 * correct in-memory ledger store it passes, and against each deliberately broken store
 * ({@link BrokenLedgerStores}) it fails, in the tests named for that bug.
 *
 * <p>The kits meant to fail are static nested classes (surefire never selects them) carrying
 * {@link OnlyWhenLaunchedFromHere}, which disables them unless the launch request carries the
 * configuration parameter {@link #runKit} sets; see {@link ConformanceKitCatchesBrokenStoresTest}.
 */
class LedgerKitCatchesBrokenStoresTest {

    private static final String LAUNCHED_FROM_HERE = "civicloop.tck.run-nested-ledger-kits";

    @Test
    void theInMemoryLedgerStorePassesEveryTestOfTheKit(TestReporter reporter) {
        TestExecutionSummary summary = runKit(CorrectStoreKit.class, reporter);
        assertEquals(List.of(), failedTests(summary), "kit tests failed against InMemoryLedgerStore");
        assertEquals(0, summary.getTestsAbortedCount(), "kit tests skipped");
        assertTrue(summary.getTestsSucceededCount() >= 20,
                "the kit ran only " + summary.getTestsSucceededCount() + " tests; was it discovered at all?");
    }

    @Test
    void aStoreThatIgnoresExpectedVersionsFailsTheConflictTests(TestReporter reporter) {
        assertKitFails(IgnoresExpectedVersionsKit.class, reporter,
                "anAppendWithOneStaleExpectedVersionWritesNothing",
                "aStaleExpectedVersionIsRefusedWithBothVersionsNamed",
                "anExpectedVersionAheadOfTheAccountIsRefused",
                "expectedVersionZeroAdmitsOnlyTheFirstPostingToAnAccount",
                "aGuardOnAnAccountThePostingsDoNotTouchIsStillChecked",
                "exactlyOneOfSixteenGuardedAppendsFromTheSameVersionWinsEveryRound");
    }

    @Test
    void aStoreThatWritesPostingByPostingFailsTheAtomicityTests(TestReporter reporter) {
        assertKitFails(NotAtomicKit.class, reporter,
                "anAppendWithOneDuplicateIdWritesNothing",
                "anAppendWithOneStaleExpectedVersionWritesNothing");
    }

    @Test
    void aStoreThatIsIdempotentByItselfFailsTheDuplicateTests(TestReporter reporter) {
        assertKitFails(IdempotentOnEqualContentKit.class, reporter,
                "aStoredPostingIdIsDuplicatePostingEvenWithEqualContent");
    }

    @Test
    void aStoreThatLosesPostingsUnderConcurrencyFailsTheConcurrencyTests(TestReporter reporter) {
        assertKitFails(LosesPostingsUnderConcurrencyKit.class, reporter,
                "exactlyOneOfSixteenGuardedAppendsFromTheSameVersionWinsEveryRound",
                "sixteenThreadsAppendingUnguardedLoseNothingAndLeaveNoGap",
                "aReaderFollowingTheLedgerDuringConcurrentAppendsSeesEveryPostingOnce");
    }

    @Test
    void aStoreThatReadsAfterOutOfOrderFailsTheOrderingTests(TestReporter reporter) {
        assertKitFails(ReadsAfterOutOfOrderKit.class, reporter,
                "appendedPostingsComeBackEqualAtPositionsOneToNInCommitOrder",
                "readAfterPagesThroughEveryPostingInPositionOrder",
                "sixteenThreadsAppendingUnguardedLoseNothingAndLeaveNoGap",
                "aReaderFollowingTheLedgerDuringConcurrentAppendsSeesEveryPostingOnce");
    }

    private static void assertKitFails(Class<?> kit, TestReporter reporter, String... mustFail) {
        List<String> failed = failedTests(runKit(kit, reporter));
        Set<String> missed = new TreeSet<>(Set.of(mustFail));
        missed.removeAll(failed);
        assertEquals(Set.of(), missed, kit.getSimpleName() + " should have failed these kit tests; it failed " + failed);
    }

    private static TestExecutionSummary runKit(Class<?> kit, TestReporter reporter) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(kit))
                .configurationParameter(LAUNCHED_FROM_HERE, "true")
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getLauncher().execute(request, listener);
        }
        TestExecutionSummary summary = listener.getSummary();
        reporter.publishEntry(kit.getSimpleName(), "found " + summary.getTestsFoundCount() + ", failed "
                + failedTests(summary) + ", skipped " + summary.getTestsAbortedCount());
        return summary;
    }

    /** Names of the failed kit test methods, sorted; a failure outside a method is named by its display name. */
    private static List<String> failedTests(TestExecutionSummary summary) {
        return summary.getFailures().stream()
                .map(f -> {
                    TestSource source = f.getTestIdentifier().getSource().orElse(null);
                    return source instanceof MethodSource m ? m.getMethodName()
                            : f.getTestIdentifier().getDisplayName() + ": " + f.getException();
                })
                .sorted()
                .toList();
    }

    /** Enables a nested kit only inside {@link #runKit}. */
    static final class OnlyWhenLaunchedFromHere implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(LAUNCHED_FROM_HERE, Boolean::parseBoolean).orElse(false)
                    ? ConditionEvaluationResult.enabled("launched by LedgerKitCatchesBrokenStoresTest")
                    : ConditionEvaluationResult.disabled("runs only inside LedgerKitCatchesBrokenStoresTest");
        }
    }

    @ExtendWith(OnlyWhenLaunchedFromHere.class)
    abstract static class NestedKit extends LedgerStoreCompatibilityKit {}

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
