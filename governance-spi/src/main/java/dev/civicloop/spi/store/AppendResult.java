package dev.civicloop.spi.store;

/** What an append committed: the ticket's new version and the global position of its last event. */
public record AppendResult(long version, long lastPosition) {}
