package dev.civicloop.samples.quickstart;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a JDK tool ({@code java}, {@code javac}) of the JDK running the tests as a child process,
 * with the quickstart's real runtime module path. Output goes to files, so a chatty child can never
 * block on a full pipe; a child still running after 60 s is destroyed and the test fails.
 */
final class ChildJvm {
    private static final long TIMEOUT_SECONDS = 60;

    record Result(List<String> command, int exitValue, String out, String err) {
        String describe() {
            return String.join(" ", command) + "\nexit " + exitValue + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private ChildJvm() {}

    /** {@code <java.home>/bin/<name>}. */
    static Path tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name);
    }

    static Result run(List<String> command, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path stdout = Files.createTempFile(workDir, "stdout-", ".txt");
        Path stderr = Files.createTempFile(workDir, "stderr-", ".txt");
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("still running after " + TIMEOUT_SECONDS + " s, destroyed: " + String.join(" ", command));
            }
        } finally {
            process.destroyForcibly();
        }
        return new Result(command, process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /** The runtime dependencies the build listed in target/runtime-module-path.txt (not the quickstart itself). */
    static String dependencies() throws IOException {
        Path listing = Path.of(System.getProperty("quickstart.modulePathFile", "target/runtime-module-path.txt"));
        assertTrue(Files.isRegularFile(listing), listing.toAbsolutePath()
                + " is missing: dependency:build-classpath writes it in generate-test-resources");
        String dependencies = Files.readString(listing, StandardCharsets.UTF_8).strip();
        assertTrue(dependencies.contains("governance-core"), "the listing names governance-core: " + dependencies);
        return dependencies;
    }

    /** The compiled quickstart module (target/classes) followed by its runtime dependencies. */
    static String quickstartModulePath() throws IOException {
        Path classes = Path.of(System.getProperty("quickstart.classes", "target/classes"));
        assertTrue(Files.isRegularFile(classes.resolve("module-info.class")),
                "compiled module at " + classes.toAbsolutePath());
        return classes.toAbsolutePath() + File.pathSeparator + dependencies();
    }
}
