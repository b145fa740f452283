package dev.civicloop.dispatch;

import dev.civicloop.dispatch.internal.OrgPaths;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Category × area → departments. A lookup walks from the ticket's unit up the org tree and takes
 * the first area with a route for the category: a street's route beats its district's, which
 * beats the city-wide default.
 */
public final class RoutingMatrix {
    private final Map<String, Route> routes = new HashMap<>();
    private final OrgPaths org;

    /**
     * @param routes the routes; at most one per category and area
     * @param orgUnits the org tree the areas belong to
     * @throws InvalidConfiguration a route repeats a category and area, or names an area that is
     *     not a street, district or city of the tree
     */
    public RoutingMatrix(List<Route> routes, List<OrgUnit> orgUnits) {
        this.org = new OrgPaths(orgUnits);
        for (Route r : routes) {
            r.area().ifPresent(a -> {
                OrgLevel level = org.find(a).map(OrgUnit::level).orElseThrow(() -> new InvalidConfiguration(
                        "route for " + r.category() + ": area " + a + " is not in the org tree"));
                if (level != OrgLevel.STREET && level != OrgLevel.DISTRICT && level != OrgLevel.CITY) {
                    throw new InvalidConfiguration("route for " + r.category() + ": area " + a + " is a " + level
                            + "; routes are set per street, district or city");
                }
            });
            if (this.routes.put(key(r.category(), r.area().orElse(null)), r) != null) {
                throw new InvalidConfiguration("route for " + r.category() + " in "
                        + r.area().map(OrgUnitId::value).orElse("the whole city") + " is defined twice");
            }
        }
    }

    /** The most specific route for a report of this category in this unit, if any. */
    public Optional<Route> route(String category, OrgUnitId unit) {
        for (OrgUnitId a : org.path(unit)) {
            Route r = routes.get(key(category, a));
            if (r != null) {
                return Optional.of(r);
            }
        }
        return Optional.ofNullable(routes.get(key(category, null)));
    }

    private static String key(String category, OrgUnitId area) {
        return category + "\u0000" + (area == null ? "" : area.value());
    }
}
