package dev.civicloop.store.jdbc;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Real databases for tests. H2: a fresh file under a temporary folder. PostgreSQL: a fresh
 * database on the server at {@code CIVICLOOP_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres},
 * user {@code CIVICLOOP_PG_USER}, default {@code postgres}), dropped afterwards. When no server
 * answers the PostgreSQL tests are skipped loudly — except with {@code CI=true}, where a missing
 * server fails them ({@code scripts/postgres-up.sh} starts one).
 */
final class TestDatabases {
    private TestDatabases() {}

    static final String ADMIN_URL = env("CIVICLOOP_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = env("CIVICLOOP_PG_USER", "postgres");
    static final String PASSWORD = env("CIVICLOOP_PG_PASSWORD", "");

    /** A fresh H2 file database in a new temporary folder; {@link Handle#close()} deletes it. */
    static Handle h2() {
        try {
            Path dir = Files.createTempDirectory("civicloop-h2-");
            try {
                return new Handle(JdbcDatabase.h2File(dir.resolve("civicloop")), () -> deleteTree(dir));
            } catch (RuntimeException e) {
                deleteTree(dir);
                throw e;
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh PostgreSQL database; {@link Handle#close()} drops it. */
    static Handle postgres(int poolSize) {
        String name = "civicloop_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        requirePostgres();
        admin("CREATE DATABASE " + name);
        String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
        Runnable drop = () -> admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        try {
            return new Handle(JdbcDatabase.postgres(url, USER, PASSWORD, poolSize), drop);
        } catch (RuntimeException e) {
            drop.run();
            throw e;
        }
    }

    /**
     * A fresh PostgreSQL database as an older release left it: migrated up to {@code version},
     * then {@code setupSql} run on it; then opened (and so migrated to the latest); dropped on close.
     */
    static Handle postgresUpgradedFrom(String version, String setupSql) {
        String name = "civicloop_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        requirePostgres();
        admin("CREATE DATABASE " + name);
        String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
        Runnable drop = () -> admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        try {
            org.flywaydb.core.Flyway.configure().dataSource(url, USER, PASSWORD)
                    .locations("classpath:db/migration", "classpath:db/postgresql").target(version).load().migrate();
            try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement s = c.createStatement()) {
                s.execute(setupSql);
            }
            return new Handle(JdbcDatabase.postgres(url, USER, PASSWORD, 2), drop);
        } catch (RuntimeException | SQLException e) {
            drop.run();
            throw new IllegalStateException("cannot prepare a database at V" + version + ": " + e.getMessage(), e);
        }
    }

    /** Skips (or, with CI=true, fails) when no PostgreSQL answers. */
    static void requirePostgres() {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD)) {
            c.isValid(5);
        } catch (SQLException e) {
            String why = "no PostgreSQL at " + ADMIN_URL + " as " + USER + " (" + e.getMessage()
                    + "); run scripts/postgres-up.sh to start one";
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true and " + why);
            }
            System.err.println("SKIPPING PostgreSQL tests: " + why);
            assumeTrue(false, why);
        }
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** A database for one test class; closing it closes the pool and removes the database. */
    record Handle(JdbcDatabase db, Runnable cleanup) implements AutoCloseable {
        @Override
        public void close() {
            db.close();
            cleanup.run();
        }
    }
}
