package dev.civicloop.spi.store;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.notify.Notification;
import java.time.Instant;

/**
 * A notification the outbox gave up on: its notifier reported a permanent failure, or it failed
 * the engine's maximum number of attempts. It is no longer pending (not {@link OutboxStore#due due},
 * not in {@link OutboxStore#pendingCount}) until {@link OutboxStore#redeliver redelivered}.
 *
 * @param attempts delivery attempts made, the last one included
 * @param deadAt when the outbox gave up
 * @param lastError the last attempt's failure, as the dispatcher recorded it (may be null)
 */
public record DeadLetter(Notification notification, int attempts, Instant deadAt, String lastError) {
    public DeadLetter {
        Check.notNull("notification", notification);
        Check.notNull("deadAt", deadAt);
    }
}
