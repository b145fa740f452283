package dev.civicloop.spi.notify;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.TicketId;
import java.time.Instant;
import java.util.Map;

/**
 * A message the loop owes someone: who (recipient), about what (topic and, if it is about one,
 * ticket), when it arose, and its data. The id is stable across retries, so receivers can
 * de-duplicate.
 *
 * <pre>{@code
 * Notification awarded = new Notification("points-awarded:verified-report:T-7@3", "points-awarded",
 *         Recipient.actor("wang-bin"), null, now, false, Map.of("points", "10", "rule", "verified-report"));
 * }</pre>
 *
 * @param topic {@code dispatched}, {@code escalated}, {@code resolved}, {@code points-awarded}, …
 * @param ticketId the ticket it is about, or {@code null} for a notification that is about no
 *     ticket (points awarded to a member, a catalogue item back in stock)
 * @param urgent deliver before anything else (gas leak, fire)
 */
public record Notification(
        String id,
        String topic,
        Recipient recipient,
        TicketId ticketId,
        Instant createdAt,
        boolean urgent,
        Map<String, String> data) {
    public Notification {
        Check.id("id", id);
        Check.id("topic", topic);
        Check.notNull("recipient", recipient);
        Check.notNull("createdAt", createdAt);
        data = Map.copyOf(Check.notNull("data", data));
    }
}
