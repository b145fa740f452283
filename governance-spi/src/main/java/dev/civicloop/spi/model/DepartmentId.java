package dev.civicloop.spi.model;

import dev.civicloop.spi.internal.Check;

/**
 * Identifies a handling department (gas company, urban management, fire…).
 * At most 128 characters, no white space: {@code DepartmentId.of("…")}.
 */
public record DepartmentId(String value) implements Comparable<DepartmentId> {
    public DepartmentId {
        Check.id("departmentId", value);
    }

    public static DepartmentId of(String value) {
        return new DepartmentId(value);
    }

    @Override
    public int compareTo(DepartmentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
