package dev.civicloop.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Surefire patches tests into the module and opens everything, which hides a missing
 * {@code requires} or {@code opens}; this launches a real {@code java -p …} with only the module
 * and its runtime dependencies, the way an embedder's application starts.
 */
class ModulePathSmokeTest {
    @Test
    void theWebhookModuleSignsAndVerifiesOnTheRealModulePath(@TempDir Path work) throws Exception {
        Path classes = Path.of(System.getProperty("webhook.classes", "target/classes"));
        Path testClasses = Path.of(System.getProperty("webhook.testClasses", "target/test-classes"));
        Path listing = Path.of(System.getProperty("webhook.modulePathFile", "target/runtime-module-path.txt"));
        assertTrue(Files.isRegularFile(listing), "dependency:build-classpath writes " + listing);
        String modulePath = classes.toAbsolutePath() + File.pathSeparator + Files.readString(listing).strip();
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", modulePath, "--add-modules", "dev.civicloop.notify.webhook,jdk.httpserver",
                "-cp", testClasses.toAbsolutePath().toString(),
                WebhookOnTheModulePath.class.getName());
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished within 60 s");
        } finally {
            p.destroyForcibly();
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
        assertEquals(List.of("verified T1-2-dispatched-D-gas-co department:gas-co gas_leak",
                        "rejected SIGNATURE_MISMATCH", "refused 401", "module dev.civicloop.notify.webhook"),
                stdout.lines().toList(), stderr);
    }
}
