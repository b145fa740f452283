package dev.civicloop.samples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The quickstart's main logic in this JVM: languages, arguments, and the same output on every run. */
class QuickstartTest {

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Quickstart.run(args, o, e);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutArgumentsTheQuickstartSpeaksChinese() {
        Run run = run();
        assertEquals(0, run.status(), run.err());
        assertEquals(run("--lang=zh").out(), run.out(), "Chinese is the default");
        new Transcript(run.out()).assertShows(Transcript.CHINESE);
    }

    @Test
    void englishLabelsWithLangEn() {
        Run run = run("--lang=en");
        assertEquals(0, run.status(), run.err());
        new Transcript(run.out()).assertShows(Transcript.ENGLISH);
    }

    @Test
    void theFixedClockMakesEveryRunPrintTheSameTranscript() {
        assertEquals(run("--lang=en").out(), run("--lang=en").out());
    }

    @Test
    void anUnknownArgumentPrintsUsageAndExitsWithTwo() {
        Run run = run("--lang=fr");
        assertEquals(2, run.status());
        assertEquals("", run.out(), "nothing is played");
        assertTrue(run.err().contains("unknown argument '--lang=fr'"), run.err());
        assertTrue(run.err().contains("usage: Quickstart [--lang=zh|--lang=en]"), run.err());
    }
}
