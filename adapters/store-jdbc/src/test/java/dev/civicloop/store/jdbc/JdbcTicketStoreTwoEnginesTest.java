package dev.civicloop.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.core.TicketView;
import dev.civicloop.core.command.TicketCommand;
import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.event.EventEnvelope;
import dev.civicloop.spi.event.StoredEvent;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.store.TicketQuery;
import dev.civicloop.spi.store.TicketSummary;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two application instances — two engines in one JVM, each with its own connection pool — on one
 * PostgreSQL database, racing on the same tickets: every command is sent to both with the same
 * command id, and the two departments' accepts race each other. Nothing is lost, nothing is
 * applied twice, and every notification is delivered.
 */
class JdbcTicketStoreTwoEnginesTest {
    private static final int TICKETS = 12;
    private static final AtomicInteger CONFLICTS = new AtomicInteger();

    @Test
    void twoEnginesOnOnePostgresDatabaseNeitherLoseNorDoubleApplyCommands() throws Exception {
        TestDatabases.requirePostgres();
        String name = "civicloop_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        admin("CREATE DATABASE " + name);
        String url = TestDatabases.ADMIN_URL.substring(0, TestDatabases.ADMIN_URL.lastIndexOf('/') + 1) + name;
        try (JdbcDatabase poolA = JdbcDatabase.postgres(url, TestDatabases.USER, TestDatabases.PASSWORD, 4);
                JdbcDatabase poolB = JdbcDatabase.postgres(url, TestDatabases.USER, TestDatabases.PASSWORD, 4)) {
            race(poolA, poolB);
        } finally {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static void race(JdbcDatabase poolA, JdbcDatabase poolB) throws Exception {
        AtomicInteger idsA = new AtomicInteger();
        AtomicInteger idsB = new AtomicInteger();
        List<Notification> delivered = Collections.synchronizedList(new ArrayList<>());
        GovernanceEngine a = JdbcTicketStoreCity.engine(poolA.ticketStore(), delivered::add,
                () -> TicketId.of("A-" + idsA.incrementAndGet()));
        GovernanceEngine b = JdbcTicketStoreCity.engine(poolB.ticketStore(), delivered::add,
                () -> TicketId.of("B-" + idsB.incrementAndGet()));

        // The oracle: one ticket carried through the same commands by one engine alone.
        TicketId control = runScript(a, "control", JdbcTicketStoreCity.URBAN_HANDLER, new ConcurrentHashMap<>());
        runScript(a, "control", JdbcTicketStoreCity.FIRE_HANDLER, new ConcurrentHashMap<>());
        List<EventEnvelope> controlEvents = poolA.ticketStore().load(control);

        // Four workers: engine A and B, each once for urban management and once for the fire station.
        // All four send report, verify, dispatch and claim with the same command ids; the two
        // departments' accepts race each other on every ticket.
        Map<String, List<TicketView>> results = new ConcurrentHashMap<>();
        List<GovernanceEngine> engines = List.of(a, b, a, b);
        List<Actor> handlers = List.of(JdbcTicketStoreCity.URBAN_HANDLER, JdbcTicketStoreCity.URBAN_HANDLER,
                JdbcTicketStoreCity.FIRE_HANDLER, JdbcTicketStoreCity.FIRE_HANDLER);
        CyclicBarrier start = new CyclicBarrier(4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            GovernanceEngine engine = engines.get(w);
            Actor handler = handlers.get(w);
            workers.add(pool.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                for (int t = 0; t < TICKETS; t++) {
                    runScript(engine, "t" + t, handler, results);
                }
                return TICKETS;
            }));
        }
        try {
            for (Future<Integer> f : workers) {
                assertEquals(TICKETS, f.get(120, TimeUnit.SECONDS), "tickets a worker carried through");
            }
        } finally {
            pool.shutdownNow();
        }

        System.out.printf("two engines: %d tickets, %d retries after ConcurrencyConflict, ticket ids drawn: A %d, B %d%n",
                TICKETS, CONFLICTS.get(), idsA.get(), idsB.get());

        // Every instance that sent a command got the same answer: the first result.
        results.forEach((command, views) -> {
            TicketView first = views.get(0);
            for (TicketView v : views) {
                assertEquals(first.ticketId(), v.ticketId(), "ticket answered for " + command);
                assertEquals(first.version(), v.version(), "version answered for " + command);
            }
        });

        // Exactly the raced tickets and the control exist: a report that lost its race left no ticket.
        List<TicketSummary> all = new ArrayList<>();
        TicketQuery q = TicketQuery.all().limit(5);
        while (true) {
            var page = poolB.ticketStore().query(q);
            all.addAll(page.items());
            if (page.nextCursor() == null) {
                break;
            }
            q = q.after(page.nextCursor());
        }
        assertEquals(TICKETS + 1, all.size(), "tickets stored: " + all.stream().map(TicketSummary::ticketId).toList());

        // Each ticket holds each command's events exactly once, like the control ticket.
        Map<String, Long> controlPerCommand = perCommand(controlEvents, "control");
        int totalEvents = controlEvents.size();
        for (int t = 0; t < TICKETS; t++) {
            String key = "t" + t;
            TicketId id = results.get("report-" + key).get(0).ticketId();
            List<EventEnvelope> events = poolB.ticketStore().load(id);
            assertEquals(controlPerCommand, perCommand(events, key), "events per command of " + key + " (" + id + ")");
            for (int i = 0; i < events.size(); i++) {
                assertEquals(i + 1L, events.get(i).version(), "version at index " + i + " of " + id);
            }
            assertEquals(controlEvents.get(controlEvents.size() - 1).state(), events.get(events.size() - 1).state(),
                    "final state of " + id);
            totalEvents += events.size();
        }

        // The global feed holds every event once, in increasing positions.
        List<StoredEvent> feed = new ArrayList<>();
        long last = 0;
        for (List<StoredEvent> page; !(page = poolA.ticketStore().readAfter(last, 25)).isEmpty(); ) {
            for (StoredEvent e : page) {
                assertTrue(e.position() > last, "positions grow: " + e.position() + " after " + last);
                last = e.position();
                feed.add(e);
            }
        }
        assertEquals(totalEvents, feed.size(), "events in the global feed");
        assertEquals(totalEvents, feed.stream().map(e -> e.envelope().ticketId() + "@" + e.envelope().version())
                .distinct().count(), "distinct (ticket, version) in the feed");

        // Every notification is delivered, each ticket's as many as the control's, none twice.
        while (b.deliverNotifications() > 0) {
            // one pass delivers at most one batch
        }
        assertEquals(0, poolA.ticketStore().pendingCount(), "notifications left pending");
        Map<TicketId, Long> perTicket = delivered.stream()
                .collect(Collectors.groupingBy(Notification::ticketId, TreeMap::new, Collectors.counting()));
        long controlNotes = perTicket.get(control);
        assertTrue(controlNotes > 0, "the control ticket caused notifications");
        assertEquals(TICKETS + 1, perTicket.size(), "tickets with delivered notifications");
        perTicket.forEach((id, n) -> assertEquals(controlNotes, n, "notifications delivered for " + id));
        assertEquals(delivered.size(), delivered.stream().map(Notification::id).distinct().count(),
                "notification ids delivered more than once by one dispatcher");
    }

