package dev.civicloop.core.internal;

import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The jurisdiction tree, checked once at start-up; immutable afterwards. */
final class OrgTree {
    private final Map<OrgUnitId, OrgUnit> units;
    private final Map<OrgUnitId, List<OrgUnitId>> paths = new HashMap<>();

    OrgTree(List<OrgUnit> list) {
        Map<OrgUnitId, OrgUnit> m = new HashMap<>();
        int cities = 0;
        for (OrgUnit u : list) {
            if (m.put(u.id(), u) != null) {
                throw new InvalidConfiguration("org unit " + u.id() + " is defined twice");
            }
            if (u.level() == OrgLevel.CITY) {
                cities++;
            }
        }
        if (cities != 1) {
            throw new InvalidConfiguration("the org tree needs exactly one CITY unit, has " + cities);
        }
        for (OrgUnit u : list) {
            if (u.parent() != null) {
                OrgUnit p = m.get(u.parent());
                if (p == null) {
                    throw new InvalidConfiguration("org unit " + u.id() + ": parent " + u.parent() + " is not defined");
                }
                if (p.level().compareTo(u.level()) <= 0) {
                    throw new InvalidConfiguration("org unit " + u.id() + " (" + u.level() + "): parent " + p.id()
                            + " must be at a higher level, is " + p.level());
                }
            }
        }
        this.units = Map.copyOf(m);
        for (OrgUnit u : list) {
            List<OrgUnitId> path = new ArrayList<>();
            for (OrgUnit c = u; c != null; c = c.parent() == null ? null : m.get(c.parent())) {
                path.add(c.id());
            }
            paths.put(u.id(), List.copyOf(path));
        }
    }

    Optional<OrgUnit> find(OrgUnitId id) {
        return Optional.ofNullable(units.get(id));
    }

    /** The unit and every unit above it, smallest first. */
    List<OrgUnitId> path(OrgUnitId id) {
        return paths.getOrDefault(id, List.of());
    }

    /** The unit at {@code level} on the path up from {@code id}, if any. */
    Optional<OrgUnitId> ancestorAt(OrgUnitId id, OrgLevel level) {
        for (OrgUnitId p : path(id)) {
            if (units.get(p).level() == level) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** True if the actor's org scope holds the unit or a unit above it. */
    boolean covers(Actor actor, OrgUnitId id) {
        if (id == null) {
            return false;
        }
        for (OrgUnitId p : path(id)) {
            if (actor.orgScope().contains(p)) {
                return true;
            }
        }
        return false;
    }

    /** The units a ticket belongs to: its own unit's path plus the assigned community's. */
    Set<OrgUnitId> membership(OrgUnitId unit, OrgUnitId community) {
        Set<OrgUnitId> s = new LinkedHashSet<>(path(unit));
        if (community != null) {
            s.addAll(path(community));
        }
        return s;
    }

    /**
     * Who supervises at escalation level {@code level}: level 1 the ticket's street, then the
     * district, then the city; beyond the top it stays at the city.
     */
    OrgUnitId supervisor(OrgUnitId unit, int level) {
        OrgLevel[] chain = {OrgLevel.STREET, OrgLevel.DISTRICT, OrgLevel.CITY};
        for (int i = Math.min(level, chain.length) - 1; i < chain.length; i++) {
            Optional<OrgUnitId> a = ancestorAt(unit, chain[Math.max(i, 0)]);
            if (a.isPresent()) {
                return a.get();
            }
        }
        List<OrgUnitId> p = path(unit);
        return p.isEmpty() ? null : p.get(p.size() - 1);
    }
}
