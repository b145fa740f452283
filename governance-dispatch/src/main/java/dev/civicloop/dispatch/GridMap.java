package dev.civicloop.dispatch;

import dev.civicloop.dispatch.internal.GeoJsonGrids;
import dev.civicloop.dispatch.internal.GeoJsonGrids.Feature;
import dev.civicloop.dispatch.internal.MapRepair;
import dev.civicloop.dispatch.internal.PointIndex;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.model.GeoPoint;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A city's grid map, loaded from GeoJSON: every feature is a grid. Immutable and safe to share
 * across threads; {@link #locate} takes no lock. A map is loaded whole or not at all: a flaw that
 * cannot be repaired throws {@link GridMapException} naming the feature, and what was repaired is
 * listed in {@link #issues()} (and logged as a warning).
 *
 * <pre>{@code
 * GridMap map = GridMap.load(Path.of("grids.geojson"),
 *         GridMapping.byId("grid_id").community("community").street("street").district("district"),
 *         GridMapOptions.LENIENT);
 * Optional<Grid> grid = map.locate(GeoPoint.of(46.5806, 124.8718, CoordinateSystem.GCJ02));
 * }</pre>
 *
 * <p>Polygons and points are compared in WGS84: a map drawn in GCJ-02 or BD-09 is converted at
 * load, and each point is converted from the system it was reported in.
 */
public final class GridMap {
    private static final Logger log = LoggerFactory.getLogger(GridMap.class);

    private final GridMapping mapping;
    private final List<Grid> grids;
    private final Map<String, Grid> byId;
    private final List<MapIssue> issues;
    private final PointIndex index;

    private GridMap(GridMapping mapping, List<Grid> grids, List<MapIssue> issues, PointIndex index) {
        this.mapping = mapping;
        this.grids = List.copyOf(grids);
        Map<String, Grid> ids = new LinkedHashMap<>();
        grids.forEach(g -> ids.put(g.id(), g));
        this.byId = Map.copyOf(ids);
        this.issues = List.copyOf(issues);
        this.index = index;
    }

    /** Loads a map from a GeoJSON file. */
    public static GridMap load(Path file, GridMapping mapping, GridMapOptions options) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, mapping, options);
        } catch (IOException e) {
            throw new InvalidConfiguration("grid map " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Loads a map from a GeoJSON FeatureCollection; the caller closes the stream. */
    public static GridMap load(InputStream geoJson, GridMapping mapping, GridMapOptions options) {
        if (geoJson == null || mapping == null || options == null) {
            throw new InvalidConfiguration("grid map: geoJson, mapping and options are required");
        }
        List<Feature> read;
        try {
            read = new GeoJsonGrids(mapping, new GeometryFactory()).read(geoJson);
        } catch (IOException e) {
            throw new InvalidConfiguration("grid map cannot be read: " + e.getMessage(), e);
        }
        MapRepair repair = new MapRepair(options);
        List<Feature> features = repair.repair(read);
        List<Grid> grids = new ArrayList<>(features.size());
        List<Geometry> polygons = new ArrayList<>(features.size());
        for (Feature f : features) {
            grids.add(f.grid());
            polygons.add(f.geometry());
        }
        for (MapIssue issue : repair.issues()) {
            log.warn("grid map: {}", issue);
        }
        return new GridMap(mapping, grids, repair.issues(), new PointIndex(polygons));
    }

    /** The grid containing the point, if any. A point on a boundary shared by two grids always gets the same one. */
    public Optional<Grid> locate(GeoPoint point) {
        if (point == null) {
            throw new InvalidInput("point", "is required");
        }
        GeoPoint p = Coordinates.toWgs84(point);
        int i = index.locate(p.longitude(), p.latitude());
        return i < 0 ? Optional.empty() : Optional.of(grids.get(i));
    }

    /** The grid with this id. */
    public Optional<Grid> grid(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every grid, sorted by id. */
    public List<Grid> grids() {
        return grids;
    }

    /** What was repaired while loading; empty for a clean map. */
    public List<MapIssue> issues() {
        return issues;
    }

    /** How the map's properties were read. */
    public GridMapping mapping() {
        return mapping;
    }

    /**
     * The org tree the map describes, under the given city: district → street → community → grid,
     * using the property values as unit ids and names. Every grid needs a community, street and
     * district, each unit one parent, and every id must be a valid org unit id.
     */
    public List<OrgUnit> orgUnits(OrgUnit city) {
        if (city == null || city.level() != OrgLevel.CITY) {
            throw new InvalidConfiguration("grid map org tree: needs a CITY unit to hang the districts on");
        }
        Map<String, OrgUnit> units = new LinkedHashMap<>();
        Map<String, String> parents = new HashMap<>();
        units.put(city.id().value(), city);
        for (Grid g : grids) {
            if (g.community() == null || g.street() == null || g.district() == null) {
                throw new GridMapException("grid \"" + g.id() + "\"", "needs a community, street and district for the org "
                        + "tree; map them with GridMapping.community/street/district");
            }
            add(units, parents, g.district(), OrgLevel.DISTRICT, g.district(), city.id().value());
            add(units, parents, g.street(), OrgLevel.STREET, g.street(), g.district());
            add(units, parents, g.community(), OrgLevel.COMMUNITY, g.community(), g.street());
            add(units, parents, g.id(), OrgLevel.GRID, g.displayName(), g.community());
        }
        return List.copyOf(units.values());
    }

    private static void add(Map<String, OrgUnit> units, Map<String, String> parents, String id, OrgLevel level, String name,
            String parent) {
        OrgUnit existing = units.get(id);
        if (existing != null) {
            if (existing.level() != level || !parent.equals(parents.get(id))) {
                throw new GridMapException("unit \"" + id + "\"", "appears as " + existing.level() + " under \""
                        + parents.get(id) + "\" and as " + level + " under \"" + parent + "\"; each unit has one place");
            }
            return;
        }
        try {
            units.put(id, OrgUnit.of(id, level, name, parent));
        } catch (InvalidInput e) {
            throw new GridMapException("unit \"" + id + "\"", "is not a valid org unit id: " + e.getMessage());
        }
        parents.put(id, parent);
    }
}
