package dev.civicloop.store.jdbc;

import dev.civicloop.tck.MemberFixtures;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Empties the ledger or member tables between tests of one class, so a class opens its database
 * once (a fresh PostgreSQL database per test would cost a second each), and registers the
 * conformance kit's event records.
 */
final class LedgerMemberTables {
    private LedgerMemberTables() {}

    static void clearLedger(JdbcDatabase db) {
        run(db, "DELETE FROM ledger_entries", "DELETE FROM ledger_balances", "DELETE FROM ledger_accounts",
                "DELETE FROM ledger_postings", "UPDATE ledger_counter SET last_position = 0", "DELETE FROM outbox");
    }

    static void clearMembers(JdbcDatabase db) {
        run(db, "DELETE FROM member_events", "DELETE FROM member_commands", "DELETE FROM member_personal_data",
                "UPDATE member_counter SET last_position = 0", "DELETE FROM outbox");
    }

    /** The conformance kit's own event records (MemberFixtures), as a city registers the members module's. */
    static MemberEventTypes fixtureTypes() {
        return MemberEventTypes.builder()
                .add(MemberFixtures.MemberApplied.class)
                .add(MemberFixtures.MemberApproved.class)
                .add(MemberFixtures.MemberLeft.class)
                .add(MemberFixtures.TaskPublished.class)
                .add(MemberFixtures.TaskClaimed.class)
                .add(MemberFixtures.TaskCompleted.class)
                .add(MemberFixtures.ActivityAttended.class)
                .add(MemberFixtures.MemberNoted.class)
                .build();
    }

    /** A fresh database of the dialect (PostgreSQL: skipped loudly without a server, failed with CI=true). */
    static TestDatabases.Handle open(JdbcDatabase.Dialect dialect, int poolSize) {
        return dialect == JdbcDatabase.Dialect.H2 ? TestDatabases.h2() : TestDatabases.postgres(poolSize);
    }

    /**
     * Waits until another writer of this database waits (an append queued behind the counter row
     * on PostgreSQL, behind the write gate on H2), failing after a minute.
     */
    static void awaitASessionWaitingForALock(JdbcDatabase db) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        while (!aWriterWaits(db)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no session queued behind the counter lock within a minute");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
        }
    }

    /**
     * True while a writer of this database waits for another: on PostgreSQL a session waiting for
     * a lock, on H2 a thread waiting at the write gate (H2 writers never wait inside H2).
     */
    static boolean aWriterWaits(JdbcDatabase db) {
        return db.dialect() == JdbcDatabase.Dialect.H2 ? WriteGate.of(db.dataSource()).hasQueuedWriters()
                : count(db, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND wait_event_type = 'Lock'") > 0;
    }

    static long count(JdbcDatabase db, String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                var r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static String string(JdbcDatabase db, String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                var r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static void run(JdbcDatabase db, String... statements) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
