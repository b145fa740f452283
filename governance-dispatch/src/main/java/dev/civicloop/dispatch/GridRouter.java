package dev.civicloop.dispatch;

import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.model.GeoPoint;
import dev.civicloop.spi.model.OrgUnitId;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Places reported points on the current grid map; a point outside every grid goes to the city's
 * triage unit. {@link #reload} swaps in a new, fully built map atomically: a reader sees the old
 * map or the new one, never a half-built index.
 */
public final class GridRouter {
    private final AtomicReference<GridMap> map;
    private final OrgUnitId triage;

    /**
     * @param map the grid map
     * @param triage the unit that receives reports outside every grid (usually the street or city
     *     service centre)
     */
    public GridRouter(GridMap map, OrgUnitId triage) {
        if (map == null || triage == null) {
            throw new InvalidConfiguration("grid router: map and triage unit are required");
        }
        this.map = new AtomicReference<>(map);
        this.triage = triage;
    }

    /** Where a point belongs: its grid, or the triage unit. */
    public Placement place(GeoPoint point) {
        Optional<Grid> grid = map.get().locate(point);
        return grid.map(g -> new Placement(g.unit(), Optional.of(g))).orElseGet(() -> new Placement(triage, Optional.empty()));
    }

    /** The map in use now. */
    public GridMap map() {
        return map.get();
    }

    /** Replaces the map; load the new one first (loading is where it can fail). Returns the old one. */
    public GridMap reload(GridMap next) {
        if (next == null) {
            throw new InvalidConfiguration("grid router: the new map is required");
        }
        return map.getAndSet(next);
    }

    /**
     * Where a report goes.
     *
     * @param unit the grid's org unit, or the triage unit
     * @param grid the grid, empty when the point lies outside every grid
     */
    public record Placement(OrgUnitId unit, Optional<Grid> grid) {
        /** True when the point lies outside every grid and went to the triage unit. */
        public boolean triaged() {
            return grid.isEmpty();
        }
    }
}
