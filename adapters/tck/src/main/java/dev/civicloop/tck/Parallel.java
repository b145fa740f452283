package dev.civicloop.tck;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Starts worker threads at the same moment and collects what each returned or threw. */
final class Parallel {
    private Parallel() {}

    @FunctionalInterface
    interface Worker<T> {
        T run(int worker) throws Exception;
    }

    record Outcome<T>(T value, Throwable failure) {}

    /** Starts {@code workers} threads at once and waits (up to {@code timeout}) for each outcome. */
    static <T> List<Outcome<T>> run(int workers, Duration timeout, Worker<T> work) {
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "civicloop-tck-worker-" + names.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        CountDownLatch ready = new CountDownLatch(workers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                int w = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return work.run(w);
                }));
            }
            if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("could not start " + workers + " threads");
            }
            go.countDown();
            long deadline = System.nanoTime() + timeout.toNanos();
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    outcomes.add(new Outcome<>(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS),
                            null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                } catch (TimeoutException e) {
                    fail(workers + " threads did not finish within " + timeout + ": is the store deadlocked?");
                }
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for worker threads", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Rethrows the first failure: an AssertionError as it is, anything else wrapped and named. */
    static void rethrowFailures(List<? extends Outcome<?>> outcomes, String what) {
        for (int i = 0; i < outcomes.size(); i++) {
            Throwable t = outcomes.get(i).failure();
            if (t instanceof AssertionError a) {
                throw a;
            }
            if (t != null) {
                throw new AssertionError(what + " " + i + " failed: " + t, t);
            }
        }
    }
}
