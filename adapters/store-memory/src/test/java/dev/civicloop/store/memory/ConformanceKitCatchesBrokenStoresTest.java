package dev.civicloop.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.store.TicketStore;
import dev.civicloop.tck.TicketStoreCompatibilityKit;
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
 * Tests the conformance kit itself: run through the JUnit Platform Launcher against the correct
 * store it passes, and against each deliberately broken store ({@link BrokenStores}) it fails, in
 * the tests named for that bug.
 *
 * <p>How the kits that are meant to fail stay out of the normal test run: they are static nested
 * classes, which surefire never selects (its default excludes are {@code **}{@code /*$*}) and which
 * Jupiter does not descend into when it runs this outer class. Any other runner (an IDE running a
 * package, a console launcher scanning the class path) would find them, so they also carry
 * {@link OnlyWhenLaunchedFromHere}: it disables them unless the launch request carries the
 * configuration parameter that {@link #runKit} sets.
 */
class ConformanceKitCatchesBrokenStoresTest {

    private static final String LAUNCHED_FROM_HERE = "civicloop.tck.run-nested-kits";

    @Test
    void theCorrectStorePassesEveryTestOfTheKit(TestReporter reporter) {
        TestExecutionSummary summary = runKit(CorrectStoreKit.class, reporter);
        assertEquals(List.of(), failedTests(summary), "kit tests failed against InMemoryTicketStore");
        assertEquals(0, summary.getTestsAbortedCount(), "kit tests skipped against an OutboxStore");
        assertTrue(summary.getTestsSucceededCount() >= 30,
                "the kit ran only " + summary.getTestsSucceededCount() + " tests; was it discovered at all?");
    }

    @Test
    void aStoreThatIsNoOutboxPassesAndSkipsTheOutboxTests(TestReporter reporter) {
        TestExecutionSummary summary = runKit(TicketStoreOnlyKit.class, reporter);
        assertEquals(List.of(), failedTests(summary), "kit tests failed against a correct TicketStore-only store");
        assertEquals(6, summary.getTestsAbortedCount(), "outbox tests skipped by assumption");
    }

    @Test
    void aStoreThatIgnoresTheExpectedVersionFailsTheConflictTests(TestReporter reporter) {
        assertKitFails(IgnoresExpectedVersionKit.class, reporter,
                "staleExpectedVersionIsRefusedAndNothingChanges",
                "reportingATicketThatAlreadyExistsIsRefusedAndNothingChanges",
                "expectedVersionAheadOfTheTicketIsRefused",
                "onlyOneOfSixteenConcurrentAppendsWithTheSameExpectedVersionWins");
    }

    @Test
    void aStoreThatLosesEventsUnderConcurrencyFailsTheConcurrencyTests(TestReporter reporter) {
        assertKitFails(LosesEventsUnderConcurrencyKit.class, reporter,
                "onlyOneOfSixteenConcurrentAppendsWithTheSameExpectedVersionWins",
                "sixteenWritersRetryingOnConflictLoseNothing");
    }

    @Test
    void aStoreThatReturnsEventsOutOfOrderFailsTheOrderingTests(TestReporter reporter) {
        assertKitFails(ReordersEventsKit.class, reporter,
                "appendedEventsLoadBackInVersionOrder",
                "everyKindOfEventSurvivesTheRoundTripWithAllItsFields",
                "concurrentAppendsToManyTicketsKeepOneGlobalOrder",
                "aReaderFollowingTheFeedDuringConcurrentAppendsSeesEveryEventOnce");
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

    /** Enables a nested kit only inside {@link #runKit}; see the class comment. */
    static final class OnlyWhenLaunchedFromHere implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(LAUNCHED_FROM_HERE, Boolean::parseBoolean).orElse(false)
                    ? ConditionEvaluationResult.enabled("launched by ConformanceKitCatchesBrokenStoresTest")
                    : ConditionEvaluationResult.disabled("runs only inside ConformanceKitCatchesBrokenStoresTest");
        }
    }

    @ExtendWith(OnlyWhenLaunchedFromHere.class)
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

    static class ReordersEventsKit extends NestedKit {
        @Override
        protected TicketStore createStore() {
            return new BrokenStores.ReordersEvents();
        }
    }
}
