package dev.civicloop.core;

import static dev.civicloop.core.SeedCity.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.core.command.Accept;
import dev.civicloop.core.command.Claim;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.command.Report;
import dev.civicloop.core.command.Verify;
import dev.civicloop.spi.DuplicateCommand;
import dev.civicloop.spi.event.EventEnvelope;
import dev.civicloop.spi.event.StoredEvent;
import dev.civicloop.spi.event.TicketDispatched;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Notifier;
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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The transactional outbox (notifications committed with their events, delivered at least once
 * with backoff, stable ids, urgent first, none lost) and command idempotency (retries, reused ids,
 * the retention window).
 */
class OutboxAndIdempotencyTest {
    private final SeedCity city = new SeedCity();
    private final RecordingStore store = new RecordingStore(city.store);
    private final RecordingNotifier notifier = new RecordingNotifier();

    private GovernanceEngine engine(GovernanceEngine.Builder b) {
        return b.store(store).notifier(notifier).build();
    }

    // ------------------------------------------------------------------ outbox

    @Test
    void dispatch_writes_its_notifications_in_the_same_append_as_its_events() {
        GovernanceEngine engine = engine(city.builder());
        TicketView t = city.dispatchedManhole(engine);

        List<AppendRequest> dispatches = store.appends.stream()
                .filter(a -> a.events().stream().anyMatch(e -> e.event() instanceof TicketDispatched)).toList();
        assertEquals(1, dispatches.size());
        AppendRequest append = dispatches.get(0);
        EventEnvelope dispatched = append.events().get(0);
        assertEquals(Set.of(Recipient.orgUnit(YUANHANG.value()), Recipient.department(MUNICIPAL.value())),
                recipients(append.notifications(), "dispatched"));
        for (Notification n : append.notifications()) {
            assertEquals(t.ticketId(), n.ticketId());
            assertEquals(dispatched.occurredAt(), n.createdAt());
            assertEquals(Long.toString(dispatched.version()), n.data().get("version"));
        }
        // The report told grid 6's staff there is something to verify; verify tells no one.
        assertEquals(Set.of(Recipient.orgUnit(GRID_6.value())), recipients(store.committedNotifications(), "reported"));
        assertEquals(3, store.pendingCount());
    }

    @Test
    void deliver_notifications_hands_each_pending_notification_to_the_notifier_once() {
        GovernanceEngine engine = engine(city.builder());
        city.dispatchedManhole(engine);
        List<Notification> committed = store.committedNotifications();

        assertEquals(3, engine.deliverNotifications());
        assertEquals(committed, notifier.delivered);
        assertEquals(0, store.pendingCount());
        assertEquals(0, engine.deliverNotifications(), "a delivered notification is never handed out again");
        assertEquals(3, notifier.calls.size());
    }

    @Test
    void dispatched_goes_to_community_and_every_department_escalated_to_the_supervising_unit_resolved_to_the_reporter() {
        GovernanceEngine engine = engine(city.builder());
        TicketView t = engine.handle(city.report(DRIVER, FLYING_WIRE, GRID_6));
        engine.handle(new Verify(city.cmd(), GRID6_STAFF, t.ticketId(), VerificationMethod.ON_SITE, null));
        engine.handle(new Dispatch(city.cmd(), COORDINATOR, t.ticketId(), YUANHANG, URBAN, List.of(FIRE), "飞线充电"));
        engine.deliverNotifications();
        assertEquals(Set.of(Recipient.orgUnit("yuanhang"), Recipient.department("urban-mgmt"), Recipient.department("fire")),
                recipients(notifier.delivered, "dispatched"));

        city.clock.advance(Duration.ofHours(24).plusMinutes(1)); // the 24 h claim deadline is missed
        assertEquals(1, engine.escalateOverdue());
        engine.deliverNotifications();
        assertEquals(Set.of(Recipient.orgUnit(STREET.value())), recipients(notifier.delivered, "escalated"),
                "level 1 supervision is the ticket's street");

        city.resolve(engine, t, List.of(URBAN_HANDLER, FIRE_HANDLER));
        engine.deliverNotifications();
        assertEquals(Set.of(Recipient.actor(DRIVER.id().value())), recipients(notifier.delivered, "resolved"),
                "the result is fed back to the reporter");
        assertEquals(0, store.pendingCount());
    }

