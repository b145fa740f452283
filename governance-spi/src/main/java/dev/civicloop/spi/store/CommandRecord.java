package dev.civicloop.spi.store;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.TicketId;
import java.time.Instant;

/**
 * An applied command, kept for the retention window: its id, a fingerprint of its payload (to
 * refuse the same id with another payload), the ticket and the version it produced.
 */
public record CommandRecord(CommandId commandId, String fingerprint, TicketId ticketId, long version, Instant recordedAt) {
    public CommandRecord {
        Check.notNull("commandId", commandId);
        Check.text("fingerprint", fingerprint, 128);
        Check.notNull("ticketId", ticketId);
        Check.notNull("recordedAt", recordedAt);
    }
}
