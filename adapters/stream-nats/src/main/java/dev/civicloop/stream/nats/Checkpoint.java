package dev.civicloop.stream.nats;

import java.nio.file.Path;

/**
 * Where a {@link JetStreamPublisher} remembers, per feed ({@code tickets}, {@code points},
 * {@code members}), the position of the last event the server acknowledged. The publisher saves
 * a position only after JetStream acknowledged every event up to it, so after a crash it resumes
 * there and at worst re-sends events the server already holds; JetStream's duplicate window drops
 * those by their {@code Nats-Msg-Id}.
 *
 * <p>Implement it over the application's own database to keep the checkpoint next to the data,
 * or use {@link #file(Path)}:
 *
 * <pre>{@code
 * Checkpoint checkpoint = Checkpoint.file(Path.of("/var/lib/civicloop/nats-checkpoint.properties"));
 * }</pre>
 */
public interface Checkpoint {

    /** The last acknowledged position of the feed; 0 if nothing was saved yet. */
    long load(String feed);

    /**
     * Remembers the feed's last acknowledged position (0 or more). Must be durable when it returns
     * if the checkpoint is to survive a crash.
     *
     * @throws dev.civicloop.spi.StoreFailure the position could not be saved
     */
    void save(String feed, long position);

    /** A checkpoint that lives as long as the object: a restarted process publishes everything again. */
    static Checkpoint inMemory() {
        return new InMemoryCheckpoint();
    }

    /**
     * A checkpoint in a properties file, one line per feed, replaced atomically on every save
     * (written to a temporary file in the same folder, forced to disk, then moved over the old
     * one), so a crash leaves either the old or the new positions, never a torn file.
     */
    static Checkpoint file(Path file) {
        return new FileCheckpoint(file);
    }
}
