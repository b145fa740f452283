package dev.civicloop.spi.event;

import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.OrgUnitId;
import java.time.Instant;
import java.util.List;

/**
 * A running deadline is near (临期提醒): whoever must act on it was reminded, once per deadline
 * instance, before it was missed. Appended by the clock; the state does not change. Exactly one
 * kind of assignee is set: the unit that must act ({@code orgUnit}: the community to claim, or
 * before dispatch the unit the ticket was reported in), or the departments that must still
 * handle it ({@code departments}, lead first).
 *
 * <pre>{@code
 * new TicketReminded("claim", dueAt, OrgUnitId.of("yuanhang"), List.of());
 * }</pre>
 *
 * @param deadline the deadline's name: {@code claim} or {@code resolve}
 * @param dueAt when it is due
 * @param orgUnit the unit reminded, or null when departments are
 * @param departments the departments reminded, lead first; empty when a unit is
 */
public record TicketReminded(
        String deadline,
        Instant dueAt,
        OrgUnitId orgUnit,
        List<DepartmentId> departments)
        implements TicketEvent {
    public TicketReminded {
        departments = List.copyOf(departments);
    }

    /** {@code remind}: the clock's, not a workflow command; no workflow transition governs it. */
    @Override
    public String command() {
        return "remind";
    }
}
