package dev.civicloop.spi.model;

import dev.civicloop.spi.internal.Check;

/**
 * A workflow state. Workflows are data, so a state is a name; the constants are the states of
 * the two built-in workflows.
 */
public record TicketState(String name) {
    public static final TicketState SUBMITTED = new TicketState("SUBMITTED");
    public static final TicketState VERIFIED = new TicketState("VERIFIED");
    public static final TicketState DISPATCHED = new TicketState("DISPATCHED");
    public static final TicketState CLAIMED = new TicketState("CLAIMED");
    public static final TicketState IN_HANDLING = new TicketState("IN_HANDLING");
    public static final TicketState RESOLVED = new TicketState("RESOLVED");
    public static final TicketState CLOSED = new TicketState("CLOSED");
    public static final TicketState REJECTED = new TicketState("REJECTED");
    public static final TicketState MERGED = new TicketState("MERGED");
    public static final TicketState CANCELLED = new TicketState("CANCELLED");
    /** Grievance workflow: the service centre has taken the grievance up. */
    public static final TicketState ACCEPTED = new TicketState("ACCEPTED");
    /** Grievance workflow: the worker has been answered. */
    public static final TicketState ANSWERED = new TicketState("ANSWERED");

    public TicketState {
        Check.id("state", name);
    }

    public static TicketState of(String name) {
        return new TicketState(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
