package dev.civicloop.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.DuplicatePosting;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.StoreFailure;
import dev.civicloop.spi.ledger.AccountHistory;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.LedgerAppend;
import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.ledger.StoredPosting;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The points ledger on JDBC (H2 or PostgreSQL), from {@link JdbcDatabase#ledgerStore()}. Safe for
 * many threads and for many application nodes on one database: posting ids are a unique key,
 * account versions are moved with {@code UPDATE … WHERE version = ?} and backed by a unique
 * (account, version) key, and every append locks the one row of {@code ledger_counter}, so
 * positions are 1, 2, 3, … in commit order with no gap and a reader never skips a posting
 * committed late.
 *
 * <p>An append's notifications (points awarded to a member) go to the database's {@code outbox}
 * table in the append's transaction, so the engine built on {@link JdbcDatabase#ticketStore()}
 * delivers them with the ticket notifications.
 *
 * <pre>{@code
 * LedgerStore ledger = db.ledgerStore();
 * AccountHistory rider = ledger.account(AccountId.member(ActorId.of("wang-bin")));
 * ledger.append(new LedgerAppend(List.of(redeem), Map.of(rider.account(), rider.version())));
 * }</pre>
 */
public final class JdbcLedgerStore implements LedgerStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {};
    private static final String COLUMNS =
            "p.position, p.posting_id, p.debit, p.credit, p.asset, p.amount, p.kind, p.at_seconds, p.at_nanos, p.details";

    private final DataSource dataSource;
    private final WriteGate gate;
    private final BeforeCommit beforeCommit;

    /** Test hook: runs inside an append's transaction, after its writes and before its commit. */
    @FunctionalInterface
    interface BeforeCommit {
        BeforeCommit NONE = postings -> {};

        void run(List<StoredPosting> postings);
    }

    JdbcLedgerStore(DataSource dataSource) {
        this(dataSource, BeforeCommit.NONE);
    }

    JdbcLedgerStore(DataSource dataSource, BeforeCommit beforeCommit) {
        this.dataSource = dataSource;
        this.gate = WriteGate.of(dataSource);
        this.beforeCommit = beforeCommit;
    }

    @Override
    public List<StoredPosting> append(LedgerAppend append) {
        if (append == null) {
            throw new InvalidInput("append", "is required");
        }
        try (WriteGate.Held held = gate.enter(); Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<StoredPosting> stored = appendIn(c, append);
                beforeCommit.run(stored);
                c.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw refused(append, e);
        }
    }

    /**
     * A unique key refused the write although the checks under the counter lock passed: only a
     * writer that bypassed this class can cause that, and the database kept the ledger whole.
     * Named as the checks would have named it.
     */
    private RuntimeException refused(LedgerAppend append, SQLException e) {
        if (!"23505".equals(e.getSQLState())) {
            return failure("append", e);
        }
        for (Posting p : append.postings()) {
            if (find(p.id()).isPresent()) {
                return new DuplicatePosting(p.id().value(), "is already stored (refused by the database's unique key);"
                        + " nothing was written");
            }
        }
        for (Map.Entry<AccountId, Long> guard : new TreeMap<>(append.expectedVersions()).entrySet()) {
            long actual = account(guard.getKey()).version();
            if (actual != guard.getValue()) {
                return ConcurrencyConflict.onAccount(guard.getKey().value(), guard.getValue(), actual);
            }
        }
        return new StoreFailure("ledger append refused by a unique key (" + e.getMessage() + "); nothing was written,"
                + " retry", e);
    }

    private List<StoredPosting> appendIn(Connection c, LedgerAppend append) throws SQLException {
        // One counter row, locked until commit: appends take positions and commit one at a time, so
        // positions follow commit order, and a refused append (rolled back) gives its positions back.
        long last;
        try (PreparedStatement s = c.prepareStatement("SELECT last_position FROM ledger_counter WHERE id = 1 FOR UPDATE");
                ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new StoreFailure("ledger_counter has no row: the database was not migrated by JdbcDatabase", null);
            }
            last = r.getLong(1);
        }
        // A stored id is reported before a stale version: a retry whose first attempt was stored
        // moved its own guarded account on.
        for (Posting p : append.postings()) {
            if (exists(c, "SELECT 1 FROM ledger_postings WHERE posting_id = ?", p.id().value())) {
                throw new DuplicatePosting(p.id().value(), "is already stored; nothing was written");
            }
        }
        Map<AccountId, Long> versions = new TreeMap<>();
        for (Map.Entry<AccountId, Long> guard : new TreeMap<>(append.expectedVersions()).entrySet()) {
            long actual = version(c, guard.getKey());
            if (actual != guard.getValue()) {
                throw ConcurrencyConflict.onAccount(guard.getKey().value(), guard.getValue(), actual);
            }
            versions.put(guard.getKey(), actual);
        }

        List<StoredPosting> stored = new ArrayList<>(append.postings().size());
        Map<AccountId, Long> touches = new TreeMap<>();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO ledger_postings (position, posting_id, debit,"
                + " credit, asset, amount, kind, at_seconds, at_nanos, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement entry = c.prepareStatement(
                        "INSERT INTO ledger_entries (account, version, position) VALUES (?, ?, ?)")) {
            for (Posting p : append.postings()) {
                StoredPosting s = new StoredPosting(++last, p);
                insert.setLong(1, s.position());
                insert.setString(2, p.id().value());
                insert.setString(3, p.debit().value());
                insert.setString(4, p.credit().value());
                insert.setString(5, p.asset());
                insert.setLong(6, p.amount());
                insert.setString(7, p.kind());
                insert.setLong(8, p.at().getEpochSecond());
                insert.setInt(9, p.at().getNano());
                insert.setString(10, json(p.details()));
                insert.executeUpdate();
                for (AccountId account : List.of(p.debit(), p.credit())) {
                    Long before = versions.get(account);
                    if (before == null) {
                        before = version(c, account);
                        versions.put(account, before);
                    }
                    long n = touches.merge(account, 1L, Long::sum);
                    entry.setString(1, account.value());
                    entry.setLong(2, before + n);
                    entry.setLong(3, s.position());
                    entry.executeUpdate();
                }
                stored.add(s);
            }
        }
        for (Map.Entry<AccountId, Long> t : touches.entrySet()) {
            moveVersion(c, t.getKey(), versions.get(t.getKey()), t.getValue());
        }
        for (Posting p : append.postings()) {
            addToBalance(c, p.asset(), p.debit(), -p.amount());
            addToBalance(c, p.asset(), p.credit(), p.amount());
        }
        // The notifications the postings cause, into the outbox the ticket store delivers from.
        try {
            JdbcOutbox.insert(c, append.notifications());
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new InvalidInput("notifications", "ids must be unique in the outbox; one of " + append.notifications()
                        .stream().map(n -> n.id()).toList() + " is already there; nothing was written");
            }
            throw e;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE ledger_counter SET last_position = ? WHERE id = 1")) {
            s.setLong(1, last);
            s.executeUpdate();
        }
        return List.copyOf(stored);
    }

    private static long version(Connection c, AccountId account) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version FROM ledger_accounts WHERE account = ?")) {
            s.setString(1, account.value());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0L;
            }
        }
    }

    /** Moves an account from the version read to {@code read + touches}; a row moved by anyone else in between is a conflict. */
    private static void moveVersion(Connection c, AccountId account, long read, long touches) throws SQLException {
        if (read == 0) {
            // A concurrent first touch of the same account fails on the primary key.
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger_accounts (account, version) VALUES (?, ?)")) {
                s.setString(1, account.value());
                s.setLong(2, touches);
                s.executeUpdate();
            }
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE ledger_accounts SET version = ? WHERE account = ? AND version = ?")) {
            s.setLong(1, read + touches);
            s.setString(2, account.value());
            s.setLong(3, read);
            if (s.executeUpdate() != 1) {
                throw ConcurrencyConflict.onAccount(account.value(), read, version(c, account));
            }
        }
    }

    private static void addToBalance(Connection c, String asset, AccountId account, long delta) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE ledger_balances SET balance = balance + ? WHERE asset = ? AND account = ?")) {
            s.setLong(1, delta);
            s.setString(2, asset);
            s.setString(3, account.value());
            if (s.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO ledger_balances (asset, account, balance) VALUES (?, ?, ?)")) {
            s.setString(1, asset);
            s.setString(2, account.value());
            s.setLong(3, delta);
            s.executeUpdate();
        }
    }

    @Override
    public Optional<StoredPosting> find(PostingId id) {
        if (id == null) {
            throw new InvalidInput("id", "is required");
        }
        List<StoredPosting> found = query("find", "SELECT " + COLUMNS + " FROM ledger_postings p WHERE p.posting_id = ?",
                s -> s.setString(1, id.value()));
        return found.stream().findFirst();
    }

    @Override
    public AccountHistory account(AccountId account) {
        if (account == null) {
            throw new InvalidInput("account", "is required");
        }
        // One statement, so the version (the count) and the postings come from one snapshot.
        List<StoredPosting> postings = query("account", "SELECT " + COLUMNS + " FROM ledger_entries e"
                + " JOIN ledger_postings p ON p.position = e.position WHERE e.account = ? ORDER BY e.version",
                s -> s.setString(1, account.value()));
        return new AccountHistory(account, postings.size(), postings);
    }

    @Override
    public Map<AccountId, Long> balances(String asset) {
        if (asset == null) {
            throw new InvalidInput("asset", "is required");
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT account, balance FROM ledger_balances WHERE asset = ?")) {
            s.setString(1, asset);
            Map<AccountId, Long> out = new HashMap<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(new AccountId(r.getString(1)), r.getLong(2));
                }
            }
            return Map.copyOf(out);
        } catch (SQLException e) {
            throw failure("balances", e);
        }
    }

    @Override
    public List<StoredPosting> readAfter(long afterPosition, int limit) {
        if (afterPosition < 0) {
            throw new InvalidInput("afterPosition", "must be 0 or more, was " + afterPosition);
        }
        if (limit < 1) {
            throw new InvalidInput("limit", "must be at least 1, was " + limit);
        }
        return query("readAfter", "SELECT " + COLUMNS + " FROM ledger_postings p WHERE p.position > ? ORDER BY p.position"
                + " LIMIT ?", s -> {
                    s.setLong(1, afterPosition);
                    s.setInt(2, limit);
                });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private List<StoredPosting> query(String what, String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            List<StoredPosting> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(posting(r));
                }
            }
            return List.copyOf(out);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static StoredPosting posting(ResultSet r) throws SQLException {
        Map<String, String> details;
        try {
            details = JSON.readValue(r.getString(10), DETAILS);
        } catch (JsonProcessingException e) {
            throw new StoreFailure("ledger_postings.details at position " + r.getLong(1) + " is not a JSON object of"
                    + " strings: " + e.getOriginalMessage(), e);
        }
        return new StoredPosting(r.getLong(1), new Posting(PostingId.of(r.getString(2)), new AccountId(r.getString(3)),
                new AccountId(r.getString(4)), r.getString(5), r.getLong(6), r.getString(7),
                Instant.ofEpochSecond(r.getLong(8), r.getInt(9)), details));
    }

    private static boolean exists(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static String json(Map<String, String> details) {
        try {
            return JSON.writeValueAsString(new LinkedHashMap<>(new TreeMap<>(details)));
        } catch (JsonProcessingException e) {
            throw new StoreFailure("cannot write posting details as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static StoreFailure failure(String what, SQLException e) {
        return new StoreFailure("ledger " + what + " failed: " + e.getMessage(), e);
    }
}
