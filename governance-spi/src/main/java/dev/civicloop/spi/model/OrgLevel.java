package dev.civicloop.spi.model;

/** Levels of the jurisdiction tree, smallest first: 网格, 社区, 街道·乡镇, 区县, 市. */
public enum OrgLevel {
    GRID,
    COMMUNITY,
    STREET,
    DISTRICT,
    CITY;

    /** The level directly above, or null for CITY. */
    public OrgLevel parent() {
        return this == CITY ? null : values()[ordinal() + 1];
    }
}
