package dev.civicloop.spi.notify;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.TicketId;
import java.time.Instant;
import java.util.Map;

/**
 * A message the loop owes someone: who (recipient), about what (topic and ticket), when it arose,
 * and its data. The id is stable across retries, so receivers can de-duplicate.
 *
 * @param topic {@code dispatched}, {@code escalated}, {@code resolved}, …
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
        Check.notNull("ticketId", ticketId);
        Check.notNull("createdAt", createdAt);
        data = Map.copyOf(Check.notNull("data", data));
    }
}
