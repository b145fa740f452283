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
    void theMembersModuleEnrolsAndClaimsOnTheRealModulePath(@TempDir Path work) throws Exception {
        Path classes = Path.of(System.getProperty("members.classes", "target/classes"));
        Path testClasses = Path.of(System.getProperty("members.testClasses", "target/test-classes"));
        Path listing = Path.of(System.getProperty("members.modulePathFile", "target/runtime-module-path.txt"));
        assertTrue(Files.isRegularFile(listing), "dependency:build-classpath writes " + listing);
        // The in-memory store is a test dependency: take it from where this JVM loaded it.
        Path memoryStore = Path.of(dev.civicloop.store.memory.InMemoryMemberStore.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        String modulePath = classes.toAbsolutePath() + File.pathSeparator + memoryStore + File.pathSeparator
                + Files.readString(listing).strip();
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", modulePath, "--add-modules", "dev.civicloop.members,dev.civicloop.store.memory",
                "-cp", testClasses.toAbsolutePath().toString(),
                MembersOnTheModulePath.class.getName());
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished within 60 s");
        } finally {
            p.destroyForcibly();
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
        assertEquals(List.of("module dev.civicloop.members", "member ACTIVE 138****5678", "claims 1"),
                stdout.lines().toList(), stderr);
    }
}
