package dev.civicloop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.store.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A city's own ticket ids may use all 128 characters an id may have. The ids the engine derives
 * from them — notification ids, the clock's command ids — must still be valid ids: a long ticket
 * is reported, dispatched, reminded and escalated like any other, and every derived id is distinct.
 */
class LongTicketIdTest {
    private static final String LONG = "daqing-ranghulu-2026-11-23-" + "x".repeat(128 - 27);

    @Test
    void aTicketWithAnIdOf128CharactersGoesThroughReportDispatchReminderAndEscalation() {
        SeedCity city = new SeedCity();
        GovernanceEngine engine = city.builder().ticketIds(() -> TicketId.of(LONG)).build();
        TicketView t = city.dispatchedManhole(engine);
        assertEquals(128, t.ticketId().value().length());

        Instant claimDue = t.deadline("claim").orElseThrow().dueAt();
        city.clock.set(t.deadline("claim").orElseThrow().remindAt());
        assertTrue(engine.remindDeadlines() >= 1, "the claim reminder");
        assertEquals(0, engine.remindDeadlines(), "a second pass reminds nobody again");
        city.clock.set(claimDue.plus(Duration.ofSeconds(1)));
        assertTrue(engine.escalateOverdue() >= 1, "the claim escalation");
        assertEquals(0, engine.escalateOverdue(), "a second pass appends nothing");

        List<OutboxEntry> due = city.store.due(Instant.MAX, 100);
        Set<String> ids = new HashSet<>();
        for (OutboxEntry e : due) {
            Notification n = e.notification();
            assertTrue(n.id().length() <= 128, "notification id " + n.id());
            ids.add(n.id());
        }
        assertEquals(due.size(), ids.size(), "notification ids are distinct");
        assertTrue(due.stream().anyMatch(e -> e.notification().topic().equals("reminded")), "a reminder was sent");
        assertTrue(due.stream().anyMatch(e -> e.notification().topic().equals("escalated")), "an escalation was sent");
    }
}
