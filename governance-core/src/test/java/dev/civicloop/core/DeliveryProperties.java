package dev.civicloop.core;

import static dev.civicloop.core.SeedCity.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Notifier;
import dev.civicloop.spi.notify.PermanentDeliveryFailure;
import dev.civicloop.spi.store.DeadLetter;
import dev.civicloop.spi.store.OutboxEntry;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The outbox's delivery states as a model-based property: random sequences of reports, receiver
 * behaviour (works, fails for now, refuses for good), clock moves, delivery passes and redeliveries
 * run against the engine and a small model of pending, dead and delivered notifications. After
 * every step: the notifier was asked for exactly the notifications the model says were due, each
 * notification was delivered at most once, and the dead letters and the pending count are the
 * model's. Rerun a failure with {@code -Dcivicloop.seed=<seed>}.
 */
class DeliveryProperties {
    private static final int SEQUENCES = 150;
    private static final int MAX_ATTEMPTS = 4;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    private static final Duration MAX_RETRY = Duration.ofSeconds(40);
    private static final Instant FAR_FUTURE = Instant.parse("2099-01-01T00:00:00Z");
    private static final Map<String, Integer> COVERAGE = new ConcurrentHashMap<>();

    @Test
    void random_delivery_sequences_keep_the_outbox_and_the_model_in_step() {
        long seed = Long.getLong("civicloop.seed", new SecureRandom().nextLong());
        AtomicInteger sequences = new AtomicInteger();
        COVERAGE.clear();
        try {
            qt().withFixedSeed(seed)
                    .withExamples(SEQUENCES)
                    .withShrinkCycles(200)
                    .forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(5, 60))
                    .checkAssert(steps -> {
                        sequences.incrementAndGet();
                        new Run().execute(steps);
                    });
        } catch (AssertionError e) {
            throw new AssertionError("seed=" + seed + ", rerun with -Dcivicloop.seed=" + seed + "\n" + e.getMessage(), e);
        }
        System.out.println("DeliveryProperties seed=" + seed + ", " + sequences.get() + " sequences, reached "
                + new TreeMap<>(COVERAGE));
        for (String must : List.of("delivered", "retried", "dead after max attempts", "dead at once", "redelivered",
                "redeliver of a live one", "NotFound")) {
            assertTrue(COVERAGE.getOrDefault(must, 0) >= 5, "too few '" + must + "' in " + COVERAGE + ", seed=" + seed);
        }
    }

    /** How the receiver treats a notification, until a step changes it. */
    enum Receiver {
        WORKS,
        DOWN,
        REFUSES
    }

    enum State {
        PENDING,
        DEAD,
        DELIVERED
    }

    /** What the model knows of one notification; nothing here is read back from the engine. */
    static final class MNotification {
        final String id;
        State state = State.PENDING;
        int attempts;
        Instant due;
        Receiver receiver = Receiver.WORKS;

        MNotification(String id, Instant due) {
            this.id = id;
            this.due = due;
        }
    }

    static final class Run implements Notifier {
        final SeedCity city = new SeedCity();
        final GovernanceEngine engine = city.builder().notifier(this)
                .deliveryRetry(FIRST_RETRY, MAX_RETRY, MAX_ATTEMPTS).build();
        final Map<String, MNotification> model = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();
        final Map<String, Integer> successes = new HashMap<>();
        final StringBuilder log = new StringBuilder();

        @Override
        public void deliver(Notification n) throws Exception {
            calls.add(n.id());
            switch (model.get(n.id()).receiver) {
                case WORKS -> successes.merge(n.id(), 1, Integer::sum);
                case DOWN -> throw new IOException("receiver down");
                case REFUSES -> throw new PermanentDeliveryFailure("receiver refuses " + n.id());
            }
        }

        void execute(List<Integer> steps) {
            try {
                for (int v : steps) {
                    one(v);
                    check();
                }
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nsteps:\n" + log, e);
            }
        }

        void one(int v) {
            long h = mix(v) >>> 1;
            int op = (int) (h % 100);
            int pick = (int) (h / 100 % 1_000);
            List<MNotification> all = new ArrayList<>(model.values());
            MNotification n = all.isEmpty() ? null : all.get(pick % all.size());
            if (op < 15 || n == null) {
                report();
            } else if (op < 35) {
                // Down twice as often as the others, so retries run into the maximum attempts.
                Receiver r = List.of(Receiver.WORKS, Receiver.DOWN, Receiver.DOWN, Receiver.REFUSES).get(pick % 4);
                log.append("receiver of ").append(n.id).append(" ").append(r).append('\n');
                n.receiver = r;
            } else if (op < 55) {
                Duration d = Duration.ofSeconds(pick % 60);
                log.append("clock +").append(d).append('\n');
                city.clock.advance(d);
            } else if (op < 85) {
                pass();
            } else if (op < 97) {
                redeliver(n);
            } else {
                log.append("redeliver unknown\n");
                assertThrows(NotFound.class, () -> engine.redeliver("T999-1-reported-O-nowhere"));
                covered("NotFound");
            }
        }

        void report() {
            engine.handle(city.report(DRIVER, MANHOLE, GRID_6));
            Instant now = city.clock.instant();
            // Only the ids are read from the store: which notifications a report causes is not this property's concern.
            for (OutboxEntry e : city.store.due(FAR_FUTURE, 1_000)) {
                model.computeIfAbsent(e.notification().id(), id -> {
                    log.append("report → ").append(id).append('\n');
                    return new MNotification(id, now);
                });
            }
        }

        void pass() {
            Instant now = city.clock.instant();
            List<String> expected = new ArrayList<>();
            int expectedDelivered = 0;
            for (MNotification n : model.values()) {
                if (n.state != State.PENDING || n.due.isAfter(now)) {
                    continue;
                }
                expected.add(n.id);
                n.attempts++;
                switch (n.receiver) {
                    case WORKS -> {
                        n.state = State.DELIVERED;
                        expectedDelivered++;
                        covered("delivered");
                    }
                    case REFUSES -> {
                        n.state = State.DEAD;
                        covered("dead at once");
                    }
                    case DOWN -> {
                        if (n.attempts >= MAX_ATTEMPTS) {
                            n.state = State.DEAD;
                            covered("dead after max attempts");
                        } else {
                            n.due = now.plus(backoff(n.attempts));
                            covered("retried");
                        }
                    }
                }
            }
            calls.clear();
            int delivered = engine.deliverNotifications();
            log.append("pass at ").append(now).append(": ").append(expected).append('\n');
            assertEquals(new TreeSet<>(expected), new TreeSet<>(calls), "notifications tried by the pass");
            assertEquals(expected.size(), calls.size(), "each due notification tried once: " + calls);
            assertEquals(expectedDelivered, delivered, "deliveries the pass reports");
        }

        void redeliver(MNotification n) {
            log.append("redeliver ").append(n.id).append('\n');
            boolean wasDead = n.state == State.DEAD;
            assertEquals(wasDead, engine.redeliver(n.id), "redeliver of a " + n.state + " notification");
            if (wasDead) {
                n.state = State.PENDING;
                n.attempts = 0;
                n.due = city.clock.instant();
                covered("redelivered");
            } else {
                covered("redeliver of a live one");
            }
        }

        void check() {
            successes.forEach((id, times) -> assertEquals(1, times, id + " delivered more than once"));
            TreeMap<String, Integer> dead = new TreeMap<>();
            model.values().stream().filter(n -> n.state == State.DEAD).forEach(n -> dead.put(n.id, n.attempts));
            TreeMap<String, Integer> actual = new TreeMap<>();
            for (DeadLetter d : engine.deadLetters(1_000)) {
                actual.put(d.notification().id(), d.attempts());
            }
            assertEquals(dead, actual, "dead letters and their attempts");
            assertEquals(model.values().stream().filter(n -> n.state == State.PENDING).count(), city.store.pendingCount(),
                    "pendingCount");
        }

        static Duration backoff(int attempts) {
            Duration d = FIRST_RETRY;
            for (int i = 1; i < attempts; i++) {
                d = d.multipliedBy(2);
            }
            return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
        }
    }

    /** QuickTheories favours small and boundary values: mix a generated number before decoding it. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    static void covered(String what) {
        COVERAGE.merge(what, 1, Integer::sum);
    }
}
