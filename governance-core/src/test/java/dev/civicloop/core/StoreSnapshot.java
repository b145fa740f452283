package dev.civicloop.core;

import dev.civicloop.spi.event.StoredEvent;
import dev.civicloop.spi.store.TicketQuery;
import dev.civicloop.spi.store.TicketSummary;
import dev.civicloop.store.memory.InMemoryTicketStore;
import java.util.List;

/**
 * Everything a refused command must leave as it was: the global event feed, the ticket summaries
 * and the outbox. Two snapshots are equal only if nothing was appended, changed or queued.
 */
record StoreSnapshot(List<StoredEvent> events, List<TicketSummary> tickets, long pendingNotifications) {

    static StoreSnapshot of(InMemoryTicketStore store) {
        return new StoreSnapshot(store.readAfter(0, 100_000), store.query(TicketQuery.all().limit(TicketQuery.MAX_LIMIT)).items(),
                store.pendingCount());
    }

    int eventCount() {
        return events.size();
    }
}
