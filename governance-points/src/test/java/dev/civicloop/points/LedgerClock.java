package dev.civicloop.points;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the tests move by hand; thread-safe. */
final class LedgerClock extends Clock {
    /** Monday 2026-03-02 09:00 in Shanghai. */
    static final Instant START = Instant.parse("2026-03-02T01:00:00Z");

    private volatile Instant now;

    LedgerClock() {
        this(START);
    }

    LedgerClock(Instant start) {
        this.now = start;
    }

    synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    void set(Instant t) {
        now = t;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
