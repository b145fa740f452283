package dev.civicloop.spi.model;

import dev.civicloop.spi.internal.Check;

/**
 * Identifies a unit of the jurisdiction tree (grid, community, street, district, city).
 * At most 128 characters, no white space: {@code OrgUnitId.of("…")}.
 */
public record OrgUnitId(String value) implements Comparable<OrgUnitId> {
    public OrgUnitId {
        Check.id("orgUnitId", value);
    }

    public static OrgUnitId of(String value) {
        return new OrgUnitId(value);
    }

    @Override
    public int compareTo(OrgUnitId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
