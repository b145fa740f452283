package dev.civicloop.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
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
 * Runs a conformance kit through the JUnit Platform Launcher, for the tests that check a kit
 * catches deliberately broken stores. The kits meant to fail are static nested classes (surefire
 * never selects them) carrying {@link OnlyWhenLaunched}, which disables them unless the launch
 * request carries the configuration parameter {@link #run} sets.
 */
final class KitLauncher {
    private static final String LAUNCHED = "civicloop.tck.run-nested-kits";

    private KitLauncher() {}

    /** Runs every test of the kit class and reports what it found, failed and skipped. */
    static TestExecutionSummary run(Class<?> kit, TestReporter reporter) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(kit))
                .configurationParameter(LAUNCHED, "true")
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

    /** Asserts the kit, run against a broken store, fails at least the named tests. */
    static void assertFails(Class<?> kit, TestReporter reporter, String... mustFail) {
        List<String> failed = failedTests(run(kit, reporter));
        Set<String> missed = new TreeSet<>(Set.of(mustFail));
        missed.removeAll(failed);
        assertEquals(Set.of(), missed, kit.getSimpleName() + " should have failed these kit tests; it failed " + failed);
    }

    /** Names of the failed kit test methods, sorted; a failure outside a method is named by its display name. */
    static List<String> failedTests(TestExecutionSummary summary) {
        return summary.getFailures().stream()
                .map(f -> {
                    TestSource source = f.getTestIdentifier().getSource().orElse(null);
                    return source instanceof MethodSource m ? m.getMethodName()
                            : f.getTestIdentifier().getDisplayName() + ": " + f.getException();
                })
                .sorted()
                .toList();
    }

    /** Enables a nested kit only inside {@link #run}. */
    static final class OnlyWhenLaunched implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(LAUNCHED, Boolean::parseBoolean).orElse(false)
                    ? ConditionEvaluationResult.enabled("launched by KitLauncher")
                    : ConditionEvaluationResult.disabled("runs only inside a *KitCatchesBrokenStoresTest");
        }
    }
}
