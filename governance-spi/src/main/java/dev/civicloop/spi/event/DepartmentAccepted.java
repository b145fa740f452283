package dev.civicloop.spi.event;

import dev.civicloop.spi.model.DepartmentId;

/**
 * One assigned department accepted the ticket (接单); the ticket is in handling once all have. In
 * the grievance workflow the service centre accepts and the department is null.
 */
public record DepartmentAccepted(DepartmentId department) implements TicketEvent {
    @Override
    public String command() {
        return "accept";
    }
}
