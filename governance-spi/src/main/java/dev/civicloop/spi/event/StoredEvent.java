package dev.civicloop.spi.event;

/**
 * An event as the store committed it, with its global position: positions grow in commit order
 * across all tickets, so a projection that remembers the last position it read never misses one.
 */
public record StoredEvent(long position, EventEnvelope envelope) {}
