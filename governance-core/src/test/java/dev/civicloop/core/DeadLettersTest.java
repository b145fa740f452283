package dev.civicloop.core;

import static dev.civicloop.core.SeedCity.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Notifier;
import dev.civicloop.spi.notify.PermanentDeliveryFailure;
import dev.civicloop.spi.notify.Recipient;
import dev.civicloop.spi.store.DeadLetter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Dead letters: a notification that can never be delivered is set aside instead of being retried
 * forever — after the configured number of attempts, or at once when the notifier says the failure
 * is permanent — and an operator lists it and, once the cause is fixed, redelivers it.
 */
class DeadLettersTest {
    private final SeedCity city = new SeedCity();
    private final FlakyNotifier notifier = new FlakyNotifier();

    /** Retries after 10 s, 20 s, 40 s, … up to 1 min; three attempts in all. */
    private GovernanceEngine engine() {
        return city.builder().notifier(notifier).deliveryRetry(Duration.ofSeconds(10), Duration.ofMinutes(1), 3).build();
    }

    @Test
    void an_sms_gateway_that_stays_down_turns_the_notifications_into_dead_letters_after_three_attempts() {
        GovernanceEngine engine = engine();
        city.dispatchedManhole(engine); // reported → grid 6; dispatched → 远航社区 and municipal
        notifier.failWhen = n -> true;
        Instant firstAttempt = city.clock.instant();

        assertEquals(0, engine.deliverNotifications());
        city.clock.advance(Duration.ofSeconds(10));
        assertEquals(0, engine.deliverNotifications());
        assertEquals(List.of(), engine.deadLetters(10), "two attempts: still pending");
        assertEquals(3, city.store.pendingCount());
        city.clock.advance(Duration.ofSeconds(20));
        Instant third = city.clock.instant();
        assertEquals(0, engine.deliverNotifications());

        assertEquals(9, notifier.calls.size(), "three attempts for each of the three notifications");
        assertEquals(0, city.store.pendingCount(), "dead letters are not pending");
        List<DeadLetter> dead = engine.deadLetters(10);
        assertEquals(3, dead.size());
        for (DeadLetter d : dead) {
            assertEquals(3, d.attempts());
            assertEquals(third, d.deadAt());
            assertEquals("java.io.IOException: SMS gateway unavailable", d.lastError());
        }
        assertEquals(Set.of("reported", "dispatched"), dead.stream().map(d -> d.notification().topic())
                .collect(Collectors.toSet()));

        notifier.failWhen = n -> false;
        city.clock.advance(Duration.ofDays(1));
        assertEquals(0, engine.deliverNotifications(), "a dead letter is never retried by itself");
        assertEquals(9, notifier.calls.size());
        assertTrue(firstAttempt.isBefore(third));
    }

    @Test
    void a_permanent_failure_is_a_dead_letter_at_once_and_the_other_notifications_are_delivered() {
        GovernanceEngine engine = engine();
        city.dispatchedManhole(engine);
        Recipient municipal = Recipient.department(MUNICIPAL.value());
        notifier.permanentFor = n -> n.recipient().equals(municipal);

        assertEquals(2, engine.deliverNotifications(), "grid 6 and 远航社区 are told");
        List<DeadLetter> dead = engine.deadLetters(10);
        assertEquals(1, dead.size());
        assertEquals(municipal, dead.get(0).notification().recipient());
        assertEquals(1, dead.get(0).attempts(), "no retry after a permanent failure");
        assertEquals(city.clock.instant(), dead.get(0).deadAt());
        assertTrue(dead.get(0).lastError().contains("no webhook route for department:municipal"), dead.get(0).lastError());
        assertEquals(0, city.store.pendingCount());

        city.clock.advance(Duration.ofHours(1));
        assertEquals(0, engine.deliverNotifications());
        assertEquals(3, notifier.calls.size());
    }

    @Test
    void a_redelivered_dead_letter_is_delivered_on_the_next_pass_and_is_gone_from_the_dead_letters() {
        GovernanceEngine engine = engine();
        city.dispatchedManhole(engine);
        notifier.permanentFor = n -> n.topic().equals("dispatched");
        assertEquals(1, engine.deliverNotifications());
        List<DeadLetter> dead = engine.deadLetters(10);
        assertEquals(2, dead.size());

        notifier.permanentFor = n -> false; // the route was added
        city.clock.advance(Duration.ofMinutes(5));
        for (DeadLetter d : dead) {
            assertTrue(engine.redeliver(d.notification().id()));
        }
        assertEquals(2, city.store.pendingCount(), "pending again");
        assertEquals(List.of(), engine.deadLetters(10));
        assertFalse(engine.redeliver(dead.get(0).notification().id()), "redelivering a pending one changes nothing");

        assertEquals(2, engine.deliverNotifications(), "due at once");
        assertEquals(Set.copyOf(dead.stream().map(DeadLetter::notification).toList()),
                Set.copyOf(notifier.delivered.subList(1, 3)));
        assertEquals(0, city.store.pendingCount());
        assertFalse(engine.redeliver(dead.get(0).notification().id()), "redelivering a delivered one changes nothing");
        assertEquals(0, engine.deliverNotifications(), "and it is not sent again");
    }

