package dev.civicloop.spi.store;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.event.EventEnvelope;
import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.notify.Notification;
import java.util.List;

/**
 * One atomic write: events for one ticket (versions {@code expectedVersion + 1 …}, consecutive),
 * the notifications they cause, the command that caused them (null for derived writes) and the
 * ticket's summary after them.
 */
public record AppendRequest(
        TicketId ticketId,
        long expectedVersion,
        List<EventEnvelope> events,
        List<Notification> notifications,
        CommandRecord command,
        TicketSummary summary) {
    public AppendRequest {
        Check.notNull("ticketId", ticketId);
        events = List.copyOf(Check.noNulls("events", events));
        notifications = List.copyOf(Check.noNulls("notifications", notifications));
        Check.notNull("summary", summary);
        if (expectedVersion < 0) {
            throw new InvalidInput("expectedVersion", "must be 0 or more, was " + expectedVersion);
        }
        if (events.isEmpty()) {
            throw new InvalidInput("events", "must hold at least one event");
        }
        for (int i = 0; i < events.size(); i++) {
            EventEnvelope e = events.get(i);
            if (!e.ticketId().equals(ticketId)) {
                throw new InvalidInput("events[" + i + "].ticketId", "must be " + ticketId + ", was " + e.ticketId());
            }
            if (e.version() != expectedVersion + 1 + i) {
                throw new InvalidInput("events[" + i + "].version",
                        "must be " + (expectedVersion + 1 + i) + ", was " + e.version());
            }
        }
        if (!summary.ticketId().equals(ticketId)) {
            throw new InvalidInput("summary.ticketId", "must be " + ticketId);
        }
        if (summary.version() != expectedVersion + events.size()) {
            throw new InvalidInput("summary.version", "must be the last event's version");
        }
    }

    /** The ticket's version after this append. */
    public long newVersion() {
        return expectedVersion + events.size();
    }
}
