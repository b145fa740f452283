package dev.civicloop.store.jdbc;

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
 * however many were created, and by whichever constructor — shares it.
 */
final class WriteGate {
    /** Held while a write transaction runs; closing releases the gate. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private static final Held NOTHING_HELD = () -> {};
    private static final WriteGate NONE = new WriteGate(null);
    private static final Map<DataSource, WriteGate> GATES = new WeakHashMap<>();

    private final ReentrantLock lock;

    private WriteGate(ReentrantLock lock) {
        this.lock = lock;
    }

    /** Called by {@link JdbcDatabase} when it opens an H2 pool. */
    static synchronized void gateH2(DataSource pool) {
        GATES.put(pool, new WriteGate(new ReentrantLock()));
    }

    static synchronized void forget(DataSource pool) {
        GATES.remove(pool);
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
