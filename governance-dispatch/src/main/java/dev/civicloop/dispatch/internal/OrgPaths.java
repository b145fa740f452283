package dev.civicloop.dispatch.internal;

import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Walks the org tree upwards: a unit, its parent, …, the city. */
public final class OrgPaths {
    private final Map<OrgUnitId, OrgUnit> units = new HashMap<>();

    public OrgPaths(List<OrgUnit> orgUnits) {
        orgUnits.forEach(u -> units.put(u.id(), u));
    }

    public Optional<OrgUnit> find(OrgUnitId id) {
        return Optional.ofNullable(units.get(id));
    }

    /** The unit and its ancestors, nearest first; just the unit if it is unknown. */
    public List<OrgUnitId> path(OrgUnitId id) {
        List<OrgUnitId> out = new ArrayList<>();
        OrgUnitId at = id;
        while (at != null && !out.contains(at)) {
            out.add(at);
            OrgUnit u = units.get(at);
            at = u == null ? null : u.parent();
        }
        return out;
    }

    public Optional<OrgUnitId> ancestorAt(OrgUnitId id, OrgLevel level) {
        return path(id).stream().filter(p -> units.containsKey(p) && units.get(p).level() == level).findFirst();
    }

    public String name(OrgUnitId id) {
        OrgUnit u = units.get(id);
        return u == null ? id.value() : u.name();
    }
}
