package dev.civicloop.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.StoreFailure;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * A pooled connection to the database the stores share, migrated to the current schema on open.
 * H2 in file mode is the embedded default ({@link #h2File}); PostgreSQL serves many stateless
 * application nodes on one database ({@link #postgres}). Close it when the application stops.
 *
 * <pre>{@code
 * try (JdbcDatabase db = JdbcDatabase.h2File(Path.of("data/civicloop"))) {
 *     TicketStore tickets = db.ticketStore();
 * }
 * }</pre>
 */
public final class JdbcDatabase implements AutoCloseable {
    /** Which SQL dialect the stores speak. */
    public enum Dialect {
        H2,
        POSTGRESQL
    }

    private final HikariDataSource pool;
    private final Dialect dialect;

    private JdbcDatabase(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    /** H2 in file mode at {@code file} (H2 adds {@code .mv.db}); created and migrated if new. */
    public static JdbcDatabase h2File(Path file) {
        if (file == null) {
            throw new InvalidConfiguration("h2File: the database file is required");
        }
        // WRITE_DELAY=0: a commit reaches the file before it returns; H2's default 500 ms delay loses
        // committed work (and outbox entries) when the process is killed (JdbcTicketStoreCrashTest).
        return open("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0",
                null, null, 10, Dialect.H2, file);
    }

    /** A PostgreSQL database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/civicloop}, migrated on open. */
    public static JdbcDatabase postgres(String jdbcUrl, String user, String password, int poolSize) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new InvalidConfiguration("postgres: jdbcUrl must start with jdbc:postgresql:, was " + jdbcUrl);
        }
        return open(jdbcUrl, user, password, poolSize, Dialect.POSTGRESQL, null);
    }

    /** @param h2File the H2 file, whose writers share one {@link WriteGate}; null for PostgreSQL */
    private static JdbcDatabase open(String url, String user, String password, int poolSize, Dialect dialect,
            Path h2File) {
        if (poolSize < 1) {
            throw new InvalidConfiguration("poolSize must be at least 1, was " + poolSize);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        // Every store relies on READ COMMITTED; set once for the pool, since setting it per
        // transaction costs PostgreSQL a round trip (and Hikari another to reset it).
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setPoolName("civicloop-" + dialect.name().toLowerCase(java.util.Locale.ROOT));
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreFailure("cannot connect to " + url + ": " + e.getMessage(), e);
        }
        try {
            // db/migration runs on both (Flyway scans it with its subfolders); db/postgresql holds what only PostgreSQL can do.
            String[] locations = dialect == Dialect.POSTGRESQL
                    ? new String[] {"classpath:db/migration", "classpath:db/postgresql"}
                    : new String[] {"classpath:db/migration"};
            Flyway.configure().dataSource(pool).locations(locations).load().migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new StoreFailure("cannot migrate " + url + ": " + e.getMessage(), e);
        }
        if (dialect == Dialect.H2) {
            WriteGate.gateH2(pool, h2File);
        }
        return new JdbcDatabase(pool, dialect);
    }

    /** The pool, for the stores. */
    public DataSource dataSource() {
        return pool;
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * The points ledger in this database (postings, account versions, balances); the notifications
     * of its appends go to the same outbox as {@link #ticketStore()}'s.
     */
    public JdbcLedgerStore ledgerStore() {
        return new JdbcLedgerStore(pool);
    }

    /** The points supermarket's catalogue in this database (item definitions; stock stays in the ledger). */
    public JdbcCatalogueStore catalogueStore() {
        return new JdbcCatalogueStore(pool);
    }

    /**
     * The member store in this database; {@code types} names the event records it may store and
     * read back (the members module's, the city's own). The notifications of its appends (notices
     * to members) go to the same outbox as {@link #ticketStore()}'s.
     */
    public JdbcMemberStore memberStore(MemberEventTypes types) {
        if (types == null) {
            throw new InvalidConfiguration("memberStore: the member event types are required, e.g."
                    + " MemberEventTypes.builder().sealed(EnrolmentEvent.class).build()");
        }
        return new JdbcMemberStore(pool, dialect, types);
    }

    /**
     * The ticket store and transactional outbox on this database (also a {@link dev.civicloop.spi.store.OutboxStore}, so
     * {@code GovernanceEngine.builder().store(db.ticketStore())} delivers from it). Cheap: stores
     * share this pool, so create one per engine or share it.
     */
    public JdbcTicketStore ticketStore() {
        return new JdbcTicketStore(pool, dialect);
    }

    /** Checks the database answers. */
    public void ping() {
        try (var c = pool.getConnection()) {
            if (!c.isValid(5)) {
                throw new StoreFailure("database did not answer within 5 s", null);
            }
        } catch (SQLException e) {
            throw new StoreFailure("database unreachable: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        WriteGate.forget(pool);
        pool.close();
    }
}
