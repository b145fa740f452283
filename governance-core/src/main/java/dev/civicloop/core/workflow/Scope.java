package dev.civicloop.core.workflow;

/**
 * Whose ticket an actor may act on, besides having the right role. A transition lists one or more
 * scopes; the actor needs any one of them.
 */
public enum Scope {
    /** No org check (reports, clock actions). */
    ANY,
    /** The actor is the ticket's reporter. */
    REPORTER,
    /** The actor's org scope covers the ticket's grid (a unit covers every unit below it). */
    TICKET_ORG,
    /** The actor's org scope covers the community the ticket is dispatched to. */
    ASSIGNED_COMMUNITY,
    /** The actor acts for one of the departments the ticket is dispatched to. */
    ASSIGNED_DEPARTMENT
}
