package dev.civicloop.store.jdbc;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * One write transaction at a time on an H2 database; no gate on PostgreSQL.
 *
 * <p>Why: H2 (seen on 2.3.232 and, more often, 2.5.252) can lose a committed update of a row when
 * another transaction that waited for the row's lock rolls back — the ticket's version row falls
 * behind its events and the ticket is stuck (H2ConcurrentAppendsRegressionTest). An H2 file
 * belongs to one process, and H2 writes its commits one at a time anyway, so the stores take this
 * gate around every write transaction: writers never wait for each other's row locks inside H2.
 * Reads are not gated.
 *
 * <p>The gate is found by the pool ({@link #of}), so every store on one {@link JdbcDatabase} —
 * however many were created, and by whichever constructor — shares it; and it belongs to the H2
 * file, so two {@link JdbcDatabase}s one process opened on the same file (H2 lets it: both pools
 * reach one H2 database) share it too.
 */
final class WriteGate {
    /** Held while a write transaction runs; closing releases the gate. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private static final Held NOTHING_HELD = () -> {};
    private static final WriteGate NONE = new WriteGate(null, null);
    private static final Map<DataSource, WriteGate> GATES = new WeakHashMap<>();
    /** The gate of each open H2 file, by its absolute normalised path; guarded by the class. */
    private static final Map<String, WriteGate> BY_FILE = new HashMap<>();

    private final ReentrantLock lock;
    private final String file;
    /** Open pools on this gate's file; guarded by the class. */
    private int pools;

    private WriteGate(ReentrantLock lock, String file) {
        this.lock = lock;
        this.file = file;
    }

    /** Called by {@link JdbcDatabase} when it opens an H2 pool on {@code file}. */
    static synchronized void gateH2(DataSource pool, Path file) {
        String key = file.toAbsolutePath().normalize().toString();
        WriteGate gate = BY_FILE.computeIfAbsent(key, k -> new WriteGate(new ReentrantLock(), k));
        gate.pools++;
        GATES.put(pool, gate);
    }

    static synchronized void forget(DataSource pool) {
        WriteGate gate = GATES.remove(pool);
        if (gate != null && gate.file != null && --gate.pools == 0) {
            BY_FILE.remove(gate.file);
        }
    }

    /** The gate of this pool: H2's, or one that never waits. */
    static synchronized WriteGate of(DataSource pool) {
        return GATES.getOrDefault(pool, NONE);
    }

    /** For tests: a writer is waiting for the gate. */
    boolean hasQueuedWriters() {
        return lock != null && lock.hasQueuedThreads();
    }

    Held enter() {
        if (lock == null) {
            return NOTHING_HELD;
        }
        lock.lock();
        return lock::unlock;
    }
}
