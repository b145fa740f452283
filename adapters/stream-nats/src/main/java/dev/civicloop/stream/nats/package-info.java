/**
 * Publishing CivicLoop's events to NATS JetStream: {@link dev.civicloop.stream.nats.JetStreamPublisher}
 * (build one, call {@code poll()} on a schedule), its {@link dev.civicloop.stream.nats.Checkpoint}
 * (in memory or an atomically written file) and the values a poll and the stream set-up report.
 */
package dev.civicloop.stream.nats;
