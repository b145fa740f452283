package dev.civicloop.store.jdbc;

import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.StoreFailure;
import dev.civicloop.spi.catalogue.CatalogueEntry;
import dev.civicloop.spi.catalogue.CatalogueItem;
import dev.civicloop.spi.catalogue.CatalogueStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The points supermarket's catalogue on JDBC (H2 or PostgreSQL), from
 * {@link JdbcDatabase#catalogueStore()}. Safe for many threads and many application nodes on one
 * database: every change is one conditional {@code UPDATE ... WHERE code = ? AND version = ?} (or
 * an {@code INSERT} the primary key guards), so of two editors who read the same version exactly
 * one wins and the other gets {@link ConcurrencyConflict}. Rows are never deleted; retiring sets
 * {@code retired_at}.
 *
 * <pre>{@code
 * PointsSupermarket market = PointsSupermarket.builder(ledger).catalogue(db.catalogueStore()).build();
 * }</pre>
 */
public final class JdbcCatalogueStore implements CatalogueStore {
    private static final String COLUMNS = "code, version, name_zh, name_en, cost, per_member_limit, active_from_seconds,"
            + " active_from_nanos, active_until_seconds, active_until_nanos, pickup_place, retired_at_seconds,"
            + " retired_at_nanos";
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final WriteGate gate;

    JdbcCatalogueStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.gate = WriteGate.of(dataSource);
    }

    @Override
    public CatalogueEntry put(CatalogueItem item, long expectedVersion) {
        if (item == null) {
            throw new InvalidInput("item", "is required");
        }
        checkVersion(expectedVersion);
        CatalogueEntry next = new CatalogueEntry(item, expectedVersion + 1, null);
        try (WriteGate.Held held = gate.enter(); Connection c = dataSource.getConnection()) {
            if (expectedVersion == 0) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO catalogue_items (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    bind(s, next);
                    s.executeUpdate();
                    return next;
                } catch (SQLException e) {
                    if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw conflict(c, item.code(), 0);
                    }
                    throw e;
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE catalogue_items SET code = ?, version = ?, name_zh = ?,"
                    + " name_en = ?, cost = ?, per_member_limit = ?, active_from_seconds = ?, active_from_nanos = ?,"
                    + " active_until_seconds = ?, active_until_nanos = ?, pickup_place = ?, retired_at_seconds = ?,"
                    + " retired_at_nanos = ? WHERE code = ? AND version = ?")) {
                bind(s, next);
                s.setString(14, item.code());
                s.setLong(15, expectedVersion);
                if (s.executeUpdate() == 0) {
                    throw conflict(c, item.code(), expectedVersion);
                }
                return next;
            }
        } catch (SQLException e) {
            throw failure("put(" + item.code() + ")", e);
        }
    }

    @Override
    public CatalogueEntry retire(String code, long expectedVersion, Instant at) {
        if (code == null) {
            throw new InvalidInput("code", "is required");
        }
        if (at == null) {
            throw new InvalidInput("at", "is required");
        }
        checkVersion(expectedVersion);
        try (WriteGate.Held held = gate.enter(); Connection c = dataSource.getConnection()) {
            // Each version has exactly one content and versions only grow, so the item read at the
            // expected version is the one the conditional update below retires.
            CatalogueEntry current = find(c, code).orElseThrow(() -> new NotFound("catalogue item " + code));
            if (current.version() != expectedVersion) {
                throw ConcurrencyConflict.on("catalogue item " + code, expectedVersion, current.version());
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE catalogue_items SET version = ?, retired_at_seconds = ?,"
                    + " retired_at_nanos = ? WHERE code = ? AND version = ?")) {
                s.setLong(1, expectedVersion + 1);
                s.setLong(2, at.getEpochSecond());
                s.setInt(3, at.getNano());
                s.setString(4, code);
                s.setLong(5, expectedVersion);
                if (s.executeUpdate() == 0) {
                    throw conflict(c, code, expectedVersion);
                }
            }
            return new CatalogueEntry(current.item(), expectedVersion + 1, at);
        } catch (SQLException e) {
            throw failure("retire(" + code + ")", e);
        }
    }

    @Override
    public Optional<CatalogueEntry> find(String code) {
        if (code == null) {
            throw new InvalidInput("code", "is required");
        }
        try (Connection c = dataSource.getConnection()) {
            return find(c, code);
        } catch (SQLException e) {
            throw failure("find(" + code + ")", e);
        }
    }

    @Override
    public List<CatalogueEntry> list() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM catalogue_items");
                ResultSet r = s.executeQuery()) {
            List<CatalogueEntry> out = new ArrayList<>();
            while (r.next()) {
                out.add(entry(r));
            }
            // Sorted here, not by ORDER BY: a PostgreSQL locale collation ignores case and punctuation.
            out.sort(Comparator.comparing(CatalogueEntry::code));
            return List.copyOf(out);
        } catch (SQLException e) {
            throw failure("list", e);
        }
    }

    private static void checkVersion(long expectedVersion) {
        if (expectedVersion < 0) {
            throw new InvalidInput("expectedVersion", "must be 0 (a new item) or more, was " + expectedVersion);
        }
    }

    private static ConcurrencyConflict conflict(Connection c, String code, long expectedVersion) throws SQLException {
        long actual = find(c, code).map(CatalogueEntry::version).orElse(0L);
        return ConcurrencyConflict.on("catalogue item " + code, expectedVersion, actual);
    }

    private static Optional<CatalogueEntry> find(Connection c, String code) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM catalogue_items WHERE code = ?")) {
            s.setString(1, code);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(entry(r)) : Optional.empty();
            }
        }
    }

    private static void bind(PreparedStatement s, CatalogueEntry e) throws SQLException {
        CatalogueItem i = e.item();
        s.setString(1, i.code());
        s.setLong(2, e.version());
        s.setString(3, i.nameZh());
        s.setString(4, i.nameEn());
        s.setLong(5, i.cost());
        s.setInt(6, i.perMemberLimit());
        s.setLong(7, i.activeFrom().getEpochSecond());
        s.setInt(8, i.activeFrom().getNano());
        setInstant(s, 9, i.activeUntil());
        s.setString(11, i.pickupPlace());
        setInstant(s, 12, e.retiredAt());
    }

    private static void setInstant(PreparedStatement s, int index, Instant t) throws SQLException {
        if (t == null) {
            s.setNull(index, Types.BIGINT);
            s.setNull(index + 1, Types.INTEGER);
        } else {
            s.setLong(index, t.getEpochSecond());
            s.setInt(index + 1, t.getNano());
        }
    }

    private static CatalogueEntry entry(ResultSet r) throws SQLException {
        CatalogueItem item = new CatalogueItem(r.getString(1), r.getString(3), r.getString(4), r.getLong(5), r.getInt(6),
                Instant.ofEpochSecond(r.getLong(7), r.getInt(8)), instant(r, 9), r.getString(11));
        return new CatalogueEntry(item, r.getLong(2), instant(r, 12));
    }

    private static Instant instant(ResultSet r, int index) throws SQLException {
        long seconds = r.getLong(index);
        return r.wasNull() ? null : Instant.ofEpochSecond(seconds, r.getInt(index + 1));
    }

    private static StoreFailure failure(String what, SQLException e) {
        return new StoreFailure("catalogue store " + what + " failed: " + e.getMessage(), e);
    }
}
