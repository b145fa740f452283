package dev.civicloop.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.StoreFailure;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Recipient;
import dev.civicloop.spi.store.DeadLetter;
import dev.civicloop.spi.store.OutboxEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The {@code outbox} table (V1, dead letters and nullable ticket ids since V5): written inside the
 * transactions of {@link JdbcTicketStore#append}, {@link JdbcLedgerStore#append} and
 * {@link JdbcMemberStore#append}, delivered
 * through {@link JdbcTicketStore}'s {@code OutboxStore} methods. A row is pending while
 * {@code delivered_at} and {@code dead_at} are both null.
 */
final class JdbcOutbox {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final String COLUMNS = "notification_id, topic, recipient_kind, recipient_id, ticket_id,"
            + " created_at, urgent, data, attempts, next_attempt_at, last_error";
    private static final String PENDING = "delivered_at IS NULL AND dead_at IS NULL";

    private final DataSource dataSource;
    private final WriteGate gate;

    JdbcOutbox(DataSource dataSource) {
        this.dataSource = dataSource;
        this.gate = WriteGate.of(dataSource);
    }

    /**
     * Inserts the notifications as pending, due at their creation, in the caller's transaction. A
     * taken id fails with the database's unique violation (SQL state 23505); the caller rolls back.
     */
    static void insert(Connection c, List<Notification> notifications) throws SQLException {
        if (notifications.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(insertSql(notifications.size()))) {
            SqlParams.bind(ps, insertParams(notifications), 1);
            ps.executeUpdate();
        }
    }

    /** One INSERT of {@code rows} pending notifications; its parameters are {@link #insertParams}. */
    static String insertSql(int rows) {
        return "INSERT INTO outbox (" + COLUMNS + ") VALUES " + SqlParams.rows(rows, "(" + SqlParams.marks(11) + ")");
    }

    static List<Object> insertParams(List<Notification> notifications) {
        List<Object> p = new ArrayList<>();
        for (Notification n : notifications) {
            p.addAll(List.of(n.id(), n.topic(), n.recipient().kind().name(), n.recipient().id()));
            p.add(n.ticketId() == null ? new SqlParams.Null(Types.VARCHAR) : n.ticketId().value());
            p.addAll(List.of(JdbcTicketStore.decimal(n.createdAt()), n.urgent(), json(n.data()), 0,
                    JdbcTicketStore.decimal(n.createdAt())));
            p.add(new SqlParams.Null(Types.VARCHAR));
        }
        return p;
    }

    List<OutboxEntry> due(Instant now, int limit) {
        required("now", now);
        positiveLimit(limit);
        List<OutboxEntry> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM outbox WHERE " + PENDING + " AND next_attempt_at <= ? ORDER BY urgent DESC, created_at, seq"
                + " LIMIT ?")) {
            ps.setBigDecimal(1, JdbcTicketStore.decimal(now));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new OutboxEntry(notification(rs), rs.getInt(9),
                            JdbcTicketStore.instant(rs.getBigDecimal(10)), rs.getString(11)));
                }
            }
        } catch (SQLException e) {
            throw failure("read due notifications", e);
        }
        return List.copyOf(due);
    }

    void markDelivered(String notificationId, Instant at) {
        required("notificationId", notificationId);
        required("at", at);
        // A dead letter a dispatcher delivered after all is delivered.
        update(notificationId, "UPDATE outbox SET delivered_at = ?, dead_at = NULL WHERE notification_id = ?"
                + " AND delivered_at IS NULL", ps -> ps.setBigDecimal(1, JdbcTicketStore.decimal(at)), 2);
    }

    void markFailed(String notificationId, int attempts, Instant nextAttemptAt, String error) {
        required("notificationId", notificationId);
        required("nextAttemptAt", nextAttemptAt);
        positiveAttempts(attempts);
        // Only a pending row: a late report from another dispatcher cannot bring back a delivered or dead one.
        update(notificationId, "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?"
                + " WHERE notification_id = ? AND " + PENDING, ps -> {
                    ps.setInt(1, attempts);
                    ps.setBigDecimal(2, JdbcTicketStore.decimal(nextAttemptAt));
                    ps.setString(3, storable(error));
                }, 4);
    }

    void markDead(String notificationId, int attempts, Instant at, String error) {
        required("notificationId", notificationId);
        required("at", at);
        positiveAttempts(attempts);
        update(notificationId, "UPDATE outbox SET dead_at = ?, attempts = ?, last_error = ?"
                + " WHERE notification_id = ? AND " + PENDING, ps -> {
                    ps.setBigDecimal(1, JdbcTicketStore.decimal(at));
                    ps.setInt(2, attempts);
                    ps.setString(3, storable(error));
                }, 4);
    }

    List<DeadLetter> deadLetters(int limit) {
        positiveLimit(limit);
        List<DeadLetter> letters = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + ", dead_at FROM outbox WHERE dead_at IS NOT NULL AND delivered_at IS NULL ORDER BY dead_at, seq"
                + " LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    letters.add(new DeadLetter(notification(rs), rs.getInt(9),
                            JdbcTicketStore.instant(rs.getBigDecimal(12)), rs.getString(11)));
                }
            }
        } catch (SQLException e) {
            throw failure("read dead letters", e);
        }
        return List.copyOf(letters);
    }

    boolean redeliver(String notificationId, Instant now) {
        required("notificationId", notificationId);
        required("now", now);
        return update(notificationId, "UPDATE outbox SET dead_at = NULL, attempts = 0, next_attempt_at = ?"
                + " WHERE notification_id = ? AND dead_at IS NOT NULL AND delivered_at IS NULL",
                ps -> ps.setBigDecimal(1, JdbcTicketStore.decimal(now)), 2);
    }

    long pendingCount() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE " + PENDING);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("count pending notifications", e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Runs the update (auto-commit); true if it changed the row, false if the row exists unchanged, else NotFound. */
    private boolean update(String notificationId, String update, Binder binder, int idIndex) {
        try (WriteGate.Held held = gate.enter(); Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(update)) {
                binder.bind(ps);
                ps.setString(idIndex, notificationId);
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM outbox WHERE notification_id = ?")) {
                ps.setString(1, notificationId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFound("notification " + notificationId);
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw failure("update notification " + notificationId, e);
        }
    }

    /**
     * The error as the database can keep it: it is whatever the notifier threw (a receiver's
     * response body, say), and PostgreSQL text cannot hold U+0000, so a NUL is kept as U+FFFD
     * rather than failing the report and leaving the notification to be sent again on every pass.
     */
    private static String storable(String error) {
        return error == null ? null : error.replace('\u0000', '\uFFFD');
    }

    private static Notification notification(ResultSet rs) throws SQLException {
        String ticket = rs.getString(5);
        return new Notification(rs.getString(1), rs.getString(2),
                new Recipient(Recipient.Kind.valueOf(rs.getString(3)), rs.getString(4)),
                ticket == null ? null : TicketId.of(ticket), JdbcTicketStore.instant(rs.getBigDecimal(6)),
                rs.getBoolean(7), fromJson(rs.getString(8)));
    }

    private static String json(Map<String, String> data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new StoreFailure("cannot write notification data as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, String> fromJson(String text) {
        try {
            return JSON.readValue(text, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new StoreFailure("outbox.data is not a JSON object of strings: " + e.getOriginalMessage(), e);
        }
    }

    private static void required(String name, Object value) {
        if (value == null) {
            throw new InvalidInput(name, "is required");
        }
    }

    private static void positiveLimit(int limit) {
        if (limit < 1) {
            throw new InvalidInput("limit", "must be 1 or more, was " + limit);
        }
    }

    private static void positiveAttempts(int attempts) {
        if (attempts < 1) {
            throw new InvalidInput("attempts", "must be 1 or more after a failed attempt, was " + attempts);
        }
    }

    private static StoreFailure failure(String what, SQLException e) {
        return new StoreFailure("cannot " + what + ": " + e.getMessage(), e);
    }
}
