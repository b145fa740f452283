package dev.civicloop.spi.store;

import java.time.Instant;
import java.util.List;

/**
 * The delivery side of the transactional outbox. Notifications enter it only through
 * {@link TicketStore#append}; a dispatcher takes those that are due, hands them to a notifier
 * and records the outcome. Delivery is at least once: a notification stays pending until it is
 * marked delivered.
 */
public interface OutboxStore {

    /**
     * Pending entries whose next attempt is due at {@code now} or earlier, at most {@code limit}:
     * urgent notifications first, then the oldest (by creation time) first.
     */
    List<OutboxEntry> due(Instant now, int limit);

    /**
     * The notification was delivered; it is never handed out again. Marking it delivered again
     * changes nothing; an id the outbox never held is {@link dev.civicloop.spi.NotFound}.
     */
    void markDelivered(String notificationId, Instant at);

    /** A delivery attempt failed; try again at {@code nextAttemptAt}. */
    void markFailed(String notificationId, int attempts, Instant nextAttemptAt, String error);

    /** How many notifications are still pending. */
    long pendingCount();
}
