package dev.civicloop.spi.model;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.internal.Check;
import java.util.Optional;

/**
 * One unit of the jurisdiction tree: {@code OrgUnit.of("grid-6", OrgLevel.GRID, "第六网格", "yuanhang")}.
 * Only the city has no parent.
 */
public record OrgUnit(OrgUnitId id, OrgLevel level, String name, OrgUnitId parent) {
    public OrgUnit {
        Check.notNull("id", id);
        Check.notNull("level", level);
        Check.text("name", name, 200);
        if (level == OrgLevel.CITY && parent != null) {
            throw new InvalidInput("parent", "a CITY has no parent");
        }
        if (level != OrgLevel.CITY && parent == null) {
            throw new InvalidInput("parent", "is required for a " + level);
        }
    }

    public static OrgUnit of(String id, OrgLevel level, String name, String parent) {
        return new OrgUnit(OrgUnitId.of(id), level, name, parent == null ? null : OrgUnitId.of(parent));
    }

    public Optional<OrgUnitId> parentIfAny() {
        return Optional.ofNullable(parent);
    }
}
