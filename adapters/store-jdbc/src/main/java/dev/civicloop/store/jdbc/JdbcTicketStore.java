package dev.civicloop.store.jdbc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.DuplicateCommand;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.StoreFailure;
import dev.civicloop.spi.event.EventEnvelope;
import dev.civicloop.spi.event.StoredEvent;
import dev.civicloop.spi.event.TicketEvent;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.store.AppendRequest;
import dev.civicloop.spi.store.AppendResult;
import dev.civicloop.spi.store.CommandRecord;
import dev.civicloop.spi.store.DeadLetter;
import dev.civicloop.spi.store.OutboxEntry;
import dev.civicloop.spi.store.OutboxStore;
import dev.civicloop.spi.store.Page;
import dev.civicloop.spi.store.TicketQuery;
import dev.civicloop.spi.store.TicketStore;
import dev.civicloop.spi.store.TicketSummary;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A {@link TicketStore} and {@link OutboxStore} on JDBC (H2 2.x or PostgreSQL), on the schema of
 * {@code db/migration/V1__tickets_outbox.sql}. Get one from {@link JdbcDatabase#ticketStore()}.
 *
 * <p>One {@link #append} is one transaction: the summary row (the ticket's head), the org units,
 * the command record, the outbox rows and the events commit together or not at all. Concurrency
 * and idempotency are the database's: the summary row is updated only {@code WHERE version =
 * expectedVersion} (or inserted, for a new ticket, under its primary key), events are unique on
 * (ticket, version) and command records on their id, so any number of application nodes sharing
 * one database never lose or double-apply a command.
 *
 * <p>Global positions are gap-safe: a reader following {@link #readAfter} never skips an event
 * committed late (a plain sequence is not, since its values commit out of order). On H2 every
 * append takes its positions from a single counter row as its last step, and the row lock holds
 * until commit, so positions commit in order. On PostgreSQL an append marks itself in flight
 * (a transaction-level advisory lock) and takes its positions from a sequence, and a reader reads
 * only below the lowest position still in flight, so appends never wait for each other's commits
 * (a refused append leaves a gap in the positions; the SPI allows gaps). On PostgreSQL every
 * statement of an append goes to the server in one round trip, then the commit.
 *
 * <p>Beyond the SPI: a notification id already in the outbox (pending, dead or delivered) fails
 * the append with {@link InvalidInput}; transient lock failures (deadlock, lock timeout, serialization
 * failure) surface as {@link ConcurrencyConflict}, since nothing was stored and a retry is safe.
 */
public final class JdbcTicketStore implements TicketStore, OutboxStore {

    /** Event type names (the class's simple name) and back; every permitted TicketEvent, checked at load. */
    private static final Map<String, Class<? extends TicketEvent>> EVENT_TYPES = eventTypes();
    private static final ObjectMapper JSON = mapper();

    private static final String EVENT_COLUMNS =
            "position, ticket_id, version, occurred_at, actor_id, command_id, state, event_type, payload";
    private static final String SUMMARY_COLUMNS =
            "ticket_id, version, workflow, category, state, terminal, org_units, reported_at, updated_at, next_due_at";

    private final DataSource dataSource;
    private final WriteGate gate;
    private final JdbcDatabase.Dialect dialect;
    private final Consumer<AppendRequest> beforeCommit;
    private final JdbcOutbox outbox;

    JdbcTicketStore(DataSource dataSource, JdbcDatabase.Dialect dialect) {
        this(dataSource, dialect, r -> {});
    }

    /** For tests: {@code beforeCommit} runs inside the append's transaction, after positions are taken. */
    JdbcTicketStore(DataSource dataSource, JdbcDatabase.Dialect dialect, Consumer<AppendRequest> beforeCommit) {
        this.dataSource = dataSource;
        this.gate = WriteGate.of(dataSource);
        this.dialect = dialect;
        this.beforeCommit = beforeCommit;
        this.outbox = new JdbcOutbox(dataSource);
    }

    // ================================================================== append

    @Override
    public AppendResult append(AppendRequest request) {
        required("request", request);
        checkNotificationIdsDistinct(request.notifications());
        List<Step> steps = steps(request);
        try (WriteGate.Held held = gate.enter(); Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long last = dialect == JdbcDatabase.Dialect.POSTGRESQL ? pipelined(c, steps) : oneByOne(c, steps);
                beforeCommit.accept(request);
                c.commit();
                return new AppendResult(request.newVersion(), last);
            } catch (Refused refused) {
                c.rollback();
                throw conflict(c, request);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                if (e instanceof SQLException sql && isUniqueViolation(sql)) {
                    throw refusal(c, request);
                }
                if (e instanceof SQLException sql && isTransient(sql)) {
                    throw conflict(c, request);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure("append to ticket " + request.ticketId(), e);
        }
    }

    /** One statement of an append; {@code mustTouchOne}: fewer or more than one row changed refuses the append. */
    private record Step(String sql, List<Object> params, boolean mustTouchOne) {}

    /**
     * The statements of one append, in order: the ticket's head (the optimistic lock: inserted
     * under its primary key, or updated only {@code WHERE version = expected}), its org units, the
     * command record (its primary key refuses a command id applied before), the outbox rows, the
     * positions and the events (the last position taken is what the append returns).
     *
     * <p>Positions, gap-safe on each database: on H2 the append takes them from a counter row
     * that stays locked until commit, so positions commit in order. On PostgreSQL it marks itself
     * in flight until it ends and takes them from a sequence (see
     * {@code db/postgresql/V4__ticket_positions_without_commit_lock.sql} and {@link #readAfter}), so
     * no lock is held through commit and concurrent appends flush their commits together.
     */
    private List<Step> steps(AppendRequest r) {
        TicketSummary s = r.summary();
        String id = r.ticketId().value();
        boolean pg = dialect == JdbcDatabase.Dialect.POSTGRESQL;
        int count = r.events().size();
        List<Step> steps = new ArrayList<>();
        if (r.expectedVersion() == 0) {
            List<Object> p = new ArrayList<>();
            p.add(id);
            summaryParams(p, s);
            steps.add(new Step("INSERT INTO ticket_summary (" + SUMMARY_COLUMNS + ") VALUES (" + SqlParams.marks(10) + ")", p, true));
        } else {
            List<Object> p = new ArrayList<>();
            summaryParams(p, s);
            p.add(id);
            p.add(r.expectedVersion());
            steps.add(new Step("UPDATE ticket_summary SET version = ?, workflow = ?, category = ?, state = ?,"
                    + " terminal = ?, org_units = ?, reported_at = ?, updated_at = ?, next_due_at = ?"
                    + " WHERE ticket_id = ? AND version = ?", p, true));
            steps.add(new Step("DELETE FROM ticket_org_unit WHERE ticket_id = ?", List.of(id), false));
        }
        if (!s.orgUnits().isEmpty()) {
            List<Object> p = new ArrayList<>();
            s.orgUnits().stream().map(OrgUnitId::value).sorted().forEach(unit -> {
                p.add(unit);
                p.add(id);
            });
            steps.add(new Step("INSERT INTO ticket_org_unit (org_unit_id, ticket_id) VALUES "
                    + SqlParams.rows(s.orgUnits().size(), "(?, ?)"), p, false));
        }
        CommandRecord command = r.command();
        if (command != null) {
            steps.add(new Step("INSERT INTO ticket_command (command_id, fingerprint, ticket_id, version, recorded_at)"
                    + " VALUES (?, ?, ?, ?, ?)", List.of(command.commandId().value(), command.fingerprint(),
                            command.ticketId().value(), command.version(), decimal(command.recordedAt())), true));
        }
        if (!r.notifications().isEmpty()) {
            steps.add(new Step(JdbcOutbox.insertSql(r.notifications().size()), JdbcOutbox.insertParams(r.notifications()),
                    false));
        }
        steps.add(pg ? new Step("SELECT civicloop_take_ticket_positions(?)", List.of(count), false)
                : new Step("UPDATE ticket_event_position SET last_position = last_position + ? WHERE id = 1",
                        List.of(count), true));
        String lastPosition = pg ? "currval('ticket_event_position_seq')"
                : "(SELECT last_position FROM ticket_event_position WHERE id = 1)";
        List<Object> p = new ArrayList<>();
        StringBuilder values = new StringBuilder();
        for (int k = 0; k < count; k++) {
            EventEnvelope e = r.events().get(k);
            values.append(k == 0 ? "(" : ", (").append(lastPosition).append(" - ").append(count - 1 - k).append(", ")
                    .append(SqlParams.marks(8)).append(')');
            p.addAll(List.of(id, e.version(), decimal(e.occurredAt()), e.actor().value(), e.commandId().value(),
                    e.state().name(), e.event().getClass().getSimpleName(), json(e.event())));
        }
        steps.add(new Step("INSERT INTO ticket_event (" + EVENT_COLUMNS + ") VALUES " + values, p, false));
        if (!pg) { // on PostgreSQL the function's result is the last position
            steps.add(new Step("SELECT last_position FROM ticket_event_position WHERE id = 1", List.of(), false));
        }
        return steps;
    }

    /**
     * H2 runs in this process: one statement after another costs no round trips. Returns what the
     * last query among the steps read: the last position taken.
     */
    private static long oneByOne(Connection c, List<Step> steps) throws SQLException, Refused {
        long last = -1;
        for (Step step : steps) {
            try (PreparedStatement ps = c.prepareStatement(step.sql())) {
                SqlParams.bind(ps, step.params(), 1);
                last = outcome(ps, ps.execute(), step, last);
            }
        }
        return last;
    }

    /**
     * PostgreSQL: every statement of the append in one round trip (the driver sends the parts of
     * a multi-statement prepared statement together), then the commit — the same two round trips
     * a single-row INSERT and commit pays, so a command costs the database's work and not the
     * network's.
     */
    private static long pipelined(Connection c, List<Step> steps) throws SQLException, Refused {
        StringBuilder sql = new StringBuilder();
        for (Step step : steps) {
            sql.append(sql.length() == 0 ? "" : ";\n").append(step.sql());
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int index = 1;
            for (Step step : steps) {
                index = SqlParams.bind(ps, step.params(), index);
            }
            long last = -1;
            boolean resultSet = ps.execute();
            for (Step step : steps) {
                last = outcome(ps, resultSet, step, last);
                resultSet = ps.getMoreResults();
            }
            return last;
        }
    }

    /** A query's single number, else {@code last}; a step that must change one row and did not refuses. */
    private static long outcome(PreparedStatement ps, boolean resultSet, Step step, long last) throws SQLException, Refused {
        if (resultSet) {
            try (ResultSet rs = ps.getResultSet()) {
                rs.next();
                return rs.getLong(1);
            }
        }
        if (step.mustTouchOne() && ps.getUpdateCount() != 1) {
            throw new Refused();
        }
        return last;
    }

    private static void summaryParams(List<Object> p, TicketSummary s) {
        p.add(s.version());
        p.add(s.workflow());
        p.add(s.category());
        p.add(s.state().name());
        p.add(s.terminal());
        p.add(s.orgUnits().stream().map(OrgUnitId::value).sorted().collect(Collectors.joining(" ")));
        p.add(decimal(s.reportedAt()));
        p.add(decimal(s.updatedAt()));
        p.add(s.nextDueAt() == null ? new SqlParams.Null(Types.DECIMAL) : decimal(s.nextDueAt()));
    }

    /**
     * Why an append was refused, read after its rollback: the command id was applied before
     * ({@link DuplicateCommand}), the ticket is not at the expected version
     * ({@link ConcurrencyConflict}), a notification id is already in the outbox
     * ({@link InvalidInput}), or else a concurrent writer ({@link ConcurrencyConflict}). The
     * version comes before the notification ids: on PostgreSQL every statement of the append ran,
     * so the outbox insert can fail on the ids a concurrent winner at the same version derived
     * (two nodes' reminder or escalation passes), which is a race to retry, not bad input.
     */
    private RuntimeException refusal(Connection c, AppendRequest r) {
        if (r.command() != null && findCommand(c, r.command().commandId()).isPresent()) {
            return duplicate(c, r.command().commandId());
        }
        ConcurrencyConflict conflict = conflict(c, r);
        if (conflict.actualVersion() != r.expectedVersion()) {
            return conflict;
        }
        List<String> taken = takenNotificationIds(c, r.notifications());
        if (!taken.isEmpty()) {
            return new InvalidInput("notifications", "ids must be unique in the outbox; " + taken + " already there");
        }
        return conflict;
    }

    private static List<String> takenNotificationIds(Connection c, List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return List.of();
        }
        List<String> taken = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT notification_id FROM outbox WHERE notification_id IN ("
                + SqlParams.marks(notifications.size()) + ") ORDER BY notification_id")) {
            SqlParams.bind(ps, notifications.stream().<Object>map(Notification::id).toList(), 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    taken.add(rs.getString(1));
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw failure("read notification ids", e);
        }
        return taken;
    }

    private static void checkNotificationIdsDistinct(List<Notification> notifications) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < notifications.size(); i++) {
            if (!seen.add(notifications.get(i).id())) {
                throw new InvalidInput("notifications[" + i + "].id",
                        "must be unique; '" + notifications.get(i).id() + "' appears twice");
            }
        }
    }

    /** Read after the rollback: the version the ticket is at now. */
    private ConcurrencyConflict conflict(Connection c, AppendRequest r) {
        return new ConcurrencyConflict(r.ticketId().value(), r.expectedVersion(), currentVersion(c, r.ticketId()));
    }

    private DuplicateCommand duplicate(Connection c, CommandId id) {
        Optional<CommandRecord> prior = findCommand(c, id);
        return new DuplicateCommand(id.value(), prior
                .map(p -> "was already applied to ticket " + p.ticketId() + " (version " + p.version() + ")")
                .orElse("was already applied"));
    }

    private static long currentVersion(Connection c, TicketId id) {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM ticket_summary WHERE ticket_id = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                long v = rs.next() ? rs.getLong(1) : 0;
                c.commit();
                return v;
            }
        } catch (SQLException e) {
            throw failure("read the version of ticket " + id, e);
        }
    }

    // ================================================================== reads

    @Override
    public List<EventEnvelope> load(TicketId ticketId) {
        required("ticketId", ticketId);
        List<EventEnvelope> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT " + EVENT_COLUMNS + " FROM ticket_event WHERE ticket_id = ? ORDER BY version")) {
            ps.setString(1, ticketId.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(envelope(rs));
                }
            }
        } catch (SQLException e) {
            throw failure("load ticket " + ticketId, e);
        }
        return List.copyOf(events);
    }

    @Override
    public Optional<CommandRecord> findCommand(CommandId commandId) {
        required("commandId", commandId);
        try (Connection c = dataSource.getConnection()) {
            return findCommand(c, commandId);
        } catch (SQLException e) {
            throw failure("find command " + commandId, e);
        }
    }

    private static Optional<CommandRecord> findCommand(Connection c, CommandId commandId) {
        try (PreparedStatement ps = c.prepareStatement("SELECT fingerprint, ticket_id, version, recorded_at"
                + " FROM ticket_command WHERE command_id = ?")) {
            ps.setString(1, commandId.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CommandRecord(commandId, rs.getString(1), TicketId.of(rs.getString(2)),
                        rs.getLong(3), instant(rs.getBigDecimal(4))));
            }
        } catch (SQLException e) {
            throw failure("find command " + commandId, e);
        }
    }

    @Override
    public int purgeCommands(Instant recordedBefore) {
        required("recordedBefore", recordedBefore);
        try (WriteGate.Held held = gate.enter(); Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM ticket_command WHERE recorded_at < ?")) {
            ps.setBigDecimal(1, decimal(recordedBefore));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("purge commands", e);
        }
    }

    @Override
    public Page<TicketSummary> query(TicketQuery query) {
        required("query", query);
        TicketQuery.Cursor after = query.after() == null ? null : TicketQuery.Cursor.parse(query.after());
        // PostgreSQL orders text by the database's collation; the SPI orders ticket ids as Java strings.
        String idColumn = dialect == JdbcDatabase.Dialect.POSTGRESQL ? "s.ticket_id COLLATE \"C\"" : "s.ticket_id";
        StringBuilder sql = new StringBuilder("SELECT " + prefixed(SUMMARY_COLUMNS) + " FROM ticket_summary s WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.state() != null) {
            sql.append(" AND s.state = ?");
            params.add(query.state().name());
        }
        if (query.orgUnit() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM ticket_org_unit u WHERE u.org_unit_id = ? AND u.ticket_id = s.ticket_id)");
            params.add(query.orgUnit().value());
        }
        if (query.reportedFrom() != null) {
            sql.append(" AND s.reported_at >= ?");
            params.add(decimal(query.reportedFrom()));
        }
        if (query.reportedTo() != null) {
            sql.append(" AND s.reported_at < ?");
            params.add(decimal(query.reportedTo()));
        }
        if (query.openOnly()) {
            sql.append(" AND s.terminal = FALSE");
        }
        if (query.dueBefore() != null) {
            sql.append(" AND s.next_due_at < ?");
            params.add(decimal(query.dueBefore()));
        }
        if (after != null) {
            sql.append(" AND (s.reported_at > ? OR (s.reported_at = ? AND ").append(idColumn).append(" > ?))");
            params.add(decimal(after.reportedAt()));
            params.add(decimal(after.reportedAt()));
            params.add(after.ticketId().value());
        }
        sql.append(" ORDER BY s.reported_at, ").append(idColumn).append(" LIMIT ?");
        params.add(query.limit() + 1);

        List<TicketSummary> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(summary(rs));
                }
            }
        } catch (SQLException e) {
            throw failure("query tickets", e);
        }
        if (items.size() <= query.limit()) {
            return new Page<>(items, null);
        }
        List<TicketSummary> page = items.subList(0, query.limit());
        return new Page<>(page, TicketQuery.Cursor.of(page.get(page.size() - 1)).toString());
    }

    @Override
    public List<StoredEvent> readAfter(long afterPosition, int limit) {
        if (afterPosition < 0) {
            throw new InvalidInput("afterPosition", "must be 0 or more, was " + afterPosition);
        }
        positiveLimit(limit);
        List<StoredEvent> events = new ArrayList<>();
        boolean pg = dialect == JdbcDatabase.Dialect.POSTGRESQL;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + EVENT_COLUMNS + " FROM ticket_event WHERE position > ?"
                        + (pg ? " AND position < ?" : "") + " ORDER BY position LIMIT ?")) {
            int i = 1;
            ps.setLong(i++, afterPosition);
            if (pg) {
                // Below the horizon every append has ended; read in a later statement (and snapshot) than it.
                ps.setLong(i++, horizon(c));
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new StoredEvent(rs.getLong(1), envelope(rs)));
                }
            }
        } catch (SQLException e) {
            throw failure("read events after position " + afterPosition, e);
        }
        return List.copyOf(events);
    }

    /** The lowest ticket event position an append still holds, or one past the last taken (V4). */
    private static long horizon(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT civicloop_ticket_feed_horizon()");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ================================================================== outbox

    @Override
    public List<OutboxEntry> due(Instant now, int limit) {
        return outbox.due(now, limit);
    }

    @Override
    public void markDelivered(String notificationId, Instant at) {
        outbox.markDelivered(notificationId, at);
    }

    @Override
    public void markFailed(String notificationId, int attempts, Instant nextAttemptAt, String error) {
        outbox.markFailed(notificationId, attempts, nextAttemptAt, error);
    }

    @Override
    public void markDead(String notificationId, int attempts, Instant at, String error) {
        outbox.markDead(notificationId, attempts, at, error);
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        return outbox.deadLetters(limit);
    }

    @Override
    public boolean redeliver(String notificationId, Instant now) {
        return outbox.redeliver(notificationId, now);
    }

    @Override
    public long pendingCount() {
        return outbox.pendingCount();
    }

    // ================================================================== mapping

    private static EventEnvelope envelope(ResultSet rs) throws SQLException {
        String type = rs.getString(8);
        Class<? extends TicketEvent> cls = EVENT_TYPES.get(type);
        if (cls == null) {
            throw new StoreFailure("unknown event type '" + type + "' at position " + rs.getLong(1)
                    + "; is this library older than the data?", null);
        }
        return new EventEnvelope(TicketId.of(rs.getString(2)), rs.getLong(3), instant(rs.getBigDecimal(4)),
                ActorId.of(rs.getString(5)), CommandId.of(rs.getString(6)), TicketState.of(rs.getString(7)),
                fromJson(rs.getString(9), cls));
    }

    private static TicketSummary summary(ResultSet rs) throws SQLException {
        String units = rs.getString(7);
        Set<OrgUnitId> orgUnits = units.isEmpty() ? Set.of()
                : Arrays.stream(units.split(" ")).map(OrgUnitId::of).collect(Collectors.toSet());
        BigDecimal due = rs.getBigDecimal(10);
        return new TicketSummary(TicketId.of(rs.getString(1)), rs.getLong(2), rs.getString(3), rs.getString(4),
                TicketState.of(rs.getString(5)), rs.getBoolean(6), orgUnits, instant(rs.getBigDecimal(8)),
                instant(rs.getBigDecimal(9)), due == null ? null : instant(due));
    }

    private static String prefixed(String columns) {
        return Arrays.stream(columns.split(", ")).map(col -> "s." + col).collect(Collectors.joining(", "));
    }

    /** An instant as exact DECIMAL(30,9) epoch seconds. */
    static BigDecimal decimal(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9));
    }

    static Instant instant(BigDecimal value) {
        BigDecimal seconds = value.setScale(0, RoundingMode.FLOOR);
        int nanos = value.subtract(seconds).movePointRight(9).intValue();
        return Instant.ofEpochSecond(seconds.longValueExact(), nanos);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreFailure("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getMessage(), e);
        }
    }

    private static <T> T fromJson(String text, Class<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StoreFailure("cannot read a " + type.getSimpleName() + " from " + text + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Class<? extends TicketEvent>> eventTypes() {
        Map<String, Class<? extends TicketEvent>> types = new HashMap<>();
        for (Class<?> c : TicketEvent.class.getPermittedSubclasses()) {
            if (types.put(c.getSimpleName(), c.asSubclass(TicketEvent.class)) != null) {
                throw new IllegalStateException("two TicketEvent types named " + c.getSimpleName());
            }
        }
        return Map.copyOf(types);
    }

    /**
     * Records through their public accessors (no opens needed: the SPI's packages are exported),
     * instants as ISO-8601 text: exact and readable.
     */
    private static ObjectMapper mapper() {
        SimpleModule instants = new SimpleModule("civicloop-instants");
        instants.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
        instants.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Instant.parse(p.getValueAsString());
            }
        });
        return new ObjectMapper().registerModule(instants);
    }

    // ================================================================== errors

    /** A refusal found inside the transaction (a version moved on); explained after the rollback. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused() {
            super(null, null, false, false);
        }
    }

    private static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** Deadlock, serialization failure (PostgreSQL), lock timeout or concurrent update (H2): safe to retry. */
    private static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state) || "HYT00".equals(state) || "90131".equals(state)
                || e.getErrorCode() == 50200 || e.getErrorCode() == 90131;
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static StoreFailure failure(String what, SQLException e) {
        return new StoreFailure("cannot " + what + ": " + e.getMessage(), e);
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

    @Override
    public String toString() {
        return "JdbcTicketStore[" + dialect + "]";
    }
}
