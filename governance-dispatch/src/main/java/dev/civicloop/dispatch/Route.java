package dev.civicloop.dispatch;

import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.OrgUnitId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One cell of the routing matrix: reports of {@code category} in {@code area} go to the lead
 * department and the co-handlers. An empty area is the city-wide default. With {@code auto} the
 * dispatcher sends such reports on by itself; otherwise they wait in the street's queue with this
 * route as the suggestion. Urgent categories are always dispatched at once.
 *
 * <pre>{@code
 * Route.of("manhole_cover", DepartmentId.of("municipal")).in(OrgUnitId.of("babaishang")).automatic();
 * }</pre>
 */
public record Route(String category, Optional<OrgUnitId> area, DepartmentId lead, List<DepartmentId> coHandlers,
        boolean auto) {

    public Route {
        if (category == null || category.isBlank()) {
            throw new InvalidConfiguration("route: category is required");
        }
        if (area == null || lead == null || coHandlers == null) {
            throw new InvalidConfiguration("route for " + category + ": area (may be empty), lead and coHandlers are required");
        }
        coHandlers = List.copyOf(coHandlers);
        Set<DepartmentId> seen = new HashSet<>(Set.of(lead));
        for (DepartmentId d : coHandlers) {
            if (!seen.add(d)) {
                throw new InvalidConfiguration("route for " + category + ": department " + d + " is named twice");
            }
        }
    }

    /** A city-wide route to one lead department, not automatic. */
    public static Route of(String category, DepartmentId lead, DepartmentId... coHandlers) {
        return new Route(category, Optional.empty(), lead, List.of(coHandlers), false);
    }

    /** The same route, for one street or district only (more specific areas win). */
    public Route in(OrgUnitId area) {
        return new Route(category, Optional.of(area), lead, coHandlers, auto);
    }

    /** The same route, dispatched without waiting for the street coordinator. */
    public Route automatic() {
        return new Route(category, area, lead, coHandlers, true);
    }

    /** Lead first, then the co-handlers. */
    public List<DepartmentId> departments() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(lead), coHandlers.stream()).toList();
    }
}
