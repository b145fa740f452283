package dev.civicloop.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.store.TicketQuery;
import dev.civicloop.spi.store.TicketSummary;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The outbox survives a crash: a separate JVM commits commands and is killed with SIGKILL
 * ({@code Process.destroyForcibly()}) before it delivers anything, possibly in the middle of a
 * transaction; a new engine on the same database then delivers every notification of every
 * committed command — none lost — and nothing of a half-written command shows.
 */
class JdbcTicketStoreCrashTest {
    private static final int COMMITS_BEFORE_KILL = 6;

    @Test
    void notificationsCommittedByAKilledProcessAreDeliveredByTheNextOneOnH2() throws Exception {
        Path dir = Files.createTempDirectory("civicloop-crash-");
        try {
            Path file = dir.resolve("civicloop");
            Set<String> committed = runAndKill(dir, "h2", file.toString());
            try (JdbcDatabase db = JdbcDatabase.h2File(file)) {
                deliverEverything(db, committed);
            }
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void notificationsCommittedByAKilledProcessAreDeliveredByTheNextOneOnPostgres() throws Exception {
        TestDatabases.requirePostgres();
        String name = "civicloop_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        admin("CREATE DATABASE " + name);
        String url = TestDatabases.ADMIN_URL.substring(0, TestDatabases.ADMIN_URL.lastIndexOf('/') + 1) + name;
        Path dir = Files.createTempDirectory("civicloop-crash-");
        try {
            Set<String> committed = runAndKill(dir, "postgres", url, TestDatabases.USER, TestDatabases.PASSWORD);
            try (JdbcDatabase db = JdbcDatabase.postgres(url, TestDatabases.USER, TestDatabases.PASSWORD, 2)) {
                deliverEverything(db, committed);
            }
        } finally {
            deleteTree(dir);
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** Starts the writer JVM, waits for its commits, kills it with SIGKILL; returns the committed tickets. */
    private static Set<String> runAndKill(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", testClassPath(),
                JdbcTicketStoreCrashWriter.class.getName()));
        command.addAll(List.of(args));
        Path log = dir.resolve("writer.log");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        Set<String> committed = new LinkedHashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; committed.size() < COMMITS_BEFORE_KILL && (line = out.readLine()) != null; ) {
                if (line.startsWith("COMMITTED ")) {
                    committed.add(line.substring("COMMITTED ".length()));
                }
            }
            // Killed while it keeps writing: the next command may be half-way through its transaction.
            p.destroyForcibly();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                fail("the writer JVM did not die within 30 s of SIGKILL");
            }
        } finally {
            p.destroyForcibly();
        }
        if (committed.size() < COMMITS_BEFORE_KILL) {
            fail("the writer JVM stopped after " + committed.size() + " commits; its log:\n" + Files.readString(log));
        }
        assertTrue(p.exitValue() != 0, "the writer was killed, not finished: exit " + p.exitValue());
        return committed;
    }

    private static void deliverEverything(JdbcDatabase db, Set<String> committed) throws SQLException {
        JdbcTicketStore store = db.ticketStore();
        long pendingAfterCrash = store.pendingCount();
        assertEquals(countRows(db, "SELECT COUNT(*) FROM outbox"), pendingAfterCrash,
                "the killed writer delivered nothing, so every notification is pending");

        List<Notification> delivered = new ArrayList<>();
        GovernanceEngine next = JdbcTicketStoreCity.engine(store, delivered::add, () -> TicketId.of("unused"));
        while (next.deliverNotifications() > 0) {
            // one pass delivers at most one batch
        }

        assertEquals(0, store.pendingCount(), "notifications pending after the new engine's delivery");
        assertEquals(pendingAfterCrash, delivered.size(), "notifications delivered versus committed");
        assertEquals(delivered.size(), delivered.stream().map(Notification::id).distinct().count(),
                "notification ids delivered twice");
        Set<String> dispatchedFor = delivered.stream().filter(n -> n.topic().equals("dispatched"))
                .map(n -> n.ticketId().value()).collect(Collectors.toSet());
        for (String ticket : committed) {
            assertTrue(dispatchedFor.contains(ticket), "no 'dispatched' notification delivered for committed " + ticket);
        }
        // All or nothing: every stored ticket is whole, and a dispatched one has its notifications.
        Set<String> stored = new HashSet<>();
        for (TicketSummary s : store.query(TicketQuery.all().limit(TicketQuery.MAX_LIMIT)).items()) {
            stored.add(s.ticketId().value());
            assertEquals(s.version(), store.load(s.ticketId()).size(), "events of " + s.ticketId() + " versus its summary");
            assertEquals(s.state().name().equals("DISPATCHED"), dispatchedFor.contains(s.ticketId().value()),
                    s.ticketId() + " is " + s.state() + "; a 'dispatched' notification delivered for it");
        }
        assertTrue(stored.containsAll(committed), "committed tickets " + committed + " stored " + stored);
    }

    /** The test JVM's own class and module path, all on the class path of the child. */
    private static String testClassPath() {
        List<String> entries = new ArrayList<>();
        entries.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        entries.add(Path.of("target", "classes").toAbsolutePath().toString());
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                entries.addAll(List.of(value.split(File.pathSeparator)));
            }
        }
        return entries.stream().distinct().collect(Collectors.joining(File.pathSeparator));
    }

    private static long countRows(JdbcDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabases.ADMIN_URL, TestDatabases.USER,
                TestDatabases.PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
