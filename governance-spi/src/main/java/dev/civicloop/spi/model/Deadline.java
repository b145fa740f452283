package dev.civicloop.spi.model;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.internal.Check;

/** A time allowance: {@code Deadline.hours(2)} or {@code Deadline.workingDays(7)}. */
public record Deadline(int amount, DeadlineUnit unit) {
    public Deadline {
        if (amount <= 0) {
            throw new InvalidInput("amount", "must be more than 0, was " + amount);
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
