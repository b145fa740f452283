package dev.civicloop.spi.member;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.internal.Check;
import java.util.List;

/**
 * One atomic write to one stream: events with versions {@code expectedVersion + 1 …}, all under
 * one command id (the idempotency key: the store refuses a command id it already holds).
 */
public record MemberAppend(String stream, long expectedVersion, List<MemberEnvelope> events) {
    public MemberAppend {
        Check.id("stream", stream);
        events = List.copyOf(Check.noNulls("events", events));
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
    }
}
