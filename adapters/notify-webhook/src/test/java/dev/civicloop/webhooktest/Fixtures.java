package dev.civicloop.webhooktest;

import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Recipient;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

final class Fixtures {
    static final String GAS_SECRET = "gas-co-4f1c9e2a7b3d8e60";
    static final String COMMUNITY_SECRET = "yuanhang-9a8b7c6d5e4f3a2b";

    private Fixtures() {}

    /** Seed 000: a rider's gas-leak report dispatched to the gas company. */
    static Notification gasLeakDispatched() {
        return new Notification("T1-2-dispatched-D-gas-co", "dispatched", Recipient.department("gas-co"),
                TicketId.of("T1"), Instant.parse("2026-11-23T01:05:00Z"), true,
                Map.of("category", "gas_leak", "state", "DISPATCHED", "command", "report", "version", "2",
                        "note", "尚溪小区 3 栋院内燃气味很重"));
    }

    /** A loopback port nothing listens on (bound, then released). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A clock a test moves forward by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
