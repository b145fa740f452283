package dev.civicloop.core;

import java.time.Instant;

/**
 * A deadline running on a ticket: {@code claim}, {@code resolve} or {@code feedback}, when it is
 * due, when its assignee is reminded, and whether the reminder and the escalation have happened
 * (each deadline instance is reminded at most once and escalated at most once). A deadline started
 * again (a reopening, a dispatch after a return) is a new instance with its own reminder.
 *
 * <pre>{@code
 * ticket.deadline("claim").filter(d -> !d.reminded()).map(RunningDeadline::remindAt)
 * }</pre>
 *
 * @param startedAt the ticket version whose event started it
 * @param remindAt when {@link GovernanceEngine#remindDeadlines()} reminds its assignee: the later of
 *     {@code dueAt} minus the engine's {@code remindBefore} and the middle of the span from its start
 *     to {@code dueAt}; null for {@code feedback}, which nobody is reminded of
 * @param reminded whether the reminder ({@code TicketReminded}) was appended
 */
public record RunningDeadline(String name, Instant dueAt, long startedAt, boolean escalated, Instant remindAt,
        boolean reminded) {}