    @Test
    void a_redelivered_dead_letter_gets_the_full_number_of_attempts_again() {
        GovernanceEngine engine = engine();
        city.dispatchedManhole(engine);
        notifier.failWhen = n -> n.topic().equals("reported");
        for (int i = 0; i < 3; i++) {
            engine.deliverNotifications();
            city.clock.advance(Duration.ofMinutes(1));
        }
        DeadLetter dead = engine.deadLetters(10).get(0);
        assertEquals(3, dead.attempts());

        assertTrue(engine.redeliver(dead.notification().id()));
        engine.deliverNotifications();
        assertEquals(List.of(), engine.deadLetters(10), "one more failure after a redelivery is attempt 1, not 4");
        assertEquals(1, city.store.pendingCount());
    }

    @Test
    void redelivering_an_unknown_notification_is_not_found_and_changes_nothing() {
        GovernanceEngine engine = engine();
        city.dispatchedManhole(engine);
        notifier.permanentFor = n -> n.topic().equals("reported");
        engine.deliverNotifications();
        StoreSnapshot before = StoreSnapshot.of(city.store);
        List<DeadLetter> deadBefore = engine.deadLetters(10);

        assertThrows(NotFound.class, () -> engine.redeliver("T1-9-never-sent"));
        assertThrows(InvalidInput.class, () -> engine.redeliver(null));
        assertThrows(InvalidInput.class, () -> engine.deadLetters(0));

        assertEquals(before, StoreSnapshot.of(city.store));
        assertEquals(deadBefore, engine.deadLetters(10));
    }

    @Test
    void a_dead_letter_changes_neither_the_ticket_nor_its_history() {
        GovernanceEngine engine = engine();
        TicketView t = city.dispatchedManhole(engine);
        StoreSnapshot before = StoreSnapshot.of(city.store);
        notifier.permanentFor = n -> true;

        engine.deliverNotifications();

        StoreSnapshot after = StoreSnapshot.of(city.store);
        assertEquals(before.events(), after.events());
        assertEquals(before.tickets(), after.tickets());
        assertEquals(t, engine.ticket(t.ticketId()));
        assertEquals(3, engine.deadLetters(10).size());
    }

    @Test
    void dead_letters_are_listed_oldest_first_up_to_the_limit() {
        GovernanceEngine engine = engine();
        notifier.permanentFor = n -> true;
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TicketView t = engine.handle(city.report(DRIVER, MANHOLE, GRID_6));
            engine.deliverNotifications();
            order.add(t.ticketId().value());
            city.clock.advance(Duration.ofMinutes(1));
        }
        assertEquals(order, engine.deadLetters(10).stream().map(d -> d.notification().ticketId().value()).toList());
        assertEquals(order.subList(0, 2),
                engine.deadLetters(2).stream().map(d -> d.notification().ticketId().value()).toList());
    }

    @Test
    void max_attempts_below_one_is_invalid_configuration_and_the_two_argument_form_keeps_working() {
        InvalidConfiguration e = assertThrows(InvalidConfiguration.class,
                () -> city.builder().deliveryRetry(Duration.ofSeconds(5), Duration.ofMinutes(30), 0));
        assertTrue(e.getMessage().contains("deliveryRetry.maxAttempts"), e.getMessage());
        assertThrows(InvalidConfiguration.class,
                () -> city.builder().deliveryRetry(Duration.ZERO, Duration.ofMinutes(30), 3));

        // The default: 50 attempts before a notification is given up.
        GovernanceEngine engine = city.builder().notifier(notifier)
                .deliveryRetry(Duration.ofSeconds(1), Duration.ofSeconds(1)).build();
        engine.handle(city.report(DRIVER, MANHOLE, GRID_6));
        notifier.failWhen = n -> true;
        for (int i = 1; i < GovernanceEngine.DEFAULT_DELIVERY_MAX_ATTEMPTS; i++) {
            engine.deliverNotifications();
            city.clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(List.of(), engine.deadLetters(10), "49 attempts: still pending");
        engine.deliverNotifications();
        assertEquals(50, engine.deadLetters(10).get(0).attempts());
    }

    /** Fails transiently or permanently as told; records every call. */
    static final class FlakyNotifier implements Notifier {
        final List<Notification> calls = new ArrayList<>();
        final List<Notification> delivered = new ArrayList<>();
        Predicate<Notification> failWhen = n -> false;
        Predicate<Notification> permanentFor = n -> false;

        @Override
        public synchronized void deliver(Notification n) throws Exception {
            calls.add(n);
            if (permanentFor.test(n)) {
                throw new PermanentDeliveryFailure("no webhook route for " + n.recipient());
            }
            if (failWhen.test(n)) {
                throw new IOException("SMS gateway unavailable");
            }
            delivered.add(n);
        }
    }
}
