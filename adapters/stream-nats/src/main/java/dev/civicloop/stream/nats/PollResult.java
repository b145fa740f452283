package dev.civicloop.stream.nats;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one {@link JetStreamPublisher#poll()} did.
 *
 * @param published events JetStream stored for the first time
 * @param duplicates events JetStream already held (a re-send after a crash or an older
 *     checkpoint), dropped by their {@code Nats-Msg-Id}; acknowledged all the same
 * @param positions the last acknowledged position per feed after the poll (what the checkpoint holds)
 * @param problem why the poll stopped before the end of the feeds (server unreachable, publish not
 *     acknowledged); null when it reached the end. Every event after the positions is published by
 *     a later poll; none is skipped
 */
public record PollResult(int published, int duplicates, Map<String, Long> positions, String problem) {
    public PollResult {
        positions = Map.copyOf(new TreeMap<>(positions));
    }

    /** True when the poll reached the end of every feed. */
    public boolean complete() {
        return problem == null;
    }
}