    @Test
    void a_failing_notifier_is_retried_with_doubling_backoff_capped_at_the_configured_maximum() {
        GovernanceEngine engine = engine(city.builder().deliveryRetry(Duration.ofSeconds(10), Duration.ofSeconds(40)));
        city.dispatchedManhole(engine);
        notifier.failWhen = n -> true;

        assertEquals(0, engine.deliverNotifications());
        assertEquals(3, notifier.calls.size(), "all three notifications (reported, dispatched ×2) tried at once");
        for (long delay : new long[] {10, 20, 40, 40}) {
            city.clock.advance(Duration.ofSeconds(delay - 1));
            int calls = notifier.calls.size();
            assertEquals(0, engine.deliverNotifications());
            assertEquals(calls, notifier.calls.size(), "no retry before the " + delay + " s backoff is over");
            city.clock.advance(Duration.ofSeconds(1));
            if (delay == 40 && calls == 12) {
                notifier.failWhen = n -> false; // the gateway is back for the last round
            }
            int delivered = engine.deliverNotifications();
            assertEquals(calls + 3, notifier.calls.size(), "retried once the " + delay + " s backoff is over");
            assertEquals(notifier.failWhen.test(null) ? 0 : 3, delivered);
        }
        assertEquals(0, store.pendingCount());
        // Every attempt at one notification carried the same id and content, so receivers can de-duplicate.
        Map<String, Set<Notification>> attemptsById = new HashMap<>();
        notifier.calls.forEach(n -> attemptsById.computeIfAbsent(n.id(), k -> new LinkedHashSet<>()).add(n));
        assertEquals(3, attemptsById.size());
        attemptsById.values().forEach(versions -> assertEquals(1, versions.size(), "one notification, one content"));
        assertEquals(15, notifier.calls.size(), "five attempts each");
    }

    @Test
    void urgent_notifications_are_delivered_before_older_ordinary_ones() {
        GovernanceEngine engine = engine(city.builder());
        TicketView manhole = city.dispatchedManhole(engine);
        city.clock.advance(Duration.ofMinutes(5));
        TicketView gas = engine.handle(city.report(RIDER, GAS_LEAK, GRID_6)); // auto-dispatched on report
        assertEquals(TicketState.DISPATCHED, gas.state());

        assertEquals(6, engine.deliverNotifications());
        List<TicketId> order = notifier.delivered.stream().map(Notification::ticketId).toList();
        assertEquals(List.of(gas.ticketId(), gas.ticketId(), gas.ticketId(), manhole.ticketId(), manhole.ticketId(),
                manhole.ticketId()), order);
        assertEquals(Set.of(Recipient.orgUnit("yuanhang"), Recipient.department("gas-co"), Recipient.department("fire")),
                notifier.delivered.subList(0, 3).stream().map(Notification::recipient).collect(Collectors.toSet()));
        assertTrue(notifier.delivered.subList(0, 3).stream().allMatch(Notification::urgent));
    }

