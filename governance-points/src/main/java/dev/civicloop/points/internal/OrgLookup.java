package dev.civicloop.points.internal;

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

/** The city's org tree as honours needs it: levels, the street above a community, scope checks. */
public final class OrgLookup {
    private final Map<OrgUnitId, OrgUnit> units = new HashMap<>();

    public OrgLookup(List<OrgUnit> tree) {
        if (tree == null || tree.isEmpty()) {
            throw new InvalidConfiguration("honours: orgTree is required (the city's org units)");
        }
        for (int i = 0; i < tree.size(); i++) {
            OrgUnit u = tree.get(i);
            if (u == null) {
                throw new InvalidConfiguration("honours: orgTree[" + i + "] is null");
            }
            if (units.put(u.id(), u) != null) {
                throw new InvalidConfiguration("honours: orgTree[" + i + "]: org unit " + u.id() + " is defined twice");
            }
        }
        for (OrgUnit u : tree) {
            if (u.parent() != null) {
                OrgUnit p = units.get(u.parent());
                if (p == null) {
                    throw new InvalidConfiguration("honours: orgTree: org unit " + u.id() + ": parent " + u.parent()
                            + " is not defined");
                }
                if (p.level().compareTo(u.level()) <= 0) {
                    throw new InvalidConfiguration("honours: orgTree: org unit " + u.id() + " (" + u.level()
                            + "): parent " + p.id() + " must be at a higher level, is " + p.level());
                }
            }
        }
    }

    public Optional<OrgUnit> find(OrgUnitId id) {
        return Optional.ofNullable(units.get(id));
    }

    /** The unit and every unit above it, smallest first (levels strictly rise, so this ends). */
    public List<OrgUnitId> path(OrgUnitId id) {
        List<OrgUnitId> path = new ArrayList<>();
        for (OrgUnit c = units.get(id); c != null; c = c.parent() == null ? null : units.get(c.parent())) {
            path.add(c.id());
        }
        return path;
    }

    /** The STREET above a community, if the tree has one. */
    public Optional<OrgUnitId> streetOf(OrgUnitId community) {
        for (OrgUnitId p : path(community)) {
            if (units.get(p).level() == OrgLevel.STREET) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** True if the actor's org scope holds the unit or a unit above it (as in the ticket engine). */
    public boolean covers(Actor actor, OrgUnitId unit) {
        for (OrgUnitId p : path(unit)) {
            if (actor.orgScope().contains(p)) {
                return true;
            }
        }
        return false;
    }
}
