package dev.civicloop.spi.member;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.notify.Notification;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One atomic write to one stream: events with versions {@code expectedVersion + 1 …}, all under
 * one command id (the idempotency key: the store refuses a command id it already holds), and the
 * notifications the events cause.
 *
 * <p>The notifications (none by default) go to the store's transactional outbox in the same
 * transaction as the events: they are stored exactly when the events are. Derive their ids from
 * the events' stream and version, so a replayed command cannot add a second one.
 *
 * <pre>{@code
 * MemberAppend append = new MemberAppend("member:wang-bin", 1, List.of(approved))
 *         .withNotifications(List.of(new Notification("member.approved:member:wang-bin@2", "member.approved",
 *                 Recipient.actor("wang-bin"), null, now, false, Map.of("text", "您的报名已通过…"))));
 * }</pre>
 */
public record MemberAppend(String stream, long expectedVersion, List<MemberEnvelope> events,
        List<Notification> notifications) {
    public MemberAppend {
        Check.id("stream", stream);
        events = List.copyOf(Check.noNulls("events", events));
        notifications = List.copyOf(Check.noNulls("notifications", notifications));
        if (expectedVersion < 0) {
            throw new InvalidInput("expectedVersion", "must be 0 or more, was " + expectedVersion);
        }
        if (events.isEmpty()) {
            throw new InvalidInput("events", "must hold at least one event");
        }
        for (int i = 0; i < events.size(); i++) {
            MemberEnvelope e = events.get(i);
            if (!e.stream().equals(stream)) {
                throw new InvalidInput("events[" + i + "].stream", "must be " + stream + ", was " + e.stream());
            }
            if (e.version() != expectedVersion + 1 + i) {
                throw new InvalidInput("events[" + i + "].version", "must be " + (expectedVersion + 1 + i) + ", was "
                        + e.version());
            }
            if (!e.commandId().equals(events.get(0).commandId())) {
                throw new InvalidInput("events[" + i + "].commandId", "one append carries one command id");
            }
        }
        Set<String> notificationIds = new HashSet<>();
        for (int i = 0; i < notifications.size(); i++) {
            if (!notificationIds.add(notifications.get(i).id())) {
                throw new InvalidInput("notifications[" + i + "].id",
                        notifications.get(i).id() + " appears twice in one append");
            }
        }
    }

    /** Events under an expected version, without notifications. */
    public MemberAppend(String stream, long expectedVersion, List<MemberEnvelope> events) {
        this(stream, expectedVersion, events, List.of());
    }

    /** This append with these notifications (replacing any it had), written with the events or not at all. */
    public MemberAppend withNotifications(List<Notification> notifications) {
        return new MemberAppend(stream, expectedVersion, events, notifications);
    }
}
