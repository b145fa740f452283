package dev.civicloop.stream.nats;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private {@code nats-server} with JetStream for one test: its own free port on 127.0.0.1 and
 * its own store folder, so a test may kill and restart it. Never the machine's shared broker on
 * 4222.
 */
public final class PrivateNatsServer implements AutoCloseable {
    private static final int SHARED_BROKER_PORT = 4222;
    private final Path storeDir;
    private final Path log;
    private final int port;
    private Process process;

    private PrivateNatsServer(Path storeDir, Path log, int port) {
        this.storeDir = storeDir;
        this.log = log;
        this.port = port;
    }

    /** Starts a server on a free port with its store under {@code dir}. */
    static PrivateNatsServer start(Path dir) throws IOException, InterruptedException {
        requireBinary();
        PrivateNatsServer s = new PrivateNatsServer(dir.resolve("jetstream"), dir.resolve("nats-server.log"), freePort());
        Files.createDirectories(s.storeDir);
        s.restart();
        return s;
    }

    /**
     * Skips loudly when there is no nats-server to start (scripts/nats-server-install.sh installs
     * Debian's package); with {@code CI=true} a missing server fails instead.
     */
    public static void requireBinary() {
        Path binary = Path.of(System.getProperty("nats.server", "/usr/sbin/nats-server"));
        if (Files.isExecutable(binary)) {
            return;
        }
        String why = "no nats-server at " + binary + "; run scripts/nats-server-install.sh (Debian package nats-server)";
        if ("true".equals(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail("CI=true and " + why);
        }
        System.err.println("SKIPPING NATS JetStream tests: " + why);
        org.junit.jupiter.api.Assumptions.assumeTrue(false, why);
    }

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Starts (again) on the same port and store folder and waits until it accepts connections. */
    void restart() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("nats-server is still running on " + port);
        }
        String binary = System.getProperty("nats.server", "/usr/sbin/nats-server");
        process = new ProcessBuilder(List.of(binary, "-js", "-p", Integer.toString(port), "-sd", storeDir.toString(),
                "-a", "127.0.0.1"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("nats-server did not accept on " + port + " within 30 s:\n"
                            + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
    }

    /** Kills the server as a crash would (SIGKILL): no clean shutdown, the store folder stays. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                if (s.getLocalPort() != SHARED_BROKER_PORT) {
                    return s.getLocalPort();
                }
            }
        }
    }
}
