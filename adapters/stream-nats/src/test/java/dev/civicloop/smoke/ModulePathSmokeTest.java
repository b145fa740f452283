package dev.civicloop.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Surefire patches tests into the module and opens everything, which hides a missing
 * {@code requires} or {@code opens}; this launches a real {@code java -p …} with only the module,
 * its runtime dependencies, the engine and the in-memory stores, the way an embedder's
 * application starts, and publishes to a private {@code nats-server}.
 */
class ModulePathSmokeTest {
    @TempDir
    Path work;
    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theStreamModulePublishesTicketPointsAndMemberEventsOnTheRealModulePath() throws Exception {
        dev.civicloop.stream.nats.PrivateNatsServer.requireBinary();
        int port = freePort();
        Files.createDirectories(work.resolve("jetstream"));
        server = new ProcessBuilder(System.getProperty("nats.server", "/usr/sbin/nats-server"), "-js", "-p",
                Integer.toString(port), "-sd", work.resolve("jetstream").toString(), "-a", "127.0.0.1")
                .redirectErrorStream(true).redirectOutput(work.resolve("nats.log").toFile()).start();
        awaitAccepting(port);

        Path classes = Path.of(System.getProperty("stream.classes", "target/classes"));
        Path testClasses = Path.of(System.getProperty("stream.testClasses", "target/test-classes"));
        Path listing = Path.of(System.getProperty("stream.modulePathFile", "target/runtime-module-path.txt"));
        assertTrue(Files.isRegularFile(listing), "dependency:build-classpath writes " + listing);
        // The engine and the in-memory stores are test dependencies: take them from where this JVM loaded them.
        String modulePath = String.join(File.pathSeparator, classes.toAbsolutePath().toString(),
                locationOf(dev.civicloop.store.memory.InMemoryTicketStore.class),
                locationOf(dev.civicloop.core.GovernanceEngine.class), Files.readString(listing).strip());
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", modulePath, "--add-modules", "dev.civicloop.stream.nats,dev.civicloop.store.memory,dev.civicloop.core",
                "-cp", testClasses.toAbsolutePath().toString(),
                StreamOnTheModulePath.class.getName(), "nats://127.0.0.1:" + port,
                work.resolve("checkpoint.properties").toString());
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished within 60 s");
        } finally {
            p.destroyForcibly();
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
        assertEquals(List.of("module dev.civicloop.stream.nats", "published 3",
                "civicloop.tickets.T1 tickets/T1/1 true",
                "civicloop.points.member.wang-bin points/award-1 true",
                "civicloop.members.member.wang-bin members/member:wang-bin/1 true"), stdout.lines().toList(), stderr);
    }

    private static String locationOf(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static int freePort() throws Exception {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (s.getLocalPort() != 4222) { // never the machine's shared broker
                    return s.getLocalPort();
                }
            }
        }
    }

    private void awaitAccepting(int port) throws Exception {
        for (int i = 0; i < 600; i++) {
            assertTrue(server.isAlive(), () -> "nats-server exited: " + read(work.resolve("nats.log")));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nats-server did not accept on " + port + ": " + read(work.resolve("nats.log")));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
