package dev.civicloop.spi.model;

/** Deadlines run in clock hours or in working days of the city's calendar. */
public enum DeadlineUnit {
    HOURS,
    WORKING_DAYS
}
