package dev.civicloop.spi.store;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import java.time.Instant;
import java.util.Set;

/**
 * The queryable row of a ticket, rewritten by every append: state, the org units it belongs to
 * (its grid and every unit above, plus the assigned community), when it was reported and last
 * changed, and when its next running deadline falls due (null if none).
 */
public record TicketSummary(
        TicketId ticketId,
        long version,
        String workflow,
        String category,
        TicketState state,
        boolean terminal,
        Set<OrgUnitId> orgUnits,
        Instant reportedAt,
        Instant updatedAt,
        Instant nextDueAt) {
    public TicketSummary {
        Check.notNull("ticketId", ticketId);
        Check.notNull("workflow", workflow);
        Check.notNull("category", category);
        Check.notNull("state", state);
        orgUnits = Set.copyOf(Check.noNulls("orgUnits", orgUnits));
        Check.notNull("reportedAt", reportedAt);
        Check.notNull("updatedAt", updatedAt);
    }
}
