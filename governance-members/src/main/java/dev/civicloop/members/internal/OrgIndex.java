package dev.civicloop.members.internal;

import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The jurisdiction tree as this module needs it: units, paths up, and who covers what. Immutable. */
public final class OrgIndex {
    private final Map<OrgUnitId, OrgUnit> units;
    private final Map<OrgUnitId, List<OrgUnitId>> paths;

    public OrgIndex(List<OrgUnit> list) {
        Map<OrgUnitId, OrgUnit> m = new HashMap<>();
        for (OrgUnit u : list) {
            if (m.put(u.id(), u) != null) {
                throw new InvalidConfiguration("org unit " + u.id() + " is defined twice");
            }
        }
        Map<OrgUnitId, List<OrgUnitId>> p = new HashMap<>();
        for (OrgUnit u : list) {
            List<OrgUnitId> path = new ArrayList<>();
            for (OrgUnit c = u; c != null; c = c.parent() == null ? null : m.get(c.parent())) {
                if (c.parent() != null && !m.containsKey(c.parent())) {
                    throw new InvalidConfiguration("org unit " + c.id() + ": parent " + c.parent() + " is not defined");
                }
                if (path.contains(c.id())) {
                    throw new InvalidConfiguration("org unit " + u.id() + ": the tree has a cycle through " + c.id());
                }
                path.add(c.id());
            }
            p.put(u.id(), List.copyOf(path));
        }
        this.units = Map.copyOf(m);
        this.paths = Map.copyOf(p);
    }

    public Optional<OrgUnit> find(OrgUnitId id) {
        return Optional.ofNullable(units.get(id));
    }

    public boolean isEmpty() {
        return units.isEmpty();
    }

    /** The unit and every unit above it, smallest first; empty for an unknown unit. */
    public List<OrgUnitId> path(OrgUnitId id) {
        return id == null ? List.of() : paths.getOrDefault(id, List.of());
    }

    /** True if {@code inner} is {@code outer} or lies below it. */
    public boolean within(OrgUnitId inner, OrgUnitId outer) {
        return path(inner).contains(outer);
    }

    /** True if the actor's org scope holds the unit or a unit above it. */
    public boolean covers(Actor actor, OrgUnitId id) {
        for (OrgUnitId p : path(id)) {
            if (actor.orgScope().contains(p)) {
                return true;
            }
        }
        return false;
    }

    public boolean isAt(OrgUnitId id, OrgLevel level) {
        OrgUnit u = units.get(id);
        return u != null && u.level() == level;
    }

    /** The unit's name, or its id if unknown. */
    public String name(OrgUnitId id) {
        OrgUnit u = units.get(id);
        return u == null ? String.valueOf(id) : u.name();
    }
}
