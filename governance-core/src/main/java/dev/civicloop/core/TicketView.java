package dev.civicloop.core;

import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.Media;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Satisfaction;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A ticket as it stands now: the fold of its events. Departments are listed lead first.
 *
 * @param orgUnit the grid (or other unit) the report belongs to
 * @param community the community it is dispatched to; null until dispatched
 * @param meTooReporters reporters of tickets merged into this one; they get its feedback too
 * @param supervisionLevel 0, raised by one at each escalation
 */
public record TicketView(
        TicketId ticketId,
        String workflow,
        String category,
        TicketState state,
        boolean terminal,
        long version,
        ActorId reporter,
        Location location,
        String description,
        List<Media> media,
        OrgUnitId orgUnit,
        boolean urgent,
        boolean verificationSkipped,
        OrgUnitId community,
        List<DepartmentId> departments,
        Set<DepartmentId> accepted,
        Set<DepartmentId> resolved,
        int returnCount,
        int redoCount,
        int supervisionLevel,
        Satisfaction satisfaction,
        TicketId mergedInto,
        List<ActorId> meTooReporters,
        List<RunningDeadline> deadlines,
        Instant reportedAt,
        Instant updatedAt) {
    public TicketView {
        media = List.copyOf(media);
        departments = List.copyOf(departments);
        accepted = Set.copyOf(accepted);
        resolved = Set.copyOf(resolved);
        meTooReporters = List.copyOf(meTooReporters);
        deadlines = List.copyOf(deadlines);
    }

    /** The lead department, once dispatched. */
    public Optional<DepartmentId> lead() {
        return departments.isEmpty() ? Optional.empty() : Optional.of(departments.get(0));
    }

    /** The running deadline of that name ({@code claim}, {@code resolve}, {@code feedback}), if any. */
    public Optional<RunningDeadline> deadline(String name) {
        return deadlines.stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
