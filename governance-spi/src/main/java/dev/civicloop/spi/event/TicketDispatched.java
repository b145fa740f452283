package dev.civicloop.spi.event;

import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.OrgUnitId;
import java.time.Instant;
import java.util.List;

/**
 * The street dispatched the ticket (派单) to a community and one or more departments, the lead
 * first; with the reason for the choice and the deadlines.
 */
public record TicketDispatched(
        OrgUnitId community,
        DepartmentId lead,
        List<DepartmentId> coHandlers,
        Instant claimDueAt,
        Instant resolveDueAt,
        String reason)
        implements TicketEvent {
    public TicketDispatched {
        coHandlers = List.copyOf(coHandlers);
    }

    @Override
    public String command() {
        return "dispatch";
    }
}
