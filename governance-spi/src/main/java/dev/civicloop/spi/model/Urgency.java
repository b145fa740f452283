package dev.civicloop.spi.model;

/** URGENT categories (gas leak, fire) skip verification and the queue. */
public enum Urgency {
    NORMAL,
    URGENT
}