    @Test
    void with_a_flaky_notifier_every_committed_notification_is_delivered_in_the_end_none_lost() {
        GovernanceEngine engine = engine(city.builder().deliveryRetry(Duration.ofSeconds(5), Duration.ofMinutes(1)));
        int[] call = {0};
        notifier.failWhen = n -> call[0]++ % 3 != 0; // two of three attempts fail
        for (int i = 0; i < 20; i++) {
            TicketView t = city.dispatchedManhole(engine);
            if (i % 2 == 0) {
                city.resolve(engine, t, List.of(MUNICIPAL_HANDLER));
            }
            engine.deliverNotifications();
            city.clock.advance(Duration.ofSeconds(7));
        }
        for (int round = 0; round < 200 && store.pendingCount() > 0; round++) {
            city.clock.advance(Duration.ofSeconds(30));
            engine.deliverNotifications();
        }
        assertEquals(0, store.pendingCount());
        Set<String> committed = store.committedNotifications().stream().map(Notification::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertEquals(20 * 3 + 10, committed.size(),
                "reported ×1 and dispatched ×2 per ticket, resolved ×1 per resolved ticket");
        assertEquals(committed, notifier.delivered.stream().map(Notification::id).collect(Collectors.toSet()));
        assertEquals(committed.size(), notifier.delivered.size(), "each delivered once");
    }

    // ------------------------------------------------------------------ idempotency

    @Test
    void a_retried_command_returns_its_first_result_and_appends_nothing() {
        GovernanceEngine engine = engine(city.builder());
        TicketView t = city.dispatchedManhole(engine);
        Claim claim = new Claim(CommandId.of("claim-retry"), YUANHANG_STAFF, t.ticketId());
        TicketView first = engine.handle(claim);
        engine.handle(new Accept(city.cmd(), MUNICIPAL_HANDLER, t.ticketId()));
        long feed = feedSize();
        long pending = store.pendingCount();

        TicketView again = engine.handle(claim);
        assertEquals(first, again, "the retry returns the claim's result, not the ticket as it is now");
        assertEquals(feed, feedSize(), "the retry appended no event");
        assertEquals(pending, store.pendingCount(), "the retry queued no notification");
        assertEquals(TicketState.IN_HANDLING, engine.ticket(t.ticketId()).state());
    }

    @Test
    void the_same_command_id_with_another_payload_is_refused_with_duplicate_command() {
        GovernanceEngine engine = engine(city.builder());
        TicketView t = city.dispatchedManhole(engine);
        engine.handle(new Claim(CommandId.of("c-42"), YUANHANG_STAFF, t.ticketId()));
        long feed = feedSize();

        DuplicateCommand e = assertThrows(DuplicateCommand.class,
                () -> engine.handle(new Accept(CommandId.of("c-42"), MUNICIPAL_HANDLER, t.ticketId())));
        assertEquals("c-42", e.commandId());
        assertThrows(DuplicateCommand.class,
                () -> engine.handle(new Claim(CommandId.of("c-42"), JINGSHAN_STAFF, t.ticketId())));
        assertEquals(feed, feedSize());
    }

    @Test
    void command_ids_are_forgotten_after_the_default_seven_day_retention_and_can_then_be_reused() {
        GovernanceEngine engine = engine(city.builder());
        Report report = new Report(CommandId.of("r-1"), DRIVER, MANHOLE.code(), sanxi(), "井盖翘起", List.of(), GRID_6);
        TicketView first = engine.handle(report);

        city.clock.advance(Duration.ofDays(7).minusSeconds(1));
        assertEquals(0, engine.purgeExpiredCommands(), "still inside the window");
        assertEquals(first, engine.handle(report), "inside the window a retry returns the first result");

        city.clock.advance(Duration.ofSeconds(2));
        assertEquals(1, engine.purgeExpiredCommands());
        TicketView reused = engine.handle(report);
        assertNotEquals(first.ticketId(), reused.ticketId(), "a forgotten id is a new command");
        assertEquals(2, feedSize());
    }

    @Test
    void a_shorter_retention_from_the_builder_forgets_sooner() {
        GovernanceEngine engine = engine(city.builder().commandRetention(Duration.ofHours(1)));
        TicketView t = city.dispatchedManhole(engine);
        Claim claim = new Claim(CommandId.of("claim-1h"), YUANHANG_STAFF, t.ticketId());
        engine.handle(claim);
        city.clock.advance(Duration.ofMinutes(61));
        assertEquals(4, engine.purgeExpiredCommands(), "report, verify, dispatch and claim");
        // The id is free again: another command may use it.
        TicketView accepted = engine.handle(new Accept(CommandId.of("claim-1h"), MUNICIPAL_HANDLER, t.ticketId()));
        assertEquals(TicketState.IN_HANDLING, accepted.state());
    }

    // ------------------------------------------------------------------ helpers

    private long feedSize() {
        long n = 0;
        long position = 0;
        while (true) {
            List<StoredEvent> batch = store.readAfter(position, 100);
            if (batch.isEmpty()) {
                return n;
            }
            n += batch.size();
            position = batch.get(batch.size() - 1).position();
        }
    }

    private static Set<Recipient> recipients(List<Notification> ns, String topic) {
        return ns.stream().filter(n -> n.topic().equals(topic)).map(Notification::recipient).collect(Collectors.toSet());
    }

    /** A notifier that records every call and fails while {@link #failWhen} says so. */
    static final class RecordingNotifier implements Notifier {
        final List<Notification> calls = new ArrayList<>();
        final List<Notification> delivered = new ArrayList<>();
        Predicate<Notification> failWhen = n -> false;

        @Override
        public synchronized void deliver(Notification n) throws Exception {
            calls.add(n);
            if (failWhen.test(n)) {
                throw new java.io.IOException("SMS gateway unavailable");
            }
            delivered.add(n);
        }
    }

    /** Passes everything to the in-memory store and keeps every append request it saw. */
    static final class RecordingStore implements TicketStore, OutboxStore {
        private final dev.civicloop.store.memory.InMemoryTicketStore delegate;
        final List<AppendRequest> appends = new ArrayList<>();

        RecordingStore(dev.civicloop.store.memory.InMemoryTicketStore delegate) {
            this.delegate = delegate;
        }

        List<Notification> committedNotifications() {
            return appends.stream().flatMap(a -> a.notifications().stream()).toList();
        }

        @Override
        public synchronized AppendResult append(AppendRequest request) {
            AppendResult r = delegate.append(request);
            appends.add(request);
            return r;
        }

        @Override
        public List<EventEnvelope> load(TicketId ticketId) {
            return delegate.load(ticketId);
        }

        @Override
        public Optional<CommandRecord> findCommand(CommandId commandId) {
            return delegate.findCommand(commandId);
        }

        @Override
        public int purgeCommands(Instant recordedBefore) {
            return delegate.purgeCommands(recordedBefore);
        }

        @Override
        public Page<TicketSummary> query(TicketQuery query) {
            return delegate.query(query);
        }

        @Override
        public List<StoredEvent> readAfter(long afterPosition, int limit) {
            return delegate.readAfter(afterPosition, limit);
        }

        @Override
        public List<OutboxEntry> due(Instant now, int limit) {
            return delegate.due(now, limit);
        }

        @Override
        public void markDelivered(String notificationId, Instant at) {
            delegate.markDelivered(notificationId, at);
        }

        @Override
        public void markFailed(String notificationId, int attempts, Instant nextAttemptAt, String error) {
            delegate.markFailed(notificationId, attempts, nextAttemptAt, error);
        }

        @Override
        public void markDead(String notificationId, int attempts, Instant at, String error) {
            delegate.markDead(notificationId, attempts, at, error);
        }

        @Override
        public List<DeadLetter> deadLetters(int limit) {
            return delegate.deadLetters(limit);
        }

        @Override
        public boolean redeliver(String notificationId, Instant now) {
            return delegate.redeliver(notificationId, now);
        }

        @Override
        public long pendingCount() {
            return delegate.pendingCount();
        }
    }
}
