package dev.civicloop.stream.nats;

import dev.civicloop.spi.GovernanceException;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.StoreFailure;
import dev.civicloop.spi.event.EventEnvelope;
import dev.civicloop.spi.event.StoredEvent;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.StoredPosting;
import dev.civicloop.spi.member.MemberEnvelope;
import dev.civicloop.spi.member.MemberStore;
import dev.civicloop.spi.member.StoredMemberEvent;
import dev.civicloop.spi.store.TicketStore;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes CivicLoop's events to NATS JetStream for city data platforms: it follows the stores'
 * global feeds ({@link TicketStore#readAfter}, {@link LedgerStore#readAfter},
 * {@link MemberStore#readAfter}) from its own {@link Checkpoint} and publishes each event, one at a
 * time and waiting for the server's acknowledgement, with a stable event id as the
 * {@code Nats-Msg-Id} header:
 *
 * <table>
 * <caption>Feeds, subjects and event ids (prefix {@code civicloop})</caption>
 * <tr><th>feed</th><th>subject</th><th>{@code Nats-Msg-Id}</th></tr>
 * <tr><td>{@code tickets}</td><td>{@code civicloop.tickets.<ticketId>}</td><td>{@code tickets/<ticketId>/<version>}</td></tr>
 * <tr><td>{@code points}</td><td>{@code civicloop.points.<kind>.<name>} of the member account
 *     the posting touches (else of its credit account)</td><td>{@code points/<postingId>}</td></tr>
 * <tr><td>{@code members}</td><td>{@code civicloop.members.<kind>.<name>} of the stream</td>
 *     <td>{@code members/<stream>/<version>}</td></tr>
 * </table>
 *
 * <p>Ids are encoded into subject tokens: characters outside {@code [A-Za-z0-9_-]} become
 * {@code ~XX} per UTF-8 byte ({@code T.1} → {@code T~2E1}). The payload is JSON; its {@code id}
 * field repeats the event id.
 *
 * <p><b>At least once.</b> A feed's checkpoint moves only past events the server acknowledged.
 * When a publish fails (server down, no acknowledgement in time) the poll stops there, saves the
 * last acknowledged position and reports the problem; the next poll reconnects and resumes with
 * that event, so none is skipped. An event the server stored but whose acknowledgement was lost is
 * sent again and dropped by JetStream's duplicate window ({@link PollResult#duplicates()}); a
 * consumer that must be exact beyond that window de-duplicates by {@code Nats-Msg-Id} too.
 *
 * <p><b>In order per ticket.</b> One publisher publishes sequentially in feed order, and a
 * ticket's versions are in position order in the feed. Run one publisher per stream; a second one
 * (a standby) only re-sends duplicates, but may interleave.
 *
 * <pre>{@code
 * JetStreamPublisher publisher = JetStreamPublisher.builder("nats://10.0.0.5:4222")
 *         .tickets(ticketStore).points(ledgerStore).members(memberStore)
 *         .checkpoint(Checkpoint.file(Path.of("/var/lib/civicloop/nats-checkpoint.properties")))
 *         .build();
 * scheduler.scheduleWithFixedDelay(publisher::poll, 1, 1, TimeUnit.SECONDS);
 * }</pre>
 */
public final class JetStreamPublisher implements AutoCloseable {
    /** The feed of ticket events. */
    public static final String TICKETS = "tickets";
    /** The feed of ledger postings (points and item units). */
    public static final String POINTS = "points";
    /** The feed of member, team, task and activity events. */
    public static final String MEMBERS = "members";

    private static final Logger log = LoggerFactory.getLogger(JetStreamPublisher.class);
    /** JetStream's API error code for "stream not found". */
    private static final int STREAM_NOT_FOUND = 10059;

    private final List<String> servers;
    private final String streamName;
    private final String prefix;
    private final Duration duplicateWindow;
    private final Duration ackTimeout;
    private final Duration connectTimeout;
    private final boolean createStream;
    private final int batchSize;
    private final Checkpoint checkpoint;
    private final List<Feed> feeds;
    private final EventJson json = new EventJson();

    private Connection connection;
    private JetStream jetStream;
    /** What the last new connection's stream set-up found, for {@link #ensureStream()}. */
    private StreamStatus ensuredOnConnect;

    /** jnats' own listener logs to java.util.logging; the failures surface in {@link PollResult#problem()}. */
    private static final ErrorListener QUIET = new ErrorListener() {
        @Override
        public void errorOccurred(Connection conn, String error) {
            log.debug("NATS error: {}", error);
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            log.debug("NATS connection problem", exp);
        }
    };

    private JetStreamPublisher(Builder b) {
        this.servers = List.copyOf(b.servers);
        this.streamName = b.streamName;
        this.prefix = b.prefix;
        this.duplicateWindow = b.duplicateWindow;
        this.ackTimeout = b.ackTimeout;
        this.connectTimeout = b.connectTimeout;
        this.createStream = b.createStream;
        this.batchSize = b.batchSize;
        this.checkpoint = b.checkpoint;
        List<Feed> f = new ArrayList<>();
        if (b.tickets != null) {
            f.add(new Feed(TICKETS, (after, limit) -> tickets(b.tickets.readAfter(after, limit))));
        }
        if (b.points != null) {
            f.add(new Feed(POINTS, (after, limit) -> postings(b.points.readAfter(after, limit))));
        }
        if (b.members != null) {
            f.add(new Feed(MEMBERS, (after, limit) -> members(b.members.readAfter(after, limit))));
        }
        this.feeds = List.copyOf(f);
    }

    /**
     * A builder for a publisher that connects to the given NATS servers
     * ({@code nats://host:port}; several for a cluster).
     */
    public static Builder builder(String... servers) {
        return new Builder(servers);
    }

    /**
     * Publishes every event after the checkpoint, feed by feed (tickets, points, members), and
     * saves the checkpoint. Connects first (again, after a failure). Never throws for an
     * unreachable or failing server: the result says where it stopped, and the next poll goes on
     * from there. Safe to call from a scheduler; calls are serialised.
     *
     * @throws StoreFailure the checkpoint could not be saved or an event could not be turned into JSON
     */
    public synchronized PollResult poll() {
        Map<String, Long> positions = new LinkedHashMap<>();
        for (Feed feed : feeds) {
            positions.put(feed.name, checkpoint.load(feed.name));
        }
        int published = 0;
        int duplicates = 0;
        String problem = null;
        try {
            JetStream js = connect();
            for (Feed feed : feeds) {
                long position = positions.get(feed.name);
                while (true) {
                    List<Outgoing> batch = feed.reader.read(position, batchSize);
                    long saved = position;
                    try {
                        for (Outgoing m : batch) {
                            PublishAck ack = js.publish(m.subject, m.headers, m.body, PublishOptions.builder()
                                    .messageId(m.id).expectedStream(streamName).streamTimeout(ackTimeout).build());
                            if (ack.isDuplicate()) {
                                duplicates++;
                            } else {
                                published++;
                            }
                            position = m.position;
                            positions.put(feed.name, position);
                        }
                    } finally {
                        if (position != saved) {
                            checkpoint.save(feed.name, position);
                        }
                    }
                    if (batch.size() < batchSize) {
                        break;
                    }
                }
            }
        } catch (IOException | JetStreamApiException e) {
            problem = describe(e);
            disconnect();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
            disconnect();
        } catch (GovernanceException e) {
            throw e; // the checkpoint, a store or an event's JSON failed: not the server's doing
        } catch (RuntimeException e) {
            // jnats reports a closed connection or a refused publish (no responders) unchecked
            problem = describe(e);
            disconnect();
        }
        PollResult result = new PollResult(published, duplicates, positions, problem);
        if (problem != null) {
            log.warn("JetStream publisher stopped at {} after {} published, {} duplicates: {}", positions, published,
                    duplicates, problem);
        } else if (published + duplicates > 0) {
            log.debug("JetStream publisher: {} published, {} duplicates, now at {}", published, duplicates, positions);
        }
        return result;
    }

    /**
     * Creates the stream over {@code <prefix>.>} with file storage and the duplicate window, or
     * updates an existing one (adds the subject if missing, sets the duplicate window; other
     * settings are kept). A publisher built with {@code createStream(true)} (the default) does this
     * on every new connection by itself.
     *
     * @throws StoreFailure the server could not be reached or refused the stream
     */
    public synchronized StreamStatus ensureStream() {
        try {
            ensuredOnConnect = null;
            connect();
            StreamStatus justNow = ensuredOnConnect;
            return justNow != null ? justNow : ensureStream(connection);
        } catch (IOException | JetStreamApiException | IllegalStateException e) {
            disconnect();
            throw new StoreFailure("JetStream stream " + streamName + " on " + servers + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            disconnect();
            throw new StoreFailure("JetStream stream " + streamName + ": interrupted", e);
        }
    }

    /** The last acknowledged position of each configured feed, as the checkpoint holds it. */
    public Map<String, Long> positions() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Feed feed : feeds) {
            out.put(feed.name, checkpoint.load(feed.name));
        }
        return out;
    }

    /** Closes the connection; a later {@link #poll()} opens a new one. */
    @Override
    public synchronized void close() {
        disconnect();
    }

    private JetStream connect() throws IOException, InterruptedException, JetStreamApiException {
        if (connection != null && connection.getStatus() == Connection.Status.CONNECTED) {
            return jetStream;
        }
        disconnect();
        // No automatic reconnect and no reconnect buffer: a publish while the server is away fails
        // at once, the poll stops at the last acknowledged event, and the next poll connects anew.
        Options options = new Options.Builder()
                .servers(servers.toArray(String[]::new))
                .connectionName("civicloop-jetstream-publisher")
                .connectionTimeout(connectTimeout)
                .noReconnect()
                .reconnectBufferSize(0)
                .errorListener(QUIET)
                .build();
        Connection c = Nats.connect(options);
        try {
            if (createStream) {
                ensuredOnConnect = ensureStream(c);
            }
            jetStream = c.jetStream(JetStreamOptions.builder().requestTimeout(ackTimeout).build());
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
        connection = c;
        log.info("JetStream publisher connected to {} (stream {})", c.getConnectedUrl(), streamName);
        return jetStream;
    }

    private StreamStatus ensureStream(Connection c) throws IOException, JetStreamApiException {
        JetStreamManagement jsm = c.jetStreamManagement(JetStreamOptions.builder().requestTimeout(ackTimeout).build());
        String subject = prefix + ".>";
        StreamInfo info;
        try {
            info = jsm.getStreamInfo(streamName);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
            info = jsm.addStream(StreamConfiguration.builder()
                    .name(streamName)
                    .subjects(subject)
                    .storageType(StorageType.File)
                    .duplicateWindow(duplicateWindow)
                    .build());
            log.info("created JetStream stream {} over {} (duplicate window {})", streamName, subject, duplicateWindow);
            return status(info, true);
        }
        StreamConfiguration existing = info.getConfiguration();
        boolean hasSubject = existing.getSubjects().contains(subject);
        if (!hasSubject || !duplicateWindow.equals(existing.getDuplicateWindow())) {
            StreamConfiguration.Builder update = StreamConfiguration.builder(existing).duplicateWindow(duplicateWindow);
            if (!hasSubject) {
                update.addSubjects(subject);
            }
            info = jsm.updateStream(update.build());
            log.info("updated JetStream stream {}: subjects {}, duplicate window {}", streamName,
                    info.getConfiguration().getSubjects(), duplicateWindow);
        }
        if (info.getConfiguration().getStorageType() != StorageType.File) {
            log.warn("JetStream stream {} keeps its messages in memory: a server restart loses them", streamName);
        }
        return status(info, false);
    }

    private static StreamStatus status(StreamInfo info, boolean created) {
        StreamConfiguration sc = info.getConfiguration();
        return new StreamStatus(sc.getName(), sc.getSubjects(), sc.getDuplicateWindow(),
                sc.getStorageType() == StorageType.File, created, info.getStreamState().getMsgCount());
    }

    private void disconnect() {
        Connection c = connection;
        connection = null;
        jetStream = null;
        if (c != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.debug("closing the NATS connection failed", e);
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    // ---- feeds ---------------------------------------------------------------------------

    private List<Outgoing> tickets(List<StoredEvent> events) {
        List<Outgoing> out = new ArrayList<>(events.size());
        for (StoredEvent s : events) {
            EventEnvelope e = s.envelope();
            String id = TICKETS + "/" + e.ticketId().value() + "/" + e.version();
            out.add(new Outgoing(s.position(), id, prefix + ".tickets." + Subjects.token(e.ticketId().value()),
                    headers(id, TICKETS, e.event().getClass().getSimpleName()), json.ticket(id, s.position(), e)));
        }
        return out;
    }

    private List<Outgoing> postings(List<StoredPosting> postings) {
        List<Outgoing> out = new ArrayList<>(postings.size());
        for (StoredPosting s : postings) {
            Posting p = s.posting();
            String id = POINTS + "/" + p.id().value();
            AccountId account = p.credit().kind() == AccountId.Kind.MEMBER ? p.credit()
                    : p.debit().kind() == AccountId.Kind.MEMBER ? p.debit() : p.credit();
            out.add(new Outgoing(s.position(), id, prefix + ".points." + Subjects.kindAndName(account.value()),
                    headers(id, POINTS, p.kind()), json.posting(id, s.position(), p)));
        }
        return out;
    }

    private List<Outgoing> members(List<StoredMemberEvent> events) {
        List<Outgoing> out = new ArrayList<>(events.size());
        for (StoredMemberEvent s : events) {
            MemberEnvelope e = s.envelope();
            String id = MEMBERS + "/" + e.stream() + "/" + e.version();
            out.add(new Outgoing(s.position(), id, prefix + ".members." + Subjects.kindAndName(e.stream()),
                    headers(id, MEMBERS, e.event().type()), json.member(id, s.position(), e)));
        }
        return out;
    }

    private static Headers headers(String id, String feed, String type) {
        return new Headers()
                .put("Nats-Msg-Id", id)
                .put("CivicLoop-Feed", feed)
                .put("CivicLoop-Type", type)
                .put("Content-Type", "application/json");
    }

    private interface Reader {
        List<Outgoing> read(long afterPosition, int limit);
    }

    private record Feed(String name, Reader reader) {}

    private record Outgoing(long position, String id, String subject, Headers headers, byte[] body) {}

    /** Settings of a {@link JetStreamPublisher}; at least one store and a checkpoint are required. */
    public static final class Builder {
        private final List<String> servers;
        private String streamName = "CIVICLOOP";
        private String prefix = "civicloop";
        private Duration duplicateWindow = Duration.ofHours(1);
        private Duration ackTimeout = Duration.ofSeconds(5);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private boolean createStream = true;
        private int batchSize = 500;
        private Checkpoint checkpoint;
        private TicketStore tickets;
        private LedgerStore points;
        private MemberStore members;

        private Builder(String... servers) {
            if (servers == null || servers.length == 0) {
                throw new InvalidConfiguration("JetStream publisher: at least one server URL is required, e.g. nats://127.0.0.1:4222");
            }
            for (String s : servers) {
                if (s == null || s.isBlank()) {
                    throw new InvalidConfiguration("JetStream publisher: a server URL is blank in " + List.of(servers));
                }
            }
            this.servers = List.of(servers);
        }

        /** Publish the ticket events of this store (feed {@code tickets}). */
        public Builder tickets(TicketStore store) {
            this.tickets = require("ticket store", store);
            return this;
        }

        /** Publish the postings of this ledger (feed {@code points}). */
        public Builder points(LedgerStore store) {
            this.points = require("ledger store", store);
            return this;
        }

        /** Publish the member, team, task and activity events of this store (feed {@code members}). */
        public Builder members(MemberStore store) {
            this.members = require("member store", store);
            return this;
        }

        /** Where the last acknowledged positions are kept; required (use {@link Checkpoint#file} in production). */
        public Builder checkpoint(Checkpoint checkpoint) {
            this.checkpoint = require("checkpoint", checkpoint);
            return this;
        }

        /** The JetStream stream (default {@code CIVICLOOP}). */
        public Builder stream(String name) {
            if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new InvalidConfiguration("JetStream publisher: stream name must be 1-64 of [A-Za-z0-9_-], was " + name);
            }
            this.streamName = name;
            return this;
        }

        /** The first subject tokens (default {@code civicloop}: {@code civicloop.tickets.T1}). */
        public Builder subjectPrefix(String prefix) {
            if (!Subjects.validPrefix(prefix)) {
                throw new InvalidConfiguration("JetStream publisher: subject prefix must be dot-separated tokens of"
                        + " [A-Za-z0-9_-], was " + prefix);
            }
            this.prefix = prefix;
            return this;
        }

        /**
         * How long JetStream remembers an event id to drop a re-send (default 1 hour); set when the
         * publisher creates or updates the stream. It should exceed the longest time a crashed
         * publisher may take to come back.
         */
        public Builder duplicateWindow(Duration window) {
            this.duplicateWindow = positive("duplicate window", window);
            return this;
        }

        /** How long to wait for the server's acknowledgement of one event (default 5 s). */
        public Builder ackTimeout(Duration timeout) {
            this.ackTimeout = positive("ack timeout", timeout);
            return this;
        }

        /** How long to wait for a connection (default 5 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connect timeout", timeout);
            return this;
        }

        /** Whether the publisher creates or updates its stream on connecting (default true). */
        public Builder createStream(boolean create) {
            this.createStream = create;
            return this;
        }

        /** How many events to read from a store at a time (default 500). */
        public Builder batchSize(int size) {
            if (size < 1) {
                throw new InvalidConfiguration("JetStream publisher: batch size must be 1 or more, was " + size);
            }
            this.batchSize = size;
            return this;
        }

        public JetStreamPublisher build() {
            if (checkpoint == null) {
                throw new InvalidConfiguration("JetStream publisher: checkpoint was not set; use Checkpoint.file(path)"
                        + " (or Checkpoint.inMemory() for tests)");
            }
            if (tickets == null && points == null && members == null) {
                throw new InvalidConfiguration("JetStream publisher: no feed to publish; set tickets(…), points(…)"
                        + " and/or members(…)");
            }
            return new JetStreamPublisher(this);
        }

        private static <T> T require(String what, T value) {
            if (value == null) {
                throw new InvalidConfiguration("JetStream publisher: " + what + " is null");
            }
            return value;
        }

        private static Duration positive(String what, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new InvalidConfiguration("JetStream publisher: " + what + " must be positive, was " + d);
            }
            return d;
        }
    }
}
