package dev.civicloop.points.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/** Back-off between optimistic attempts: a short random pause that grows with the attempt. */
public final class Retry {
    private Retry() {}

    public static void pause(int attempt) {
        long maxNanos = Math.min(2_000_000L, 20_000L * (1L << Math.min(attempt, 7)));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, maxNanos));
    }
}