    /** Report, verify, dispatch, claim, then this department's accept; each retried on ConcurrencyConflict. */
    private static TicketId runScript(GovernanceEngine engine, String key, Actor handler,
            Map<String, List<TicketView>> results) {
        TicketView reported = send(engine, JdbcTicketStoreCity.report(key), results);
        TicketId id = reported.ticketId();
        for (TicketCommand c : JdbcTicketStoreCity.verifyDispatchClaim(key, id)) {
            send(engine, c, results);
        }
        send(engine, JdbcTicketStoreCity.accept(key, id, handler), results);
        return id;
    }

    private static TicketView send(GovernanceEngine engine, TicketCommand command, Map<String, List<TicketView>> results) {
        for (int attempt = 1; ; attempt++) {
            try {
                TicketView v = engine.handle(command);
                results.computeIfAbsent(command.commandId().value(), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(v);
                return v;
            } catch (ConcurrencyConflict e) {
                CONFLICTS.incrementAndGet();
                if (attempt == 200) {
                    throw new AssertionError(command.commandId() + " still conflicts after 200 attempts", e);
                }
            }
        }
    }

    /** How many events each command (by id, with the ticket key replaced) put on the ticket. */
    private static Map<String, Long> perCommand(List<EventEnvelope> events, String key) {
        Function<EventEnvelope, String> command = e -> e.commandId().value().replace(key, "*");
        return events.stream().collect(Collectors.groupingBy(command, TreeMap::new, Collectors.counting()));
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabases.ADMIN_URL, TestDatabases.USER,
                TestDatabases.PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
