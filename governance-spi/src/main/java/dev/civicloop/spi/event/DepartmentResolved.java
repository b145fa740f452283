package dev.civicloop.spi.event;

import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.Media;
import java.util.List;

/**
 * One assigned department finished its part (办结) with a result and evidence; the ticket is
 * resolved once all have.
 */
public record DepartmentResolved(
        DepartmentId department,
        String result,
        List<Media> evidence)
        implements TicketEvent {
    public DepartmentResolved {
        evidence = List.copyOf(evidence);
    }

    @Override
    public String command() {
        return "resolve";
    }
}
