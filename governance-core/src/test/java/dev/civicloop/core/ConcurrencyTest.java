package dev.civicloop.core;

import static dev.civicloop.core.SeedCity.MUNICIPAL_HANDLER;
import static dev.civicloop.core.SeedCity.YUANHANG_STAFF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.civicloop.core.command.Accept;
import dev.civicloop.core.command.Claim;
import dev.civicloop.core.command.Resolve;
import dev.civicloop.core.command.TicketCommand;
import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.GovernanceException;
import dev.civicloop.spi.TransitionNotAllowed;
import dev.civicloop.spi.event.DepartmentAccepted;
import dev.civicloop.spi.event.DepartmentResolved;
import dev.civicloop.spi.event.StoredEvent;
import dev.civicloop.spi.event.TicketClaimed;
import dev.civicloop.spi.event.TicketEvent;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many app threads (or nodes) act on the same tickets at once: optimistic concurrency must let
 * exactly one win each race, tell the others with a typed exception, and lose or duplicate no event.
 */
class ConcurrencyTest {
    private static final int THREADS = 16;
    private static final int TICKETS = 50;
    /** The same-id race loses only in a narrow window, so it runs on more tickets. */
    private static final int SAME_ID_TICKETS = 400;

    private final SeedCity city = new SeedCity();
    private final GovernanceEngine engine = city.engine();
    private ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "race threads did not stop");
    }

    /** A command's result: the ticket after it, or the typed refusal. */
    private record Outcome(TicketView view, GovernanceException error) {}

    @Test
    void sixteen_threads_race_to_claim_accept_and_resolve_fifty_tickets_and_exactly_one_wins_each_race() throws Exception {
        List<TicketId> ids = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            ids.add(city.dispatchedManhole(engine).ticketId());
        }
        for (TicketId id : ids) {
            oneWinner("claim " + id, race(n -> new Claim(city.cmd(), YUANHANG_STAFF, id)), TicketState.CLAIMED);
            oneWinner("accept " + id, race(n -> new Accept(city.cmd(), MUNICIPAL_HANDLER, id)), TicketState.IN_HANDLING);
            oneWinner("resolve " + id, race(n -> new Resolve(city.cmd(), MUNICIPAL_HANDLER, id, "cover replaced " + n,
                    List.of())), TicketState.RESOLVED);
        }

        Map<TicketId, List<StoredEvent>> perTicket = wholeFeedPerTicket();
        assertEquals(TICKETS, perTicket.size());
        for (TicketId id : ids) {
            List<StoredEvent> events = perTicket.get(id);
            // report, verify, dispatch, then exactly one claim, one accept and one resolve
            assertEquals(6, events.size(), id + ": events " + events);
            assertEquals(1, count(events, TicketClaimed.class), id + ": claimed events");
            assertEquals(1, count(events, DepartmentAccepted.class), id + ": accepted events");
            assertEquals(1, count(events, DepartmentResolved.class), id + ": resolved events");
            TicketView t = engine.ticket(id);
            assertEquals(TicketState.RESOLVED, t.state());
            assertEquals(6, t.version());
        }
    }

    @Test
    void sixteen_threads_sending_the_same_command_id_apply_it_exactly_once_and_all_get_the_first_result() throws Exception {
        List<TicketId> ids = new ArrayList<>();
        for (int i = 0; i < SAME_ID_TICKETS; i++) {
            ids.add(city.dispatchedManhole(engine).ticketId());
        }
        for (TicketId id : ids) {
            Claim claim = new Claim(CommandId.of("claim-once-" + id.value()), YUANHANG_STAFF, id);
            List<Outcome> outcomes = race(n -> claim);
            for (Outcome o : outcomes) {
                assertTrue(o.error() == null, "claim of " + id + ": a thread resending the same command id must get "
                        + "the first result, got " + o.error());
                assertEquals(TicketState.CLAIMED, o.view().state(), "claim of " + id);
                assertEquals(4, o.view().version(), "claim of " + id + ": every thread sees the one application");
            }
        }
        Map<TicketId, List<StoredEvent>> perTicket = wholeFeedPerTicket();
        for (TicketId id : ids) {
            List<StoredEvent> events = perTicket.get(id);
            assertEquals(4, events.size(), id + ": events " + events);
            assertEquals(1, count(events, TicketClaimed.class), id + ": the claim applied once");
            assertEquals(1, events.stream().filter(e -> e.envelope().commandId().value().equals("claim-once-" + id.value()))
                    .count(), id + ": one event carries the command id");
        }
    }

    @Test
    void losers_of_a_race_retrying_with_their_own_command_id_never_apply_twice() throws Exception {
        TicketId id = city.dispatchedManhole(engine).ticketId();
        List<Claim> claims = new ArrayList<>();
        for (int n = 0; n < THREADS; n++) {
            claims.add(new Claim(CommandId.of("claim-" + n), YUANHANG_STAFF, id));
        }
        List<Outcome> first = race(claims::get);
        oneWinner("claim " + id, first, TicketState.CLAIMED);
        // Every thread retries its own command, as a client does after a timeout or conflict.
        List<Outcome> retried = race(claims::get);
        for (int n = 0; n < THREADS; n++) {
            Outcome before = first.get(n);
            Outcome again = retried.get(n);
            if (before.error() == null) {
                assertTrue(again.error() == null, "the winner's retry returns its first result, got " + again.error());
                assertEquals(before.view(), again.view(), "the winner's retry returns its first result");
            } else {
                assertTrue(again.error() instanceof TransitionNotAllowed,
                        "a loser's retry meets the claimed ticket, got " + again);
            }
        }
        assertEquals(1, count(wholeFeedPerTicket().get(id), TicketClaimed.class));
        assertEquals(4, engine.ticket(id).version());
    }

    // ------------------------------------------------------------------ helpers

    /** Runs one command per thread, all released at once by a start gate; outcomes in thread order. */
    private List<Outcome> race(IntFunction<TicketCommand> commandOfThread) throws Exception {
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (int n = 0; n < THREADS; n++) {
            TicketCommand command = commandOfThread.apply(n);
            futures.add(pool.submit(() -> {
                ready.countDown();
                start.await();
                try {
                    return new Outcome(engine.handle(command), null);
                } catch (GovernanceException e) {
                    return new Outcome(null, e);
                }
            }));
        }
        assertTrue(ready.await(30, TimeUnit.SECONDS), "threads did not reach the start gate");
        start.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : futures) {
            outcomes.add(f.get(60, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    private static void oneWinner(String race, List<Outcome> outcomes, TicketState after) {
        int winners = 0;
        for (Outcome o : outcomes) {
            if (o.error() == null) {
                winners++;
                assertEquals(after, o.view().state(), race + ": the winner's result");
            } else if (!(o.error() instanceof ConcurrencyConflict) && !(o.error() instanceof TransitionNotAllowed)) {
                fail(race + ": a loser must get ConcurrencyConflict or TransitionNotAllowed, got " + o.error());
            }
        }
        assertEquals(1, winners, race + ": exactly one winner");
    }

    /** The store's global feed, checked for strictly increasing positions and gap-free versions per ticket. */
    private Map<TicketId, List<StoredEvent>> wholeFeedPerTicket() {
        Map<TicketId, List<StoredEvent>> perTicket = new HashMap<>();
        long position = 0;
        while (true) {
            List<StoredEvent> batch = city.store.readAfter(position, 97);
            if (batch.isEmpty()) {
                break;
            }
            for (StoredEvent e : batch) {
                assertTrue(e.position() > position, "positions must grow: " + e.position() + " after " + position);
                position = e.position();
                List<StoredEvent> mine = perTicket.computeIfAbsent(e.envelope().ticketId(), k -> new ArrayList<>());
                assertEquals(mine.size() + 1, e.envelope().version(),
                        e.envelope().ticketId() + ": versions 1..n without gaps or repeats");
                mine.add(e);
            }
        }
        return perTicket;
    }

    private static long count(List<StoredEvent> events, Class<? extends TicketEvent> type) {
        return events.stream().filter(e -> type.isInstance(e.envelope().event())).count();
    }
}
