package dev.civicloop.store.memory;

import static dev.civicloop.tck.TicketFixtures.T0;
import static dev.civicloop.tck.TicketFixtures.notification;
import static dev.civicloop.tck.TicketFixtures.progress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import dev.civicloop.spi.store.AppendResult;
import dev.civicloop.spi.store.OutboxEntry;
import dev.civicloop.spi.store.TicketQuery;
import dev.civicloop.tck.TicketFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the in-memory store promises beyond the conformance kit. */
class InMemoryTicketStoreTest {

    private final InMemoryTicketStore store = new InMemoryTicketStore();
    private final TicketId ticket = TicketId.of("mem-1");

    @Test
    void positionsCountFromOneWithoutGaps() {
        assertEquals(new AppendResult(1, 1), store.append(TicketFixtures.report(ticket, T0)));
        assertEquals(new AppendResult(1, 2), store.append(TicketFixtures.report(TicketId.of("mem-2"), T0)));
        assertEquals(new AppendResult(3, 4), store.append(TicketFixtures.append(ticket, 1)
                .event(TicketState.VERIFIED, progress("a")).event(TicketState.DISPATCHED, progress("b")).build()));
        assertEquals(List.of(1L, 2L, 3L, 4L), store.readAfter(0, 10).stream().map(e -> e.position()).toList());
        assertEquals(List.of(3L, 4L), store.readAfter(2, 10).stream().map(e -> e.position()).toList());
        assertEquals(List.of(), store.readAfter(4, 10));
    }

    @Test
    void aNotificationIdAlreadyInTheOutboxIsRefusedAndNothingIsStored() {
        store.append(TicketFixtures.append(ticket, 0)
                .event(TicketState.SUBMITTED, TicketFixtures.gasLeakReport(false))
                .notify(notification("n-1", ticket, T0, false)).build());
        InvalidInput again = assertThrows(InvalidInput.class, () -> store.append(TicketFixtures.append(ticket, 1)
                .event(TicketState.VERIFIED, progress("a"))
                .notify(notification("n-2", ticket, T0, false))
                .notify(notification("n-1", ticket, T0, true)).build()));
        assertEquals("notifications[1].id", again.field());

        store.markDelivered("n-1", T0);
        InvalidInput delivered = assertThrows(InvalidInput.class, () -> store.append(TicketFixtures.append(ticket, 1)
                .event(TicketState.VERIFIED, progress("a"))
                .notify(notification("n-1", ticket, T0, true)).build()));
        assertEquals("notifications[0].id", delivered.field());

        assertThrows(InvalidInput.class, () -> store.append(TicketFixtures.append(ticket, 1)
                .event(TicketState.VERIFIED, progress("a"))
                .notify(notification("n-3", ticket, T0, false))
                .notify(notification("n-3", ticket, T0, false)).build()), "the same id twice in one append");

        assertEquals(1, store.load(ticket).size(), "events after refused appends");
        assertEquals(0, store.pendingCount(), "pending after refused appends");
    }

    @Test
    void reportsAboutAnAlreadyDeliveredNotificationChangeNothing() {
        store.append(TicketFixtures.append(ticket, 0)
                .event(TicketState.SUBMITTED, TicketFixtures.gasLeakReport(false))
                .notify(notification("n-1", ticket, T0, false)).build());
        store.markDelivered("n-1", T0);
        store.markDelivered("n-1", T0.plusSeconds(1));
        store.markFailed("n-1", 1, T0.plusSeconds(60), "a second dispatcher timed out");
        assertEquals(0, store.pendingCount());
        assertEquals(List.of(), store.due(T0.plusSeconds(3600), 10));
    }

    @Test
    void dueTiesAreHandedOutInArrivalOrder() {
        store.append(TicketFixtures.append(ticket, 0)
                .event(TicketState.SUBMITTED, TicketFixtures.gasLeakReport(false))
                .notify(notification("z", ticket, T0, false))
                .notify(notification("a", ticket, T0, false))
                .notify(notification("m", ticket, T0, false)).build());
        assertEquals(List.of("z", "a", "m"),
                store.due(T0, 10).stream().map(OutboxEntry::notification).map(n -> n.id()).toList());
    }

    @Test
    void badArgumentsAreInvalidInputNamingTheParameter() {
        assertEquals("request", assertThrows(InvalidInput.class, () -> store.append(null)).field());
        assertEquals("ticketId", assertThrows(InvalidInput.class, () -> store.load(null)).field());
        assertEquals("query", assertThrows(InvalidInput.class, () -> store.query((TicketQuery) null)).field());
        assertEquals("afterPosition", assertThrows(InvalidInput.class, () -> store.readAfter(-1, 10)).field());
        assertEquals("limit", assertThrows(InvalidInput.class, () -> store.readAfter(0, 0)).field());
        assertEquals("limit", assertThrows(InvalidInput.class, () -> store.due(T0, 0)).field());
        assertEquals("attempts", assertThrows(InvalidInput.class, () -> store.markFailed("x", 0, T0, "e")).field());
        assertEquals("recordedBefore", assertThrows(InvalidInput.class, () -> store.purgeCommands(null)).field());
    }
}
