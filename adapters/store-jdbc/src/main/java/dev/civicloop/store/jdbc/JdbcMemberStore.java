package dev.civicloop.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.DuplicateCommand;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.StoreFailure;
import dev.civicloop.spi.member.MemberAppend;
import dev.civicloop.spi.member.MemberEnvelope;
import dev.civicloop.spi.member.MemberEvent;
import dev.civicloop.spi.member.MemberStore;
import dev.civicloop.spi.member.PersonalData;
import dev.civicloop.spi.member.StoredMemberEvent;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Members, teams, service tasks and activities on JDBC (H2 or PostgreSQL), from
 * {@link JdbcDatabase#memberStore(MemberEventTypes)}. Safe for many threads and for many
 * application nodes on one database: a stream's versions are a unique (stream, version) key, a
 * command id is a unique key of the whole store, and every append locks the one row of
 * {@code member_counter}, so feed positions grow in commit order and a reader following the feed
 * never skips an event committed late. Events are stored as JSON under the name
 * {@link MemberEventTypes} gives their record; personal data live in a table of their own, and
 * erasing deletes the row.
 *
 * <p>An append's notifications (a member told their application was approved) go to the
 * database's {@code outbox} table in the append's transaction, so the engine built on
 * {@link JdbcDatabase#ticketStore()} delivers them with the ticket notifications.
 *
 * <pre>{@code
 * MemberStore members = db.memberStore(MemberEventTypes.builder().sealed(EnrolmentEvent.class).build());
 * members.append(new MemberAppend("member:wang-bin", 0, List.of(applied)));
 * }</pre>
 */
public final class JdbcMemberStore implements MemberStore {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();
    private static final String COLUMNS =
            "position, stream, version, at_seconds, at_nanos, actor, command_id, event_type, payload";

    private final DataSource dataSource;
    private final WriteGate gate;
    private final MemberEventTypes types;
    private final JdbcDatabase.Dialect dialect;
    private final Runnable beforeCommit;

    JdbcMemberStore(DataSource dataSource, JdbcDatabase.Dialect dialect, MemberEventTypes types) {
        this(dataSource, dialect, types, null);
    }

    /** With a test hook run inside each append's transaction, after its writes and before its commit. */
    JdbcMemberStore(DataSource dataSource, JdbcDatabase.Dialect dialect, MemberEventTypes types, Runnable beforeCommit) {
        this.dataSource = dataSource;
        this.gate = WriteGate.of(dataSource);
        this.dialect = dialect;
        this.types = types;
        this.beforeCommit = beforeCommit == null ? () -> {} : beforeCommit;
    }

    /** The event types this store reads and writes. */
    public MemberEventTypes types() {
        return types;
    }

    @Override
    public List<StoredMemberEvent> append(MemberAppend append) {
        if (append == null) {
            throw new InvalidInput("append", "is required");
        }
        // Encoded before the transaction: an unregistered type is refused without touching the database.
        List<String[]> encoded = new ArrayList<>(append.events().size());
        for (int i = 0; i < append.events().size(); i++) {
            encoded.add(encode(i, append.events().get(i).event()));
        }
        CommandId command = append.events().get(0).commandId();
        try (WriteGate.Held held = gate.enter(); Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<StoredMemberEvent> stored = appendIn(c, append, command, encoded);
                beforeCommit.run();
                c.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw refused(append, command, e);
        }
    }

    private List<StoredMemberEvent> appendIn(Connection c, MemberAppend append, CommandId command, List<String[]> encoded)
            throws SQLException {
        // One counter row, locked until commit: appends take positions and commit one at a time, so
        // a reader resuming after the last position it saw never skips an event committed late.
        long last;
        try (PreparedStatement s = c.prepareStatement("SELECT last_position FROM member_counter WHERE id = 1 FOR UPDATE");
                ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new StoreFailure("member_counter has no row: the database was not migrated by JdbcDatabase", null);
            }
            last = r.getLong(1);
        }
        // A used command id is reported before a stale version: a retry whose first attempt was
        // stored learns that, instead of reloading and retrying in vain.
        Optional<String> usedIn = commandStream(c, command);
        if (usedIn.isPresent()) {
            throw new DuplicateCommand(command.value(), "was already used in stream " + usedIn.get()
                    + "; nothing was written");
        }
        long actual = streamVersion(c, append.stream());
        if (actual != append.expectedVersion()) {
            throw ConcurrencyConflict.on("stream " + append.stream(), append.expectedVersion(), actual);
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO member_commands (command_id, stream) VALUES (?, ?)")) {
            s.setString(1, command.value());
            s.setString(2, append.stream());
            s.executeUpdate();
        }
        List<StoredMemberEvent> stored = new ArrayList<>(append.events().size());
        try (PreparedStatement s = c.prepareStatement("INSERT INTO member_events (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < append.events().size(); i++) {
                MemberEnvelope e = append.events().get(i);
                StoredMemberEvent out = new StoredMemberEvent(++last, e);
                s.setLong(1, out.position());
                s.setString(2, e.stream());
                s.setLong(3, e.version());
                s.setLong(4, e.at().getEpochSecond());
                s.setInt(5, e.at().getNano());
                s.setString(6, e.actor().value());
                s.setString(7, e.commandId().value());
                s.setString(8, encoded.get(i)[0]);
                s.setString(9, encoded.get(i)[1]);
                s.executeUpdate();
                stored.add(out);
            }
        }
        // The notifications the events cause, into the outbox the ticket store delivers from.
        try {
            JdbcOutbox.insert(c, append.notifications());
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new InvalidInput("notifications", "ids must be unique in the outbox; one of " + append.notifications()
                        .stream().map(n -> n.id()).toList() + " is already there; nothing was written");
            }
            throw e;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE member_counter SET last_position = ? WHERE id = 1")) {
            s.setLong(1, last);
            s.executeUpdate();
        }
        return List.copyOf(stored);
    }

    /**
     * A unique key refused the write although the checks under the counter lock passed: only a
     * writer that bypassed this class can cause that, and the database kept the streams whole.
     * Named as the checks would have named it.
     */
    private RuntimeException refused(MemberAppend append, CommandId command, SQLException e) {
        if ("23505".equals(e.getSQLState())) {
            if (!byCommand(command).isEmpty()) {
                return new DuplicateCommand(command.value(), "was already used (refused by the database's unique key);"
                        + " nothing was written");
            }
            long actual = load(append.stream()).size();
            return ConcurrencyConflict.on("stream " + append.stream(), append.expectedVersion(), actual);
        }
        return failure("append", e);
    }

    private static Optional<String> commandStream(Connection c, CommandId command) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT stream FROM member_commands WHERE command_id = ?")) {
            s.setString(1, command.value());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    private static long streamVersion(Connection c, String stream) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT MAX(version) FROM member_events WHERE stream = ?")) {
            s.setString(1, stream);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Override
    public List<MemberEnvelope> load(String stream) {
        if (stream == null) {
            throw new InvalidInput("stream", "is required");
        }
        return envelopes(query("load", "SELECT " + COLUMNS + " FROM member_events WHERE stream = ? ORDER BY version",
                s -> s.setString(1, stream)));
    }

    @Override
    public List<MemberEnvelope> byCommand(CommandId commandId) {
        if (commandId == null) {
            throw new InvalidInput("commandId", "is required");
        }
        return envelopes(query("byCommand", "SELECT " + COLUMNS
                + " FROM member_events WHERE command_id = ? ORDER BY version", s -> s.setString(1, commandId.value())));
    }

    @Override
    public List<StoredMemberEvent> readAfter(long afterPosition, int limit) {
        if (afterPosition < 0) {
            throw new InvalidInput("afterPosition", "must be 0 or more, was " + afterPosition);
        }
        if (limit < 1) {
            throw new InvalidInput("limit", "must be at least 1, was " + limit);
        }
        return query("readAfter", "SELECT " + COLUMNS + " FROM member_events WHERE position > ? ORDER BY position LIMIT ?",
                s -> {
                    s.setLong(1, afterPosition);
                    s.setInt(2, limit);
                });
    }

    @Override
    public void putPersonalData(ActorId member, PersonalData data) {
        if (member == null) {
            throw new InvalidInput("member", "is required");
        }
        if (data == null) {
            throw new InvalidInput("data", "is required");
        }
        // Replaced in place: the row is the only copy, so no earlier version outlives the put.
        String sql = dialect == JdbcDatabase.Dialect.POSTGRESQL
                ? "INSERT INTO member_personal_data (member, name, phone, id_number, consent_at_seconds, consent_at_nanos,"
                        + " consent_text) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (member) DO UPDATE SET"
                        + " name = EXCLUDED.name, phone = EXCLUDED.phone, id_number = EXCLUDED.id_number,"
                        + " consent_at_seconds = EXCLUDED.consent_at_seconds, consent_at_nanos = EXCLUDED.consent_at_nanos,"
                        + " consent_text = EXCLUDED.consent_text"
                : "MERGE INTO member_personal_data (member, name, phone, id_number, consent_at_seconds, consent_at_nanos,"
                        + " consent_text) KEY (member) VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (WriteGate.Held held = gate.enter(); Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, member.value());
            s.setString(2, data.name());
            s.setString(3, data.phone());
            if (data.idNumber() == null) {
                s.setNull(4, Types.VARCHAR);
            } else {
                s.setString(4, data.idNumber());
            }
            s.setLong(5, data.consentAt().getEpochSecond());
            s.setInt(6, data.consentAt().getNano());
            s.setString(7, data.consentText());
            s.executeUpdate();
        } catch (SQLException e) {
            throw vaultFailure("putPersonalData", member, e);
        }
    }

    @Override
    public Optional<PersonalData> personalData(ActorId member) {
        if (member == null) {
            throw new InvalidInput("member", "is required");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT name, phone,"
                + " id_number, consent_at_seconds, consent_at_nanos, consent_text FROM member_personal_data WHERE member = ?")) {
            s.setString(1, member.value());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new PersonalData(r.getString(1), r.getString(2), r.getString(3),
                        Instant.ofEpochSecond(r.getLong(4), r.getInt(5)), r.getString(6)));
            }
        } catch (SQLException e) {
            throw vaultFailure("personalData", member, e);
        }
    }

    @Override
    public boolean erasePersonalData(ActorId member) {
        if (member == null) {
            throw new InvalidInput("member", "is required");
        }
        try (WriteGate.Held held = gate.enter(); Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM member_personal_data WHERE member = ?")) {
            s.setString(1, member.value());
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw vaultFailure("erasePersonalData", member, e);
        }
    }

    // ================================================================== rows and JSON

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private List<StoredMemberEvent> query(String what, String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            List<StoredMemberEvent> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredMemberEvent(r.getLong(1), new MemberEnvelope(r.getString(2), r.getLong(3),
                            Instant.ofEpochSecond(r.getLong(4), r.getInt(5)), ActorId.of(r.getString(6)),
                            CommandId.of(r.getString(7)), decode(r.getLong(1), r.getString(8), r.getString(9)))));
                }
            }
            return List.copyOf(out);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static List<MemberEnvelope> envelopes(List<StoredMemberEvent> events) {
        return events.stream().map(StoredMemberEvent::envelope).toList();
    }

    /** The type name and JSON of an event; an unregistered record is InvalidInput naming the event. */
    private String[] encode(int index, MemberEvent event) {
        String name = types.nameOf(event.getClass()).orElseThrow(() -> new InvalidInput("events[" + index + "].event",
                "type " + event.getClass().getName() + " (" + event.type() + ") is not registered with this store's"
                        + " MemberEventTypes, so it could not be read back; register it (builder().add or .sealed)"));
        try {
            return new String[] {name, JSON.writeValueAsString(event)};
        } catch (JsonProcessingException e) {
            throw new StoreFailure("cannot write event " + name + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private MemberEvent decode(long position, String name, String payload) {
        Class<? extends MemberEvent> type = types.typeOf(name).orElseThrow(() -> new StoreFailure("member_events at"
                + " position " + position + " holds type " + name + ", which this store's MemberEventTypes does not"
                + " register; register it (or its old name) to read the feed", null));
        try {
            return JSON.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new StoreFailure("member_events at position " + position + ": cannot read " + name + " back from its"
                    + " JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Without the driver's message or cause: a database may quote the values it refused, and
     * personal data must never reach a log.
     */
    private static StoreFailure vaultFailure(String what, ActorId member, SQLException e) {
        return new StoreFailure("member store " + what + "(" + member + ") failed: SQL state " + e.getSQLState()
                + ", error code " + e.getErrorCode() + " (the database's message is withheld: it may quote personal data)",
                null);
    }

    private static StoreFailure failure(String what, SQLException e) {
        return new StoreFailure("member store " + what + " failed: " + e.getMessage(), e);
    }
}
