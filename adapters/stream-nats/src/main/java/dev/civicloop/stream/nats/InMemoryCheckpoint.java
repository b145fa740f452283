package dev.civicloop.stream.nats;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Checkpoint#inMemory()}. */
final class InMemoryCheckpoint implements Checkpoint {
    private final Map<String, Long> positions = new ConcurrentHashMap<>();

    @Override
    public long load(String feed) {
        return positions.getOrDefault(FileCheckpoint.checkFeed(feed), 0L);
    }

    @Override
    public void save(String feed, long position) {
        positions.put(FileCheckpoint.checkFeed(feed), FileCheckpoint.checkPosition(position));
    }

    @Override
    public String toString() {
        return "in-memory checkpoint " + positions;
    }
}
