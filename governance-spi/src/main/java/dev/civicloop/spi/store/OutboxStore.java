package dev.civicloop.spi.store;

import java.time.Instant;
import java.util.List;

/**
 * The delivery side of the transactional outbox. Notifications enter it only through
 * {@link TicketStore#append} and, where the ledger and member stores share the outbox (the JDBC and
 * in-memory stores can), {@link dev.civicloop.spi.ledger.LedgerStore#append} and
 * {@link dev.civicloop.spi.member.MemberStore#append}: in the transaction of the events or
 * postings that cause them. A dispatcher takes those that are due, hands them to a notifier
 * and records the outcome. Delivery is at least once: a notification stays pending until it is
 * marked delivered, or until the dispatcher gives up on it and marks it dead.
 *
 * <p>A notification is in one of three states: <em>pending</em> (handed out by {@link #due} once
 * its next attempt is due), <em>delivered</em> (final), or <em>dead</em> (a dead letter: kept, listed
 * by {@link #deadLetters}, never due, not counted as pending, until {@link #redeliver} makes it
 * pending again). Late reports never move a notification backwards: marking a delivered one failed
 * or dead, or a dead one failed, changes nothing. An id the outbox never held is
 * {@link dev.civicloop.spi.NotFound} for every method that takes one; a null argument, a limit
 * below 1 or attempts below 1 is {@link dev.civicloop.spi.InvalidInput}.
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

    /**
     * A delivery attempt failed; try again at {@code nextAttemptAt}. Changes nothing for a
     * delivered or dead notification.
     */
    void markFailed(String notificationId, int attempts, Instant nextAttemptAt, String error);

    /**
     * Gives up on a pending notification: it becomes a dead letter with these attempts, time and
     * error. Changes nothing for a delivered or an already dead notification. A dead letter marked
     * delivered (a dispatcher that delivered it after all) is delivered.
     */
    void markDead(String notificationId, int attempts, Instant at, String error);

    /**
     * The dead letters, oldest first (by the time they died, then by the order the outbox received
     * them), at most {@code limit}.
     */
    List<DeadLetter> deadLetters(int limit);

    /**
     * Makes a dead letter pending again, due at {@code now}, with its attempts reset to 0 (the
     * cause was fixed, so it gets the dispatcher's full number of attempts again; its last error
     * stays until the next attempt replaces it).
     *
     * @return true if it was dead and is now pending; false if it was pending or delivered, and
     *     nothing changed (so two operators redelivering the same letter do no harm)
     */
    boolean redeliver(String notificationId, Instant now);

    /** How many notifications are still pending (dead letters and delivered ones are not). */
    long pendingCount();
}
