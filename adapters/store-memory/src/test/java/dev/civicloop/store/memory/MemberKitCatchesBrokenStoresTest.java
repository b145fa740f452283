package dev.civicloop.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.member.MemberStore;
import dev.civicloop.tck.MemberStoreCompatibilityKit;
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
 * Tests the member conformance kit itself: run through the JUnit Platform Launcher against the
 * correct in-memory member store it passes, and against each deliberately broken store
 * ({@link BrokenMemberStores}) it fails, in the tests named for that bug.
 *
 * <p>The kits meant to fail are static nested classes (surefire never selects them) carrying
 * {@link OnlyWhenLaunchedFromHere}, which disables them unless the launch request carries the
 * configuration parameter {@link #runKit} sets; see {@link ConformanceKitCatchesBrokenStoresTest}.
 */
class MemberKitCatchesBrokenStoresTest {

    private static final String LAUNCHED_FROM_HERE = "civicloop.tck.run-nested-member-kits";

    @Test
    void theInMemoryMemberStorePassesEveryTestOfTheKit(TestReporter reporter) {
        TestExecutionSummary summary = runKit(CorrectStoreKit.class, reporter);
        assertEquals(List.of(), failedTests(summary), "kit tests failed against InMemoryMemberStore");
        assertEquals(0, summary.getTestsAbortedCount(), "kit tests skipped");
        assertTrue(summary.getTestsSucceededCount() >= 20,
                "the kit ran only " + summary.getTestsSucceededCount() + " tests; was it discovered at all?");
    }

    @Test
    void aStoreThatIgnoresExpectedVersionsFailsTheConflictTests(TestReporter reporter) {
        assertKitFails(IgnoresExpectedVersionsKit.class, reporter,
                "aStaleExpectedVersionIsRefusedAndLeavesItsCommandIdUnused",
                "anExpectedVersionAheadOfTheStreamIsRefused",
                "expectedVersionZeroAdmitsOnlyTheFirstAppendToAStream",
                "exactlyOneOfSixteenAppendsFromTheSameVersionWinsEveryRound");
    }

    @Test
    void aStoreThatWritesEventByEventFailsTheAtomicityTests(TestReporter reporter) {
        assertKitFails(NotAtomicKit.class, reporter,
                "aUsedCommandIdIsDuplicateCommandEvenForEqualContentAndWritesNothing",
                "readersDuringConcurrentAppendsSeeEveryEventOnceAndNeverPartOfAnAppend");
    }

    @Test
    void aStoreThatIsIdempotentByItselfFailsTheCommandIdTest(TestReporter reporter) {
        assertKitFails(IdempotentOnEqualContentKit.class, reporter,
                "aUsedCommandIdIsDuplicateCommandEvenForEqualContentAndWritesNothing");
    }

    @Test
    void aStoreWhoseCacheForgetsErasureFailsTheErasureTests(TestReporter reporter) {
        assertKitFails(ErasureMissesTheCacheKit.class, reporter,
                "erasureRemovesAMembersPersonalDataForGoodAndOnlyTheirs",
                "erasureLeavesTheStreamsWhole",
                "afterErasureNothingTheStoreReturnsHoldsTheUnmaskedPhone");
    }

    @Test
    void aStoreWhoseErasureRevealsAnOlderVersionFailsTheErasureTests(TestReporter reporter) {
        assertKitFails(ErasureRevealsOlderDataKit.class, reporter,
                "erasureRemovesAMembersPersonalDataForGoodAndOnlyTheirs",
                "afterErasureNothingTheStoreReturnsHoldsTheUnmaskedPhone");
    }

    @Test
    void aStoreThatLosesEventsUnderConcurrencyFailsTheConcurrencyTests(TestReporter reporter) {
        assertKitFails(LosesEventsUnderConcurrencyKit.class, reporter,
                "exactlyOneOfSixteenAppendsFromTheSameVersionWinsEveryRound",
                "sixteenThreadsAppendingToTheirOwnStreamsLoseNothing",
                "readersDuringConcurrentAppendsSeeEveryEventOnceAndNeverPartOfAnAppend");
    }

    @Test
    void aStoreWhoseReadAfterRepeatsTheGivenPositionFailsTheFeedTests(TestReporter reporter) {
        assertKitFails(ReadAfterIncludesTheGivenPositionKit.class, reporter,
                "appendedEventsComeBackEqualFromTheStreamTheCommandAndTheFeed",
                "readAfterPagesThroughEveryEventInPositionOrder",
                "readersDuringConcurrentAppendsSeeEveryEventOnceAndNeverPartOfAnAppend");
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
                    ? ConditionEvaluationResult.enabled("launched by MemberKitCatchesBrokenStoresTest")
                    : ConditionEvaluationResult.disabled("runs only inside MemberKitCatchesBrokenStoresTest");
        }
    }

    @ExtendWith(OnlyWhenLaunchedFromHere.class)
    abstract static class NestedKit extends MemberStoreCompatibilityKit {}

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
