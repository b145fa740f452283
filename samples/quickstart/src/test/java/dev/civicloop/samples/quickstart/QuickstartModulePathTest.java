package dev.civicloop.samples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Launches the quickstart as its own JVM on the real module path, exactly as a user would:
 * {@code java -p target/classes:<runtime dependencies> -m dev.civicloop.samples.quickstart/…Quickstart}.
 * Surefire opens every module to the tests, so an in-JVM run would hide a missing {@code opens},
 * {@code requires} or service binding (slf4j-simple); this one fails on it.
 *
 * <p>The runtime dependencies come from {@code target/runtime-module-path.txt}, which
 * {@code dependency:build-classpath} writes in the generate-test-resources phase.
 */
class QuickstartModulePathTest {
    private static final String MAIN = "dev.civicloop.samples.quickstart/dev.civicloop.samples.quickstart.Quickstart";

    @TempDir
    Path tmp;

    @Test
    void englishRunOnTheModulePathPlaysBothCasesToClosedAndCountsTheStreetsFigures() throws Exception {
        new Transcript(launch("--lang=en")).assertShows(Transcript.ENGLISH);
    }

    @Test
    void chineseRunOnTheModulePathShowsTheSameStoryWithChineseLabels() throws Exception {
        new Transcript(launch("--lang=zh")).assertShows(Transcript.CHINESE);
    }

    /** Runs the quickstart in a child JVM; returns its standard output after asserting a clean exit. */
    private String launch(String lang) throws IOException, InterruptedException {
        ChildJvm.Result run = ChildJvm.run(List.of(ChildJvm.tool("java").toString(),
                "-p", ChildJvm.quickstartModulePath(), "-m", MAIN, lang), tmp);
        assertEquals(0, run.exitValue(), run.describe());
        // slf4j-api finds slf4j-simple on the module path only through service binding; without it, it warns.
        assertFalse(run.err().contains("SLF4J"), "slf4j-simple must be bound on the module path:\n" + run.describe());
        assertFalse(run.err().contains("Exception"), run.describe());
        return run.out();
    }
}
