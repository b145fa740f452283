package dev.civicloop.samples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Embedding" example is a whole program; a stranger will paste it. This test takes
 * the Java block out of README.md, compiles it with {@code javac} against the real module path
 * (as class-path code, the way most applications embed a library) and runs it.
 */
class ReadmeEmbeddingExampleTest {
    private static final String MODULES = "dev.civicloop.core,dev.civicloop.store.memory";

    @TempDir
    Path tmp;

    @Test
    void theReadmeEmbeddingExampleCompilesAndDispatchesTheUrgentReportOnItsOwn() throws Exception {
        Path readme = Path.of(System.getProperty("quickstart.readme", "../../README.md"));
        assertTrue(Files.isRegularFile(readme), "README.md at " + readme.toAbsolutePath());
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int start = text.indexOf("```java\n");
        assertTrue(start >= 0, "README.md has a ```java block");
        int end = text.indexOf("```", start + 8);
        Path source = tmp.resolve("src/Embed.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, text.substring(start + 8, end), StandardCharsets.UTF_8);

        String modulePath = ChildJvm.dependencies();
        Path classes = tmp.resolve("classes");
        ChildJvm.Result javac = ChildJvm.run(List.of(ChildJvm.tool("javac").toString(), "-encoding", "UTF-8",
                "-p", modulePath, "--add-modules", MODULES, "-d", classes.toString(), source.toString()), tmp);
        assertEquals(0, javac.exitValue(), "the README example must compile:\n" + javac.describe());

        ChildJvm.Result java = ChildJvm.run(List.of(ChildJvm.tool("java").toString(), "-Dstdout.encoding=UTF-8",
                "-Dsun.stdout.encoding=UTF-8", "-Dfile.encoding=UTF-8",
                "-p", modulePath, "--add-modules", MODULES, "-cp", classes.toString(), "Embed"), tmp);
        assertEquals(0, java.exitValue(), java.describe());
        List<String> lines = java.out().lines().toList();
        assertEquals(3, lines.size(), java.describe());
        assertEquals("reported → submitted · gas_leak (urgent) · 院内燃气味很重", lines.get(0));
        assertTrue(lines.get(1).startsWith("dispatched → dispatched · yuanhang · lead gas-co · "), lines.get(1));
        assertEquals("claimed → claimed · yuanhang", lines.get(2));
    }
}
