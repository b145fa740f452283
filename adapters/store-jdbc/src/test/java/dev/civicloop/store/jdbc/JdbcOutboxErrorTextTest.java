package dev.civicloop.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import dev.civicloop.spi.store.DeadLetter;
import dev.civicloop.spi.store.OutboxEntry;
import dev.civicloop.tck.TicketFixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The error a dispatcher records is whatever the notifier threw, e.g. a receiver's response body:
 * a NUL character in it (a binary body) is recorded, not a StoreFailure that aborts the delivery
 * pass and leaves the notification to be sent again on every pass (PostgreSQL text cannot hold
 * U+0000).
 */
class JdbcOutboxErrorTextTest {
    private static final Instant T0 = TicketFixtures.T0;

    @ParameterizedTest
    @EnumSource(JdbcDatabase.Dialect.class)
    void anErrorWithANulCharacterIsRecordedOnFailureAndOnDeath(JdbcDatabase.Dialect dialect) {
        try (TestDatabases.Handle h = dialect == JdbcDatabase.Dialect.H2 ? TestDatabases.h2() : TestDatabases.postgres(2)) {
            JdbcTicketStore store = h.db().ticketStore();
            TicketId id = TicketId.of("nul-error");
            store.append(TicketFixtures.append(id, 0)
                    .event(TicketState.SUBMITTED, TicketFixtures.gasLeakReport(false))
                    .notify(TicketFixtures.notification("nul-a", id, T0, false))
                    .notify(TicketFixtures.notification("nul-b", id, T0, false))
                    .build());

            store.markFailed("nul-a", 1, T0.plusSeconds(5), "HTTP 502: \u0000\u0001gz");
            store.markDead("nul-b", 1, T0.plusSeconds(6), "HTTP 400: \u0000");

            List<OutboxEntry> due = store.due(T0.plusSeconds(5), 10);
            assertEquals(List.of("nul-a"), due.stream().map(e -> e.notification().id()).toList(), "due");
            assertEquals(1, due.get(0).attempts(), "the failure was recorded");
            assertEquals("HTTP 502: \uFFFD\u0001gz", due.get(0).lastError(), "NUL recorded as U+FFFD");
            List<DeadLetter> dead = store.deadLetters(10);
            assertEquals(List.of("nul-b"), dead.stream().map(d -> d.notification().id()).toList(), "dead letters");
            assertEquals("HTTP 400: \uFFFD", dead.get(0).lastError(), "NUL recorded as U+FFFD");
        }
    }
}
