package dev.civicloop.tck;

import static dev.civicloop.tck.TicketFixtures.T0;
import static dev.civicloop.tck.TicketFixtures.notification;
import static dev.civicloop.tck.TicketFixtures.progress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.DuplicateCommand;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.event.DepartmentAccepted;
import dev.civicloop.spi.event.EventEnvelope;
import dev.civicloop.spi.event.ProgressNoted;
import dev.civicloop.spi.event.ResultConfirmed;
import dev.civicloop.spi.event.StoredEvent;
import dev.civicloop.spi.event.TicketCancelled;
import dev.civicloop.spi.event.TicketClaimed;
import dev.civicloop.spi.event.TicketDispatched;
import dev.civicloop.spi.event.TicketEvent;
import dev.civicloop.spi.event.TicketRejected;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Satisfaction;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Recipient;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit for {@link TicketStore} adapters: an abstract JUnit 5 class whose tests
 * check the SPI's contract — all-or-nothing appends under optimistic concurrency, idempotency by
 * command id, one global event order, queries and paging, and, if the store is also an
 * {@link OutboxStore}, the outbox. An adapter proves itself with three lines:
 *
 * <pre>{@code
 * class JdbcTicketStoreConformanceTest extends TicketStoreCompatibilityKit {
 *     @Override protected TicketStore createStore() { return new JdbcTicketStore(freshDataSource()); }
 * }
 * }</pre>
 *
 * <p>{@link #createStore()} runs before every test and must return an empty store;
 * {@link #closeStore(TicketStore)} runs after it. The concurrency tests use 16 threads; a store
 * that needs a connection pool should allow that many connections. Values come from
 * {@link TicketFixtures}; instants have millisecond precision.
 */
public abstract class TicketStoreCompatibilityKit {

    private static final int THREADS = 16;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Instant FAR_FUTURE = T0.plus(Duration.ofDays(3650));
    private static final OrgUnitId XINGHUA = OrgUnitId.of("xinghua");
    private static final OrgUnitId BEIYUAN = OrgUnitId.of("beiyuan");
    private static final OrgUnitId[] UNITS_A = {TicketFixtures.GRID, TicketFixtures.COMMUNITY, TicketFixtures.STREET};
    private static final OrgUnitId[] UNITS_B = {OrgUnitId.of("grid-7"), XINGHUA, TicketFixtures.STREET};
    private static final OrgUnitId[] UNITS_C = {OrgUnitId.of("grid-9"), BEIYUAN, OrgUnitId.of("beihu-street")};
    private static final TicketState AWAITING_REVIEW = TicketState.of("AWAITING_REVIEW");

    private TicketStore store;

    /** A new, empty store; called before each test. */
    protected abstract TicketStore createStore();

    /** Releases what {@link #createStore()} opened (connections, schemas); called after each test. */
    protected void closeStore(TicketStore store) {}

    /** The store under test, for an adapter's own extra tests. */
    protected final TicketStore store() {
        return store;
    }

    @BeforeEach
    final void createStoreUnderTest() {
        store = createStore();
        assertNotNull(store, "createStore() returned null");
    }

    @AfterEach
    final void closeStoreUnderTest() {
        if (store != null) {
            TicketStore s = store;
            store = null;
            closeStore(s);
        }
    }

    // ================================================================== append and load

    /** A ticket's history appended in batches of growing size loads back whole and in order. */
    @Test
    public void appendedEventsLoadBackInVersionOrder() {
        TicketId id = TicketId.of("rt-gas-leak");
        List<EventEnvelope> history = TicketFixtures.closedLoopHistory(id);
        appendInBatches(history);
        assertEvents(history, store.load(id), "load(" + id + ")");
    }

    /** Every TicketEvent type, with optional fields set and null, survives a round trip. */
    @Test
    public void everyKindOfEventSurvivesTheRoundTripWithAllItsFields() {
        List<List<EventEnvelope>> histories = TicketFixtures.historiesCoveringEveryEvent("rt");
        Set<Class<?>> covered = new HashSet<>();
        Map<TicketId, List<EventEnvelope>> byTicket = new HashMap<>();
        for (List<EventEnvelope> history : histories) {
            appendInBatches(history);
            history.forEach(e -> covered.add(e.event().getClass()));
            byTicket.put(history.get(0).ticketId(), history);
        }
        Set<Class<?>> permitted = Set.of(TicketEvent.class.getPermittedSubclasses());
        assertEquals(permitted, covered, "the kit's fixtures must hold every TicketEvent type; update TicketFixtures");

        for (List<EventEnvelope> history : histories) {
            TicketId id = history.get(0).ticketId();
            assertEvents(history, store.load(id), "load(" + id + ")");
        }
        Map<TicketId, List<EventEnvelope>> fromFeed = new HashMap<>();
        for (StoredEvent e : readFeed(100)) {
            fromFeed.computeIfAbsent(e.envelope().ticketId(), k -> new ArrayList<>()).add(e.envelope());
        }
        assertEquals(byTicket.keySet(), fromFeed.keySet(), "tickets in readAfter");
        byTicket.forEach((id, history) -> assertEvents(history, fromFeed.get(id), "readAfter events of " + id));
    }

    /** AppendResult names the ticket's new version and the global position of the last event. */
    @Test
    public void appendReportsTheNewVersionAndThePositionOfItsLastEvent() {
        TicketId id = TicketId.of("result-1");
        AppendResult first = store.append(TicketFixtures.report(id, T0));
        assertEquals(1, first.version(), "version after the report");
        AppendResult second = store.append(TicketFixtures.append(id, 1)
                .event(TicketState.IN_HANDLING, progress("a"))
                .event(TicketState.IN_HANDLING, progress("b"))
                .event(TicketState.IN_HANDLING, progress("c"))
                .build());
        assertEquals(4, second.version(), "version after three more events");
        assertTrue(first.lastPosition() > 0, "positions are positive, was " + first.lastPosition());
        assertTrue(second.lastPosition() >= first.lastPosition() + 3,
                "three later events must take three later positions: " + first + ", then " + second);

        List<StoredEvent> feed = readFeed(100);
        assertEquals(4, feed.size(), "events in readAfter(0, …)");
        assertEquals(first.lastPosition(), feed.get(0).position(), "position of version 1");
        assertEquals(second.lastPosition(), feed.get(3).position(), "position of version 4");
    }

    /** An empty store has no events, no feed, no summaries; an unknown ticket loads as empty. */
    @Test
    public void anUnknownTicketHasNoEvents() {
        assertEquals(List.of(), store.load(TicketId.of("nobody-reported-this")));
        assertEquals(List.of(), store.readAfter(0, 10), "readAfter on an empty store");
        Page<TicketSummary> page = store.query(TicketQuery.all());
        assertEquals(List.of(), page.items(), "query on an empty store");
        assertNull(page.nextCursor(), "no next page on an empty store");
        store.append(TicketFixtures.report(TicketId.of("someone-else"), T0));
        assertEquals(List.of(), store.load(TicketId.of("nobody-reported-this")), "another ticket's events leak");
    }

    /** Callers cannot corrupt the store through a list it returned. */
    @Test
    public void returnedListsCannotChangeWhatIsStored() {
        TicketId id = TicketId.of("copies-1");
        store.append(TicketFixtures.report(id, T0));
        List<EventEnvelope> expectedEvents = store.load(id);
        List<StoredEvent> expectedFeed = store.readAfter(0, 10);
        List<TicketSummary> expectedSummaries = store.query(TicketQuery.all()).items();
        tryToClear(store.load(id));
        tryToClear(store.readAfter(0, 10));
        tryToClear(store.query(TicketQuery.all()).items());
        assertEquals(expectedEvents, store.load(id), "load after clearing a returned list");
        assertEquals(expectedFeed, store.readAfter(0, 10), "readAfter after clearing a returned list");
        assertEquals(expectedSummaries, store.query(TicketQuery.all()).items(), "query after clearing a returned list");
    }

    // ================================================================== optimistic concurrency

    /** An append based on an old version is refused and leaves every part of the store as it was. */
    @Test
    public void staleExpectedVersionIsRefusedAndNothingChanges() {
        TicketId id = TicketId.of("stale-1");
        buildTicketAtVersion3(id);
        Snapshot before = snapshot(List.of(id), List.of("stale-cmd", "stale-1-cmd-2"));

        ConcurrencyConflict conflict = assertThrows(ConcurrencyConflict.class, () -> store.append(
                TicketFixtures.append(id, 2)
                        .event(TicketState.IN_HANDLING, progress("written from an old view"))
                        .event(TicketState.RESOLVED, progress("also from the old view"))
                        .notify(notification("stale-n", id, T0.plusSeconds(900), true))
                        .command("stale-cmd", T0.plusSeconds(900))
                        .build()),
                "append with expectedVersion 2 to a ticket at version 3");
        assertEquals(2, conflict.expectedVersion(), "ConcurrencyConflict.expectedVersion");
        assertEquals(3, conflict.actualVersion(), "ConcurrencyConflict.actualVersion");
        assertUnchanged(before, snapshot(List.of(id), List.of("stale-cmd", "stale-1-cmd-2")), "a refused stale append");
    }

    /** Expected version 0 means "new ticket": appending so to an existing ticket is refused. */
    @Test
    public void reportingATicketThatAlreadyExistsIsRefusedAndNothingChanges() {
        TicketId id = TicketId.of("exists-1");
        store.append(TicketFixtures.append(id, 0)
                .event(TicketState.SUBMITTED, TicketFixtures.gasLeakReport(false))
                .notify(notification("exists-n-1", id, T0, false))
                .command("exists-cmd-1", T0)
                .build());
        Snapshot before = snapshot(List.of(id), List.of("exists-cmd-1", "exists-cmd-2"));

        ConcurrencyConflict conflict = assertThrows(ConcurrencyConflict.class, () -> store.append(
                TicketFixtures.append(id, 0)
                        .event(TicketState.SUBMITTED, TicketFixtures.gasLeakReport(true))
                        .reportedAt(T0.plus(Duration.ofDays(1)))
                        .orgUnits(UNITS_C)
                        .notify(notification("exists-n-2", id, T0, true))
                        .command("exists-cmd-2", T0)
                        .build()),
                "a second report of an existing ticket (expectedVersion 0)");
        assertEquals(0, conflict.expectedVersion(), "ConcurrencyConflict.expectedVersion");
        assertEquals(1, conflict.actualVersion(), "ConcurrencyConflict.actualVersion");
        assertUnchanged(before, snapshot(List.of(id), List.of("exists-cmd-1", "exists-cmd-2")),
                "a refused second report");
    }

    /** An expected version beyond the ticket's, or any version of a ticket that does not exist, is refused. */
    @Test
    public void expectedVersionAheadOfTheTicketIsRefused() {
        TicketId id = TicketId.of("ahead-1");
        buildTicketAtVersion3(id);
        TicketId missing = TicketId.of("ahead-missing");
        Snapshot before = snapshot(List.of(id, missing), List.of());

        ConcurrencyConflict ahead = assertThrows(ConcurrencyConflict.class, () -> store.append(
                TicketFixtures.append(id, 5).event(TicketState.IN_HANDLING, progress("from the future")).build()));
        assertEquals(5, ahead.expectedVersion(), "expectedVersion");
        assertEquals(3, ahead.actualVersion(), "actualVersion");

        ConcurrencyConflict absent = assertThrows(ConcurrencyConflict.class, () -> store.append(
                TicketFixtures.append(missing, 1).event(TicketState.VERIFIED, progress("no report")).build()));
        assertEquals(1, absent.expectedVersion(), "expectedVersion");
        assertEquals(0, absent.actualVersion(), "actualVersion of a ticket that does not exist");
        assertUnchanged(before, snapshot(List.of(id, missing), List.of()), "refused appends");
    }

    /**
     * Two writers at one version whose events tell the same people the same thing (the clock's
     * reminder or escalation pass on two nodes, two dispatchers) derive the same notification ids:
     * the one that lost the race is ConcurrencyConflict, which callers retry or skip, not
     * InvalidInput about notification ids; nothing of it is stored.
     */
    @Test
    public void aStaleAppendCarryingTheWinnersNotificationIdsIsAConcurrencyConflict() {
        TicketId id = TicketId.of("twin-pass");
        store.append(TicketFixtures.report(id, T0));
        Notification reminded = notification("twin-pass-2-reminded-O-yuanhang", id, T0.plusSeconds(60), false);
        store.append(TicketFixtures.append(id, 1)
                .event(TicketState.SUBMITTED, progress("node A's pass"), T0.plusSeconds(60), ActorId.of("clock"),
                        CommandId.of("clock/twin-pass/claim/1/remind"))
                .notify(reminded).build());
        Snapshot before = snapshot(List.of(id), List.of());

        ConcurrencyConflict lost = assertThrows(ConcurrencyConflict.class, () -> store.append(
                TicketFixtures.append(id, 1)
                        .event(TicketState.SUBMITTED, progress("node B's pass"), T0.plusSeconds(61), ActorId.of("clock"),
                                CommandId.of("clock/twin-pass/claim/1/remind"))
                        .notify(reminded).build()),
                "node B's append at version 1, with the notification node A already wrote");
        assertEquals(1, lost.expectedVersion(), "ConcurrencyConflict.expectedVersion");
        assertEquals(2, lost.actualVersion(), "ConcurrencyConflict.actualVersion");
        assertUnchanged(before, snapshot(List.of(id), List.of()), "the lost append");
    }

    // ================================================================== command ids

    /** A command id already recorded is refused, on another ticket or the same one; nothing is stored. */
    @Test
    public void reusedCommandIdIsRefusedAndNothingIsStored() {
        TicketId first = TicketId.of("dup-1");
        TicketId second = TicketId.of("dup-2");
        store.append(TicketFixtures.append(first, 0)
                .event(TicketState.SUBMITTED, TicketFixtures.gasLeakReport(false))
                .command("report-by-wang-bin-0511", T0)
                .build());
        CommandRecord original = store.findCommand(CommandId.of("report-by-wang-bin-0511"))
                .orElseThrow(() -> new AssertionError("the applied command was not recorded"));
        Snapshot before = snapshot(List.of(first, second), List.of("report-by-wang-bin-0511"));

        DuplicateCommand onOther = assertThrows(DuplicateCommand.class, () -> store.append(
                TicketFixtures.append(second, 0)
                        .event(TicketState.SUBMITTED, TicketFixtures.gasLeakReport(false))
                        .notify(notification("dup-n-2", second, T0, false))
                        .command("report-by-wang-bin-0511", T0.plusSeconds(5))
                        .build()),
                "a new ticket with a command id already used");
        assertEquals("report-by-wang-bin-0511", onOther.commandId(), "DuplicateCommand.commandId");

        assertThrows(DuplicateCommand.class, () -> store.append(TicketFixtures.append(first, 1)
                        .event(TicketState.VERIFIED, progress("same command again"))
                        .notify(notification("dup-n-3", first, T0, false))
                        .command("report-by-wang-bin-0511", T0.plusSeconds(5))
                        .build()),
                "the right version of the same ticket with a command id already used");

        assertUnchanged(before, snapshot(List.of(first, second), List.of("report-by-wang-bin-0511")),
                "refused duplicate commands");
        assertEquals(Optional.of(original), store.findCommand(CommandId.of("report-by-wang-bin-0511")),
                "the first record stays");
    }

    /** findCommand returns the record appended with the events; appends without one record nothing. */
    @Test
    public void appliedCommandIsFoundByItsId() {
        TicketId id = TicketId.of("cmd-1");
        CommandRecord record = TicketFixtures.command("claim-0511-li-na", id, 2, T0.plusSeconds(321));
        store.append(TicketFixtures.report(id, T0));
        store.append(TicketFixtures.append(id, 1)
                .event(TicketState.CLAIMED, new TicketClaimed(TicketFixtures.COMMUNITY))
                .command(record)
                .build());
        store.append(TicketFixtures.append(id, 2).event(TicketState.CLAIMED, progress("derived, no command")).build());

        assertEquals(Optional.of(record), store.findCommand(CommandId.of("claim-0511-li-na")), "the recorded command");
        assertEquals(Optional.empty(), store.findCommand(CommandId.of("never-applied")), "an unknown command id");
        assertEquals(Optional.empty(), store.findCommand(CommandId.of(id.value() + "-v3")),
                "an envelope's command id is not a command record");
    }

    /** purgeCommands removes records strictly older than the cut-off, counts them, and frees their ids. */
    @Test
    public void purgingForgetsOnlyCommandsRecordedBeforeTheCutOff() {
        Instant h1 = T0.plus(Duration.ofHours(1));
        Instant h2 = T0.plus(Duration.ofHours(2));
        List<TicketId> ids = List.of(TicketId.of("purge-0"), TicketId.of("purge-1"), TicketId.of("purge-2"));
        List<Instant> times = List.of(T0, h1, h2);
        for (int i = 0; i < 3; i++) {
            store.append(TicketFixtures.append(ids.get(i), 0)
                    .event(TicketState.SUBMITTED, TicketFixtures.gasLeakReport(false))
                    .command("purge-cmd-" + i, times.get(i))
                    .build());
        }

        assertEquals(1, store.purgeCommands(h1), "records before " + h1 + " (the one at exactly h1 stays)");
        assertEquals(Optional.empty(), store.findCommand(CommandId.of("purge-cmd-0")), "purged record");
        assertTrue(store.findCommand(CommandId.of("purge-cmd-1")).isPresent(), "record at the cut-off stays");
        assertTrue(store.findCommand(CommandId.of("purge-cmd-2")).isPresent(), "later record stays");
        assertEquals(0, store.purgeCommands(h1), "purging again removes nothing");
        for (TicketId id : ids) {
            assertEquals(1, store.load(id).size(), "purging commands must not touch events of " + id);
        }

        // A forgotten command id is no longer a duplicate.
        store.append(TicketFixtures.append(ids.get(0), 1)
                .event(TicketState.VERIFIED, progress("id reused after the retention window"))
                .command("purge-cmd-0", h2)
                .build());
        assertEquals(2, store.findCommand(CommandId.of("purge-cmd-0")).orElseThrow().version(), "re-recorded command");
        assertEquals(3, store.purgeCommands(h2.plusMillis(1)), "every record before h2 + 1 ms");
    }

    // ================================================================== concurrency

    /** 16 threads append at the same expected version at once: one wins, 15 conflict, nothing is lost. */
    @Test
    public void onlyOneOfSixteenConcurrentAppendsWithTheSameExpectedVersionWins() {
        TicketId id = TicketId.of("race-1");
        store.append(TicketFixtures.report(id, T0));
        List<Outcome<AppendResult>> outcomes = inParallel(THREADS, w -> store.append(TicketFixtures.append(id, 1)
                .event(TicketState.VERIFIED, progress("writer " + w))
                .notify(notification("race-n-" + w, id, T0.plusSeconds(60), false))
                .command("race-cmd-" + w, T0.plusSeconds(60))
                .build()));

        List<Integer> winners = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            Outcome<AppendResult> o = outcomes.get(w);
            if (o.failure() == null) {
                winners.add(w);
            } else if (!(o.failure() instanceof ConcurrencyConflict)) {
                throw new AssertionError("writer " + w + ": a losing append must throw ConcurrencyConflict", o.failure());
            } else {
                ConcurrencyConflict c = (ConcurrencyConflict) o.failure();
                assertEquals(1, c.expectedVersion(), "writer " + w + ": ConcurrencyConflict.expectedVersion");
                assertEquals(2, c.actualVersion(), "writer " + w + ": ConcurrencyConflict.actualVersion");
            }
        }
        assertEquals(1, winners.size(), "exactly one of 16 appends at expected version 1 must succeed; succeeded: "
                + winners);
        int winner = winners.get(0);
        assertEquals(2, outcomes.get(winner).value().version(), "the winner's new version");

        List<EventEnvelope> events = store.load(id);
        assertEquals(2, events.size(), "events after the race");
        assertEquals(progress("writer " + winner), events.get(1).event(), "version 2 is the winner's event");
        List<StoredEvent> feed = readFeed(100);
        assertEquals(2, feed.size(), "events in readAfter(0, …) after the race");
        assertEquals(outcomes.get(winner).value().lastPosition(), feed.get(1).position(), "the winner's position");
        for (int w = 0; w < THREADS; w++) {
            assertEquals(w == winner, store.findCommand(CommandId.of("race-cmd-" + w)).isPresent(),
                    "command record of writer " + w);
        }
        assertEquals(List.of(2L), queryAll(TicketQuery.all()).stream().map(TicketSummary::version).toList(),
                "summary version after the race");
        outboxIfAny().ifPresent(o -> assertEquals(List.of("race-n-" + winner), notificationIds(o.due(FAR_FUTURE, 100)),
                "only the winner's notification is pending"));
    }

    /** 16 threads × 20 appends to one ticket, each retrying after reload on conflict: all 320 land once. */
    @Test
    public void sixteenWritersRetryingOnConflictLoseNothing() {
        TicketId id = TicketId.of("race-retry");
        int steps = 20;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<Outcome<Integer>> outcomes = inParallel(THREADS, w -> {
            int conflicts = 0;
            for (int s = 0; s < steps; s++) {
                String command = "retry-w" + w + "-s" + s;
                while (true) {
                    long version = store.load(id).size();
                    try {
                        store.append(TicketFixtures.append(id, version)
                                .event(TicketState.IN_HANDLING, progress(note(w, s)), T0.plusMillis(version),
                                        ActorId.of("writer-" + w), CommandId.of(command))
                                .command(command, T0.plusMillis(version))
                                .build());
                        break;
                    } catch (ConcurrencyConflict e) {
                        conflicts++;
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("writer " + w + " made no progress at step " + s + " after "
                                    + conflicts + " conflicts; last: " + e.getMessage());
                        }
                    }
                }
            }
            return conflicts;
        });
        rethrowFailures(outcomes, "writer");

        int total = THREADS * steps;
        List<EventEnvelope> events = store.load(id);
        Map<String, Integer> seen = new TreeMap<>();
        events.forEach(e -> seen.merge(((ProgressNoted) e.event()).note(), 1, Integer::sum));
        List<String> missing = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            for (int s = 0; s < steps; s++) {
                if (!seen.containsKey(note(w, s))) {
                    missing.add(note(w, s));
                }
            }
        }
        assertEquals(List.of(), missing, "appends that reported success but are not in load(" + id + ")");
        assertEquals(Map.of(), seen.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "events stored more than once");
        assertEquals(total, events.size(), "events after " + THREADS + " writers × " + steps + " appends");
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1L, events.get(i).version(), "version at index " + i + " of load(" + id + ")");
        }
        int[] lastStep = new int[THREADS];
        Arrays.fill(lastStep, -1);
        for (EventEnvelope e : events) {
            String[] parts = ((ProgressNoted) e.event()).note().split(" ");
            int w = Integer.parseInt(parts[1]);
            int s = Integer.parseInt(parts[3]);
            assertTrue(s > lastStep[w], "writer " + w + "'s step " + s + " stored after its step " + lastStep[w]);
            lastStep[w] = s;
            CommandRecord rec = store.findCommand(e.commandId()).orElseThrow(
                    () -> new AssertionError("no command record for " + e.commandId()));
            assertEquals(e.version(), rec.version(), "version in the command record of " + e.commandId());
        }

        List<StoredEvent> feed = readFeed(50);
        assertEquals(events, feed.stream().map(StoredEvent::envelope).toList(), "readAfter(0, …) pages versus load");
        assertEquals(List.of((long) total), queryAll(TicketQuery.all()).stream().map(TicketSummary::version).toList(),
                "summary version");
    }

    /** Many tickets appended from 16 threads: readAfter gives every event once, in one increasing order. */
    @Test
    public void concurrentAppendsToManyTicketsKeepOneGlobalOrder() {
        int ticketsPerWriter = 4;
        List<Outcome<Integer>> outcomes = inParallel(THREADS, w -> {
            for (int round = 0; round < 3; round++) {
                for (int k = 0; k < ticketsPerWriter; k++) {
                    TicketId id = TicketId.of("many-w" + w + "-t" + k);
                    AppendRequest request = switch (round) {
                        case 0 -> TicketFixtures.report(id, T0.plusSeconds(k));
                        case 1 -> TicketFixtures.append(id, 1)
                                .event(TicketState.VERIFIED, progress("verified"))
                                .event(TicketState.DISPATCHED, progress("dispatched"))
                                .reportedAt(T0.plusSeconds(k)).build();
                        default -> TicketFixtures.append(id, 3)
                                .event(TicketState.CLAIMED, progress("claimed"))
                                .reportedAt(T0.plusSeconds(k)).build();
                    };
                    appendToOwnTicket(request);
                }
            }
            return ticketsPerWriter;
        });
        rethrowFailures(outcomes, "writer");

        int tickets = THREADS * ticketsPerWriter;
        List<StoredEvent> feed = readFeed(100);
        assertEquals(tickets * 4, feed.size(), "events in readAfter(0, …)");
        Map<TicketId, List<Long>> versions = new LinkedHashMap<>();
        for (StoredEvent e : feed) {
            versions.computeIfAbsent(e.envelope().ticketId(), k -> new ArrayList<>()).add(e.envelope().version());
        }
        assertEquals(tickets, versions.size(), "tickets in the feed");
        versions.forEach((id, v) -> assertEquals(List.of(1L, 2L, 3L, 4L), v, "versions of " + id + " in feed order"));
        for (TicketId id : versions.keySet()) {
            assertEquals(store.load(id), feed.stream().map(StoredEvent::envelope).filter(e -> e.ticketId().equals(id))
                    .toList(), "load(" + id + ") versus its events in the feed");
        }

        assertEquals(feed, readFeed(3), "reading the feed 3 at a time versus 100 at a time");
        assertEquals(List.of(), store.readAfter(feed.get(feed.size() - 1).position(), 10), "readAfter the last position");
        assertEquals(feed.subList(5, 12), store.readAfter(feed.get(4).position(), 7), "readAfter from the middle");
    }

    /** A reader that resumes from the last position it saw, while 8 threads append, sees every event once. */
    @Test
    public void aReaderFollowingTheFeedDuringConcurrentAppendsSeesEveryEventOnce() {
        int writers = 8;
        int ticketsPerWriter = 3;
        int appendsPerTicket = 5;
        AtomicInteger writersDone = new AtomicInteger();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<Outcome<List<StoredEvent>>> outcomes = inParallel(writers + 1, w -> {
            if (w == writers) {
                List<StoredEvent> seen = new ArrayList<>();
                long last = 0;
                while (System.nanoTime() < deadline) {
                    boolean allWritten = writersDone.get() == writers;
                    List<StoredEvent> batch = store.readAfter(last, 7);
                    for (StoredEvent e : batch) {
                        if (e.position() <= last) {
                            throw new AssertionError("readAfter(" + last + ", 7) returned position " + e.position()
                                    + " (" + e.envelope().ticketId() + " v" + e.envelope().version()
                                    + "): positions must grow past the one asked for");
                        }
                        last = e.position();
                        seen.add(e);
                    }
                    if (batch.isEmpty()) {
                        if (allWritten) {
                            return seen;
                        }
                        LockSupport.parkNanos(100_000);
                    }
                }
                throw new AssertionError("reader did not catch up within " + TIMEOUT);
            }
            try {
                for (int a = 0; a < appendsPerTicket; a++) {
                    for (int k = 0; k < ticketsPerWriter; k++) {
                        TicketId id = TicketId.of("follow-w" + w + "-t" + k);
                        appendToOwnTicket(a == 0 ? TicketFixtures.report(id, T0) : TicketFixtures.append(id, a)
                                .event(TicketState.IN_HANDLING, progress("step " + a)).build());
                    }
                }
                return List.of();
            } finally {
                // Counted even when this writer failed, so the reader stops and the failure is reported.
                writersDone.incrementAndGet();
            }
        });
        rethrowFailures(outcomes, "thread");

        List<StoredEvent> seen = outcomes.get(writers).value();
        Map<String, Integer> count = new TreeMap<>();
        seen.forEach(e -> count.merge(e.envelope().ticketId() + " v" + e.envelope().version(), 1, Integer::sum));
        Set<String> expected = new HashSet<>();
        for (int w = 0; w < writers; w++) {
            for (int k = 0; k < ticketsPerWriter; k++) {
                for (int v = 1; v <= appendsPerTicket; v++) {
                    expected.add("follow-w" + w + "-t" + k + " v" + v);
                }
            }
        }
        assertEquals(new TreeMap<>(expected.stream().collect(Collectors.toMap(k -> k, k -> 1))), count,
                "events the following reader saw (each exactly once)");
    }

    // ================================================================== queries

    /** Only tickets in the state asked for, judged by their latest summary. */
    @Test
    public void queryByStateFindsTicketsInThatStateNow() {
        seedQueryTickets();
        assertIds(List.of("q-c", "q-e"), queryAll(TicketQuery.all().withState(TicketState.DISPATCHED)), "DISPATCHED");
        assertIds(List.of("q-f"), queryAll(TicketQuery.all().withState(TicketState.CLAIMED)), "CLAIMED");
        assertIds(List.of("q-g"), queryAll(TicketQuery.all().withState(TicketState.SUBMITTED)),
                "SUBMITTED (the others moved on: summaries are replaced)");
        assertIds(List.of("q-d"), queryAll(TicketQuery.all().withState(AWAITING_REVIEW)), "a city's own state");
        assertIds(List.of(), queryAll(TicketQuery.all().withState(TicketState.MERGED)), "MERGED");
    }

    /** A ticket belongs to its grid and every unit above; a query by any of them finds it. */
    @Test
    public void queryByOrgUnitFindsTicketsBelongingToThatUnit() {
        seedQueryTickets();
        assertIds(List.of("q-g", "q-f", "q-a", "q-e"), queryAll(TicketQuery.all().withOrgUnit(TicketFixtures.COMMUNITY)),
                "community yuanhang");
        assertIds(List.of("q-g", "q-c", "q-f", "q-a", "q-e", "q-d"),
                queryAll(TicketQuery.all().withOrgUnit(TicketFixtures.STREET)), "street nanhu-street");
        assertIds(List.of("q-h", "q-b"), queryAll(TicketQuery.all().withOrgUnit(BEIYUAN)), "community beiyuan");
        assertIds(List.of(), queryAll(TicketQuery.all().withOrgUnit(OrgUnitId.of("grid-99"))), "a unit with no tickets");
    }

    /** reportedFrom is inclusive, reportedTo exclusive; either may be open. */
    @Test
    public void queryByReportedTimeIncludesTheStartAndExcludesTheEnd() {
        seedQueryTickets();
        assertIds(List.of("q-c", "q-f", "q-a"), queryAll(TicketQuery.all().reportedBetween(h(2), h(4))), "[2 h, 4 h)");
        assertIds(List.of("q-h"), queryAll(TicketQuery.all().reportedBetween(h(4), h(5))), "[4 h, 5 h)");
        assertIds(List.of("q-b", "q-e", "q-d"), queryAll(TicketQuery.all().reportedBetween(h(5), null)), "[5 h, …)");
        assertIds(List.of("q-g"), queryAll(TicketQuery.all().reportedBetween(null, h(2))), "[…, 2 h)");
        assertIds(List.of(), queryAll(TicketQuery.all().reportedBetween(h(2).plusMillis(1), h(3))), "(2 h, 3 h)");
    }

    /** openOnly leaves out tickets whose summary says terminal. */
    @Test
    public void openOnlyQueryLeavesOutTerminalTickets() {
        seedQueryTickets();
        assertIds(List.of("q-g", "q-c", "q-f", "q-b", "q-e", "q-d"), queryAll(TicketQuery.all().onlyOpen()), "open");
    }

    /** dueBefore is strict and never matches a ticket without a running deadline. */
    @Test
    public void dueBeforeQueryFindsTicketsWhoseNextDeadlineFallsStrictlyBefore() {
        seedQueryTickets();
        assertIds(List.of("q-c", "q-f", "q-e"), queryAll(TicketQuery.all().withDueBefore(h(6))), "due before 6 h");
        assertIds(List.of("q-c", "q-f", "q-b", "q-e"), queryAll(TicketQuery.all().withDueBefore(h(6).plusMillis(1))),
                "due before 6 h + 1 ms");
        assertIds(List.of(), queryAll(TicketQuery.all().withDueBefore(h(4))), "due before 4 h");
    }

    /** Every given criterion must hold. */
    @Test
    public void queryCriteriaCombine() {
        seedQueryTickets();
        assertIds(List.of("q-f", "q-e"), queryAll(TicketQuery.all().withOrgUnit(TicketFixtures.COMMUNITY).onlyOpen()
                .withDueBefore(h(6))), "yuanhang, open, due before 6 h");
        assertIds(List.of("q-c"), queryAll(TicketQuery.all().withState(TicketState.DISPATCHED).withOrgUnit(XINGHUA)),
                "DISPATCHED in xinghua");
        assertIds(List.of("q-e"), queryAll(TicketQuery.all().withState(TicketState.DISPATCHED)
                .reportedBetween(h(3), h(6))), "DISPATCHED, reported in [3 h, 6 h)");
    }

    /** Summaries come back exactly as last appended, in (reportedAt, ticketId) order. */
    @Test
    public void queryReturnsTheLatestSummaryOfEveryTicketInReportedOrder() {
        Map<String, TicketSummary> latest = seedQueryTickets();
        List<TicketSummary> all = queryAll(TicketQuery.all());
        assertIds(List.of("q-g", "q-c", "q-f", "q-a", "q-h", "q-b", "q-e", "q-d"), all,
                "every ticket, by reportedAt then ticketId (not by id, not by insertion)");
        for (TicketSummary s : all) {
            assertEquals(latest.get(s.ticketId().value()), s, "summary of " + s.ticketId());
        }
    }

    /** Pages of two, followed by their cursors, visit every matching ticket once and in order. */
    @Test
    public void pagingWithLimitTwoVisitsEveryMatchingTicketOnceInOrder() {
        seedQueryTickets();
        assertPages(List.of(List.of("q-g", "q-c"), List.of("q-f", "q-a"), List.of("q-h", "q-b"), List.of("q-e", "q-d")),
                TicketQuery.all().limit(2), "all tickets, 2 a page");
        assertPages(List.of(List.of("q-g", "q-c"), List.of("q-f", "q-b"), List.of("q-e", "q-d")),
                TicketQuery.all().onlyOpen().limit(2), "open tickets, 2 a page");
        assertPages(List.of(List.of("q-g", "q-f"), List.of("q-a", "q-e")),
                TicketQuery.all().withOrgUnit(TicketFixtures.COMMUNITY).limit(2), "yuanhang, 2 a page");
        assertPages(List.of(List.of("q-c", "q-f", "q-e")), TicketQuery.all().withDueBefore(h(6)).limit(3),
                "a result that exactly fills one page has no next cursor");
        assertPages(List.of(List.of("q-g", "q-c", "q-f"), List.of("q-a", "q-h", "q-b"), List.of("q-e", "q-d")),
                TicketQuery.all().limit(3), "all tickets, 3 a page");
    }

    /** A cursor is a position in the order, not a ticket: it works after that ticket stops matching. */
    @Test
    public void aCursorStaysValidWhenTheTicketItNamesChanges() {
        seedQueryTickets();
        Page<TicketSummary> first = store.query(TicketQuery.all().onlyOpen().limit(2));
        assertIds(List.of("q-g", "q-c"), first.items(), "first page");
        assertNotNull(first.nextCursor(), "first page's next cursor");
        TicketId qc = TicketId.of("q-c");
        store.append(TicketFixtures.append(qc, 2)
                .event(TicketState.CANCELLED, new TicketCancelled("reporter withdrew"))
                .reportedAt(h(2)).orgUnits(UNITS_B).build());
        Page<TicketSummary> second = store.query(TicketQuery.all().onlyOpen().limit(2).after(first.nextCursor()));
        assertIds(List.of("q-f", "q-b"), second.items(), "second page after q-c was cancelled");
    }

    /** No match: one empty page and no cursor. */
    @Test
    public void anEmptyResultIsOnePageWithoutCursor() {
        seedQueryTickets();
        Page<TicketSummary> page = store.query(TicketQuery.all().withState(TicketState.MERGED).limit(2));
        assertEquals(List.of(), page.items(), "items");
        assertNull(page.nextCursor(), "nextCursor of an empty result");
    }

    /** A cursor the store did not hand out is InvalidInput naming the field "after". */
    @Test
    public void anInvalidCursorIsRefusedAsInvalidInput() {
        seedQueryTickets();
        InvalidInput e = assertThrows(InvalidInput.class,
                () -> store.query(TicketQuery.all().limit(2).after("page-2-please")));
        assertEquals("after", e.field(), "InvalidInput.field");
    }

    // ================================================================== outbox

    /** Notifications appended with events are pending from their creation time, untried. */
    @Test
    public void notificationsAppendedWithEventsBecomeDueAtTheirCreationTime() {
        OutboxStore outbox = outbox();
        TicketId id = TicketId.of("out-1");
        Instant created = T0.plus(Duration.ofMinutes(3));
        Notification toCommunity = notification("out-1-2-dispatched-O-yuanhang", id, created, false);
        Notification toDepartment = new Notification("out-1-2-dispatched-D-gas-co", "dispatched",
                Recipient.department("gas-co"), id, created, false, Map.of());
        store.append(TicketFixtures.report(id, T0));
        store.append(TicketFixtures.append(id, 1)
                .event(TicketState.DISPATCHED, new TicketDispatched(TicketFixtures.COMMUNITY, TicketFixtures.GAS_CO,
                        List.of(), h(1), h(2), "category gas_leak"))
                .notify(toCommunity).notify(toDepartment).build());

        assertEquals(2, outbox.pendingCount(), "pendingCount");
        assertEquals(List.of(), outbox.due(created.minusMillis(1), 10), "due a millisecond before creation");
        List<OutboxEntry> due = outbox.due(created, 10);
        assertEquals(Set.of(new OutboxEntry(toCommunity, 0, created, null), new OutboxEntry(toDepartment, 0, created, null)),
                Set.copyOf(due), "due at creation: attempts 0, next attempt at creation, no error");
        assertEquals(2, due.size(), "due at creation");
    }

    /** Urgent notifications are handed out first, then the oldest; limit caps the batch. */
    @Test
    public void urgentNotificationsAreDueFirstThenTheOldest() {
        OutboxStore outbox = outbox();
        TicketId normal = TicketId.of("out-normal");
        TicketId urgent = TicketId.of("out-urgent");
        store.append(TicketFixtures.append(normal, 0)
                .event(TicketState.SUBMITTED, TicketFixtures.gasLeakReport(false))
                .notify(notification("newer", normal, T0.plus(Duration.ofMinutes(2)), false))
                .notify(notification("older", normal, T0, false))
                .build());
        store.append(TicketFixtures.append(urgent, 0)
                .event(TicketState.DISPATCHED, TicketFixtures.gasLeakReport(true))
                .notify(notification("urgent", urgent, T0.plus(Duration.ofMinutes(5)), true))
                .build());

        Instant now = T0.plus(Duration.ofMinutes(10));
        assertEquals(List.of("urgent", "older", "newer"), notificationIds(outbox.due(now, 10)), "due order");
        assertEquals(List.of("urgent", "older"), notificationIds(outbox.due(now, 2)), "due with limit 2");
        assertEquals(List.of("older"), notificationIds(outbox.due(T0.plusSeconds(1), 10)), "due at T0 + 1 s");
    }

    /** An append refused for a conflict or a reused command id puts nothing in the outbox. */
    @Test
    public void aRefusedAppendLeavesNoNotification() {
        OutboxStore outbox = outbox();
        TicketId id = TicketId.of("out-refused");
        store.append(TicketFixtures.append(id, 0)
                .event(TicketState.SUBMITTED, TicketFixtures.gasLeakReport(false))
                .notify(notification("out-refused-1", id, T0, false))
                .command("out-refused-report", T0)
                .build());
        List<OutboxEntry> before = outbox.due(FAR_FUTURE, 100);

        assertThrows(ConcurrencyConflict.class, () -> store.append(TicketFixtures.append(id, 0)
                .event(TicketState.SUBMITTED, TicketFixtures.gasLeakReport(true))
                .notify(notification("out-refused-conflict", id, T0, true)).build()));
        assertThrows(DuplicateCommand.class, () -> store.append(TicketFixtures.append(id, 1)
                .event(TicketState.VERIFIED, progress("again"))
                .notify(notification("out-refused-duplicate", id, T0, true))
                .command("out-refused-report", T0).build()));

        assertEquals(1, outbox.pendingCount(), "pendingCount after refused appends");
        assertEquals(before, outbox.due(FAR_FUTURE, 100), "due after refused appends");
    }

    /** markFailed records the attempt and error; the entry is due again only at the new time. */
    @Test
    public void markFailedPostponesTheNextAttempt() {
        OutboxStore outbox = outbox();
        TicketId id = TicketId.of("out-failed");
        Notification n = notification("out-failed-n", id, T0, true);
        store.append(TicketFixtures.append(id, 0)
                .event(TicketState.SUBMITTED, TicketFixtures.gasLeakReport(true)).notify(n).build());

        Instant retryAt = T0.plus(Duration.ofMinutes(1));
        outbox.markFailed(n.id(), 1, retryAt, "SMS gateway timed out after 5 s");
        assertEquals(List.of(), outbox.due(retryAt.minusMillis(1), 10), "due before the retry time");
        assertEquals(List.of(new OutboxEntry(n, 1, retryAt, "SMS gateway timed out after 5 s")), outbox.due(retryAt, 10),
                "due at the retry time");
        assertEquals(1, outbox.pendingCount(), "a failed notification is still pending");

        Instant secondRetry = T0.plus(Duration.ofMinutes(5));
        outbox.markFailed(n.id(), 2, secondRetry, "HTTP 503");
        assertEquals(List.of(new OutboxEntry(n, 2, secondRetry, "HTTP 503")), outbox.due(FAR_FUTURE, 10),
                "after a second failure");
    }

    /** A delivered notification is never handed out again. */
    @Test
    public void markDeliveredTakesTheNotificationOutOfTheOutbox() {
        OutboxStore outbox = outbox();
        TicketId id = TicketId.of("out-delivered");
        store.append(TicketFixtures.append(id, 0)
                .event(TicketState.SUBMITTED, TicketFixtures.gasLeakReport(false))
                .notify(notification("out-delivered-a", id, T0, false))
                .notify(notification("out-delivered-b", id, T0.plusSeconds(1), false))
                .build());
        outbox.markFailed("out-delivered-a", 1, T0.plusSeconds(30), "no route");

        outbox.markDelivered("out-delivered-a", T0.plusSeconds(31));
        assertEquals(1, outbox.pendingCount(), "pendingCount after one delivery");
        assertEquals(List.of("out-delivered-b"), notificationIds(outbox.due(FAR_FUTURE, 10)), "due after one delivery");
        outbox.markDelivered("out-delivered-b", T0.plusSeconds(32));
        assertEquals(0, outbox.pendingCount(), "pendingCount after both deliveries");
        assertEquals(List.of(), outbox.due(FAR_FUTURE, 10), "due after both deliveries");
    }

    /** Marking a notification id the outbox never held is NotFound. */
    @Test
    public void markingAnUnknownNotificationIsNotFound() {
        OutboxStore outbox = outbox();
        store.append(TicketFixtures.report(TicketId.of("out-unknown"), T0));
        assertThrows(NotFound.class, () -> outbox.markDelivered("never-sent", T0), "markDelivered");
        assertThrows(NotFound.class, () -> outbox.markFailed("never-sent", 1, T0, "x"), "markFailed");
        assertThrows(NotFound.class, () -> outbox.markDead("never-sent", 1, T0, "x"), "markDead");
        assertThrows(NotFound.class, () -> outbox.redeliver("never-sent", T0), "redeliver");
    }

    // ================================================================== dead letters

    /** A dead letter is neither due nor pending; it is listed with its attempts, time and error. */
    @Test
    public void markDeadSetsANotificationAsideAsADeadLetter() {
        OutboxStore outbox = outbox();
        TicketId id = TicketId.of("dead-1");
        Notification n = notification("dead-1-n", id, T0, true);
        store.append(TicketFixtures.append(id, 0)
                .event(TicketState.SUBMITTED, TicketFixtures.gasLeakReport(true))
                .notify(n).notify(notification("dead-1-other", id, T0, false)).build());
        outbox.markFailed(n.id(), 1, T0.plusSeconds(10), "HTTP 503");

        Instant died = T0.plusSeconds(11);
        outbox.markDead(n.id(), 2, died, "HTTP 404: no such hook");
        assertEquals(List.of("dead-1-other"), notificationIds(outbox.due(FAR_FUTURE, 10)), "due after markDead");
        assertEquals(1, outbox.pendingCount(), "pendingCount after markDead");
        assertEquals(List.of(new DeadLetter(n, 2, died, "HTTP 404: no such hook")), outbox.deadLetters(10),
                "deadLetters");
    }

    /** Dead letters come oldest first (by when they died), at most limit; an empty outbox has none. */
    @Test
    public void deadLettersAreListedOldestFirstUpToTheLimit() {
        OutboxStore outbox = outbox();
        TicketId id = TicketId.of("dead-order");
        assertEquals(List.of(), outbox.deadLetters(10), "no dead letters at first");
        store.append(TicketFixtures.append(id, 0)
                .event(TicketState.SUBMITTED, TicketFixtures.gasLeakReport(false))
                .notify(notification("dead-a", id, T0, false))
                .notify(notification("dead-b", id, T0.plusSeconds(1), true))
                .notify(notification("dead-c", id, T0.plusSeconds(2), false))
                .build());
        outbox.markDead("dead-c", 1, T0.plusSeconds(30), "x");
        outbox.markDead("dead-a", 3, T0.plusSeconds(40), "y");
        outbox.markDead("dead-b", 1, T0.plusSeconds(50), "z");

        assertEquals(List.of("dead-c", "dead-a", "dead-b"), deadIds(outbox.deadLetters(10)), "oldest dead first");
        assertEquals(List.of("dead-c", "dead-a"), deadIds(outbox.deadLetters(2)), "limit 2");
        assertThrows(InvalidInput.class, () -> outbox.deadLetters(0), "limit 0");
    }

    /** Redeliver makes a dead letter pending again, due at the given time, with its attempts reset to 0. */
    @Test
    public void redeliverMakesADeadLetterDueAgainWithItsAttemptsReset() {
        OutboxStore outbox = outbox();
        TicketId id = TicketId.of("dead-again");
        Notification n = notification("dead-again-n", id, T0, false);
        store.append(TicketFixtures.append(id, 0)
                .event(TicketState.SUBMITTED, TicketFixtures.gasLeakReport(false)).notify(n).build());
        outbox.markDead(n.id(), 5, T0.plusSeconds(60), "HTTP 410");

        Instant fixed = T0.plus(Duration.ofHours(2));
        assertTrue(outbox.redeliver(n.id(), fixed), "redeliver of a dead letter");
        assertEquals(List.of(), outbox.deadLetters(10), "no longer a dead letter");
        assertEquals(1, outbox.pendingCount(), "pending again");
        assertEquals(List.of(), outbox.due(fixed.minusMillis(1), 10), "not due before the redelivery");
        assertEquals(List.of(new OutboxEntry(n, 0, fixed, "HTTP 410")), outbox.due(fixed, 10),
                "due at the redelivery, attempts 0, the last error kept");

        assertFalse(outbox.redeliver(n.id(), fixed.plusSeconds(1)), "redeliver of a pending notification");
        assertEquals(List.of(new OutboxEntry(n, 0, fixed, "HTTP 410")), outbox.due(FAR_FUTURE, 10),
                "a second redeliver changes nothing");
        outbox.markDelivered(n.id(), fixed.plusSeconds(2));
        assertFalse(outbox.redeliver(n.id(), fixed.plusSeconds(3)), "redeliver of a delivered notification");
        assertEquals(0, outbox.pendingCount(), "a delivered notification stays delivered");
    }

    /**
     * Late reports from a second dispatcher never move a notification backwards: a dead letter
     * marked failed stays dead, a delivered one marked dead stays delivered, and a dead letter
     * marked delivered (it got through after all) is delivered.
     */
    @Test
    public void lateReportsNeverBringBackADeadOrDeliveredNotification() {
        OutboxStore outbox = outbox();
        TicketId id = TicketId.of("dead-late");
        store.append(TicketFixtures.append(id, 0)
                .event(TicketState.SUBMITTED, TicketFixtures.gasLeakReport(false))
                .notify(notification("dead-late-a", id, T0, false))
                .notify(notification("dead-late-b", id, T0, false))
                .build());
        outbox.markDead("dead-late-a", 1, T0.plusSeconds(5), "HTTP 404");
        outbox.markFailed("dead-late-a", 1, T0.plusSeconds(10), "timed out");
        outbox.markDead("dead-late-a", 9, T0.plusSeconds(15), "again");
        assertEquals(List.of(new DeadLetter(notification("dead-late-a", id, T0, false), 1, T0.plusSeconds(5), "HTTP 404")),
                outbox.deadLetters(10), "a dead letter marked failed or dead again is unchanged");

        outbox.markDelivered("dead-late-b", T0.plusSeconds(5));
        outbox.markDead("dead-late-b", 1, T0.plusSeconds(6), "late");
        assertEquals(0, outbox.pendingCount(), "pendingCount");
        assertEquals(List.of("dead-late-a"), deadIds(outbox.deadLetters(10)), "a delivered one marked dead stays delivered");

        outbox.markDelivered("dead-late-a", T0.plusSeconds(20));
        assertEquals(List.of(), outbox.deadLetters(10), "a dead letter marked delivered is delivered");
        assertEquals(List.of(), outbox.due(FAR_FUTURE, 10), "and never due");
        assertFalse(outbox.redeliver("dead-late-a", T0.plusSeconds(21)), "nor redelivered");
    }

    // ================================================================== helpers

    /** An append by the only thread that writes this ticket: a conflict means an earlier append was lost. */
    private void appendToOwnTicket(AppendRequest request) {
        try {
            store.append(request);
        } catch (ConcurrencyConflict e) {
            throw new AssertionError("only this thread writes " + request.ticketId() + ", yet: " + e.getMessage()
                    + "; an earlier append that reported success was not stored", e);
        }
    }

    private OutboxStore outbox() {
        assumeTrue(store instanceof OutboxStore, "the store is not an OutboxStore; outbox tests skipped");
        return (OutboxStore) store;
    }

    private Optional<OutboxStore> outboxIfAny() {
        return store instanceof OutboxStore o ? Optional.of(o) : Optional.empty();
    }

    /** Appends a history in batches of 1, 2, 3, … events, each with a consistent summary. */
    private void appendInBatches(List<EventEnvelope> history) {
        TicketId id = history.get(0).ticketId();
        Instant reportedAt = history.get(0).occurredAt();
        int from = 0;
        for (int size = 1; from < history.size(); size++) {
            int to = Math.min(history.size(), from + size);
            AppendResult result = store.append(TicketFixtures.append(id, from)
                    .envelopes(history.subList(from, to)).reportedAt(reportedAt).build());
            assertEquals(to, result.version(), "version after appending events " + (from + 1) + ".." + to + " of " + id);
            from = to;
        }
    }

    /** Report, then an append with a notification and a command, then one more event: version 3. */
    private void buildTicketAtVersion3(TicketId id) {
        store.append(TicketFixtures.report(id, T0));
        store.append(TicketFixtures.append(id, 1)
                .event(TicketState.VERIFIED, progress("verified"))
                .notify(notification(id.value() + "-n-2", id, T0.plusSeconds(120), false))
                .command(id.value() + "-cmd-2", T0.plusSeconds(120))
                .build());
        store.append(TicketFixtures.append(id, 2)
                .event(TicketState.DISPATCHED, progress("dispatched"))
                .nextDueAt(h(3))
                .build());
    }

    /**
     * Eight tickets for the query tests, inserted out of order. In (reportedAt, ticketId) order:
     * q-g (1 h), q-c and q-f (2 h), q-a (3 h), q-h (4 h), q-b and q-e (5 h), q-d (6 h).
     */
    private Map<String, TicketSummary> seedQueryTickets() {
        Map<String, TicketSummary> latest = new HashMap<>();
        latest.put("q-a", seed("q-a", h(3), TicketState.CLOSED,
                new ResultConfirmed(Satisfaction.SATISFIED, "很及时", false), null, UNITS_A));
        latest.put("q-e", seed("q-e", h(5), TicketState.DISPATCHED, dispatched(), h(5).plus(Duration.ofMinutes(30)),
                UNITS_A));
        latest.put("q-h", seed("q-h", h(4), TicketState.REJECTED, new TicketRejected("不属于平台受理范围"), null, UNITS_C));
        latest.put("q-f", seed("q-f", h(2), TicketState.CLAIMED, new TicketClaimed(TicketFixtures.COMMUNITY), h(4),
                UNITS_A));
        latest.put("q-d", seed("q-d", h(6), AWAITING_REVIEW, progress("awaiting the street's review"), null, UNITS_B));
        latest.put("q-b", seed("q-b", h(5), TicketState.IN_HANDLING, new DepartmentAccepted(TicketFixtures.GAS_CO),
                h(6), UNITS_C));
        latest.put("q-g", seed("q-g", h(1), TicketState.SUBMITTED, null, h(25), UNITS_A));
        latest.put("q-c", seed("q-c", h(2), TicketState.DISPATCHED, dispatched(), h(5), UNITS_B));
        return latest;
    }

    /** A ticket reported at {@code reportedAt}; if {@code event} is given, a second append moves it on. */
    private TicketSummary seed(String ticket, Instant reportedAt, TicketState state, TicketEvent event, Instant nextDueAt,
            OrgUnitId... units) {
        TicketId id = TicketId.of(ticket);
        AppendRequest report = TicketFixtures.append(id, 0)
                .event(TicketState.SUBMITTED, TicketFixtures.gasLeakReport(false), reportedAt, TicketFixtures.RIDER,
                        CommandId.of(ticket + "-report"))
                .reportedAt(reportedAt).orgUnits(units).nextDueAt(event == null ? nextDueAt : h(24)).build();
        store.append(report);
        if (event == null) {
            return report.summary();
        }
        AppendRequest next = TicketFixtures.append(id, 1)
                .event(state, event, reportedAt.plus(Duration.ofMinutes(20)), ActorId.of("sun-li"),
                        CommandId.of(ticket + "-" + event.command()))
                .reportedAt(reportedAt).orgUnits(units).nextDueAt(nextDueAt).build();
        store.append(next);
        return next.summary();
    }

    private static TicketDispatched dispatched() {
        return new TicketDispatched(TicketFixtures.COMMUNITY, TicketFixtures.GAS_CO, List.of(TicketFixtures.URBAN_MANAGEMENT),
                h(3), h(5), "category gas_leak");
    }

    private static Instant h(long hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    private static String note(int writer, int step) {
        return "writer " + writer + " step " + step;
    }

    /** Every item of the query, following cursors; checks each page's size and that cursors advance. */
    private List<TicketSummary> queryAll(TicketQuery query) {
        List<TicketSummary> all = new ArrayList<>();
        TicketQuery q = query;
        for (int pages = 0; ; pages++) {
            Page<TicketSummary> page = store.query(q);
            assertTrue(page.items().size() <= q.limit(), "a page holds at most limit " + q.limit() + " items");
            all.addAll(page.items());
            if (page.nextCursor() == null) {
                return all;
            }
            assertTrue(pages < 10_000, "query never stops handing out cursors");
            assertTrue(!page.items().isEmpty(), "a page with a next cursor must not be empty");
            q = q.after(page.nextCursor());
        }
    }

    private void assertPages(List<List<String>> expected, TicketQuery query, String what) {
        List<List<String>> pages = new ArrayList<>();
        TicketQuery q = query;
        while (pages.size() <= expected.size()) {
            Page<TicketSummary> page = store.query(q);
            pages.add(page.items().stream().map(s -> s.ticketId().value()).toList());
            if (page.nextCursor() == null) {
                break;
            }
            q = q.after(page.nextCursor());
        }
        assertEquals(expected, pages, what + ": pages (the last one without a next cursor)");
    }

    private static void assertIds(List<String> expected, List<TicketSummary> actual, String what) {
        assertEquals(expected, actual.stream().map(s -> s.ticketId().value()).toList(), what);
    }

    private static void assertEvents(List<EventEnvelope> expected, List<EventEnvelope> actual, String what) {
        assertNotNull(actual, what);
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            EventEnvelope e = expected.get(i);
            assertEquals(e, actual.get(i), what + ": event " + i + " (expected version " + e.version() + ", "
                    + e.event().getClass().getSimpleName() + ")");
        }
        assertEquals(expected.size(), actual.size(), what + ": number of events");
    }

    /** The whole feed, read {@code pageSize} at a time as a projection would, checking order as it goes. */
    private List<StoredEvent> readFeed(int pageSize) {
        List<StoredEvent> all = new ArrayList<>();
        long last = 0;
        while (true) {
            long from = last;
            List<StoredEvent> page = store.readAfter(from, pageSize);
            assertTrue(page.size() <= pageSize, "readAfter(" + from + ", " + pageSize + ") returned " + page.size());
            if (page.isEmpty()) {
                return all;
            }
            for (StoredEvent e : page) {
                if (e.position() <= last) {
                    fail("readAfter(" + from + ", " + pageSize + ") returned position " + e.position() + " ("
                            + e.envelope().ticketId() + " v" + e.envelope().version() + ") after position " + last
                            + ": positions must strictly increase");
                }
                last = e.position();
                all.add(e);
            }
        }
    }

    private static List<String> notificationIds(List<OutboxEntry> entries) {
        return entries.stream().map(e -> e.notification().id()).toList();
    }

    private static List<String> deadIds(List<DeadLetter> letters) {
        return letters.stream().map(d -> d.notification().id()).toList();
    }

    private static void tryToClear(List<?> list) {
        try {
            list.clear();
        } catch (UnsupportedOperationException expected) {
            // An immutable list is the best answer.
        }
    }

    /** What a refused append must leave untouched, as seen through every read of the SPI. */
    private record Snapshot(
            Map<TicketId, List<EventEnvelope>> events,
            List<StoredEvent> feed,
            List<TicketSummary> summaries,
            Map<String, Optional<CommandRecord>> commands,
            List<OutboxEntry> due,
            long pending) {}

    private Snapshot snapshot(List<TicketId> tickets, List<String> commandIds) {
        Map<TicketId, List<EventEnvelope>> events = new LinkedHashMap<>();
        tickets.forEach(t -> events.put(t, store.load(t)));
        Map<String, Optional<CommandRecord>> commands = new LinkedHashMap<>();
        commandIds.forEach(c -> commands.put(c, store.findCommand(CommandId.of(c))));
        Optional<OutboxStore> outbox = outboxIfAny();
        return new Snapshot(events, readFeed(100), queryAll(TicketQuery.all()), commands,
                outbox.map(o -> o.due(FAR_FUTURE, 1000)).orElse(List.of()),
                outbox.map(OutboxStore::pendingCount).orElse(0L));
    }

    private static void assertUnchanged(Snapshot before, Snapshot after, String cause) {
        assertEquals(before.events(), after.events(), "load() changed after " + cause);
        assertEquals(before.feed(), after.feed(), "readAfter() changed after " + cause);
        assertEquals(before.summaries(), after.summaries(), "query() changed after " + cause);
        assertEquals(before.commands(), after.commands(), "findCommand() changed after " + cause);
        assertEquals(before.due(), after.due(), "the outbox's due() changed after " + cause);
        assertEquals(before.pending(), after.pending(), "the outbox's pendingCount() changed after " + cause);
    }

    // ------------------------------------------------------------------ running threads

    @FunctionalInterface
    private interface Worker<T> {
        T run(int worker) throws Exception;
    }

    private record Outcome<T>(T value, Throwable failure) {}

    /** Starts {@code workers} threads at once and waits (up to the kit's timeout) for each outcome. */
    private static <T> List<Outcome<T>> inParallel(int workers, Worker<T> work) {
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "civicloop-tck-worker-" + names.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        CountDownLatch ready = new CountDownLatch(workers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                int w = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return work.run(w);
                }));
            }
            if (!ready.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("could not start " + workers + " threads");
            }
            go.countDown();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    outcomes.add(new Outcome<>(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                } catch (TimeoutException e) {
                    fail(workers + " threads did not finish within " + TIMEOUT + ": is the store deadlocked?");
                }
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for worker threads", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void rethrowFailures(List<? extends Outcome<?>> outcomes, String what) {
        for (int i = 0; i < outcomes.size(); i++) {
            Throwable t = outcomes.get(i).failure();
            if (t instanceof AssertionError a) {
                throw a;
            }
            if (t != null) {
                throw new AssertionError(what + " " + i + " failed: " + t, t);
            }
        }
    }
}
