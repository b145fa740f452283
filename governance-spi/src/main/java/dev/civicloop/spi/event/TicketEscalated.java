package dev.civicloop.spi.event;

import dev.civicloop.spi.model.OrgUnitId;
import java.time.Instant;

/**
 * A deadline was missed (or a supervisor stepped in): the supervision level rose and the
 * supervising unit was notified (督办).
 */
public record TicketEscalated(
        String deadline,
        int level,
        Instant dueAt,
        OrgUnitId supervisingUnit)
        implements TicketEvent {
    @Override
    public String command() {
        return "escalate";
    }
}
