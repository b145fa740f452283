package dev.civicloop.core;

import java.time.Instant;

/**
 * A deadline running on a ticket: {@code claim}, {@code resolve} or {@code feedback}, when it is
 * due, and whether it has already been escalated (each missed deadline escalates once).
 *
 * @param startedAt the ticket version whose event started it
 */
public record RunningDeadline(String name, Instant dueAt, long startedAt, boolean escalated) {}
