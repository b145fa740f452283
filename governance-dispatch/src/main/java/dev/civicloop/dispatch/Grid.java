package dev.civicloop.dispatch;

import dev.civicloop.spi.model.OrgUnitId;

/**
 * One grid of a map: its id and the names the map gives it and the units above it. Fields the
 * mapping does not name are null.
 */
public record Grid(String id, String name, String community, String street, String district) {
    /** The grid as an org unit id (a map refuses grid ids that could not be one). */
    public OrgUnitId unit() {
        return OrgUnitId.of(id);
    }

    /** The grid's display name, or its id when the map has none. */
    public String displayName() {
        return name != null ? name : id;
    }
}
