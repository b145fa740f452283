package dev.civicloop.spi.store;

import dev.civicloop.spi.notify.Notification;
import java.time.Instant;

/** A pending notification with its delivery attempts so far and when the next is due. */
public record OutboxEntry(Notification notification, int attempts, Instant nextAttemptAt, String lastError) {}
