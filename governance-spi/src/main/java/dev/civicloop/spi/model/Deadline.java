package dev.civicloop.spi.model;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.internal.Check;

/**
 * A time allowance: {@code Deadline.hours(2)} or {@code Deadline.workingDays(7)}; at most a year
 * ({@value #MAX_HOURS} hours or {@value #MAX_WORKING_DAYS} working days).
 */
public record Deadline(int amount, DeadlineUnit unit) {
    /** The longest allowance in hours: a leap year. */
    public static final int MAX_HOURS = 366 * 24;
    /** The longest allowance in working days: a calendar year's worth. */
    public static final int MAX_WORKING_DAYS = 366;

    public Deadline {
        if (amount <= 0) {
            throw new InvalidInput("amount", "must be more than 0, was " + amount);
        }
        int max = unit == DeadlineUnit.WORKING_DAYS ? MAX_WORKING_DAYS : MAX_HOURS;
        if (amount > max) {
            throw new InvalidInput("amount", "must be at most " + max + " for " + unit + ", was " + amount);
        }
        Check.notNull("unit", unit);
    }

    public static Deadline hours(int hours) {
        return new Deadline(hours, DeadlineUnit.HOURS);
    }

    public static Deadline workingDays(int days) {
        return new Deadline(days, DeadlineUnit.WORKING_DAYS);
    }

    @Override
    public String toString() {
        return amount + (unit == DeadlineUnit.HOURS ? " h" : " working days");
    }
}
