package dev.civicloop.dispatch.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.civicloop.dispatch.Coordinates;
import dev.civicloop.dispatch.Grid;
import dev.civicloop.dispatch.GridMapException;
import dev.civicloop.dispatch.GridMapping;
import dev.civicloop.spi.model.CoordinateSystem;
import dev.civicloop.spi.model.GeoPoint;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Reads a GeoJSON FeatureCollection into grids and WGS84 JTS geometries, checking what no repair
 * can fix: the structure, each ring closed with at least four positions, coordinates in range, an
 * id present and unique. Jackson reads the tree; JTS's own GeoJSON reader is not used because it
 * drops feature properties.
 */
public final class GeoJsonGrids {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One feature as read: the grid and its polygonal geometry in WGS84 (x = longitude, y = latitude). */
    public record Feature(int index, Grid grid, Geometry geometry) {
        public String label() {
            return label(index, grid.id(), grid.name());
        }

        static String label(int index, String id, String name) {
            return "feature #" + index + (id == null ? "" : " (id \"" + id + "\"" + (name == null ? "" : ", name \"" + name + "\"") + ")");
        }
    }

    private final GridMapping mapping;
    private final GeometryFactory factory;

    public GeoJsonGrids(GridMapping mapping, GeometryFactory factory) {
        this.mapping = mapping;
        this.factory = factory;
    }

    public List<Feature> read(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new GridMapException("the file", "is not valid JSON: " + e.getOriginalMessage() + (e.getLocation() == null
                    ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        }
        if (root == null || !"FeatureCollection".equals(root.path("type").asText())) {
            throw new GridMapException("the file", "must be a GeoJSON FeatureCollection");
        }
        JsonNode features = root.path("features");
        if (!features.isArray() || features.isEmpty()) {
            throw new GridMapException("the file", "has no features: a grid map needs at least one grid");
        }
        List<Feature> out = new ArrayList<>(features.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < features.size(); i++) {
            JsonNode f = features.get(i);
            JsonNode props = f.path("properties");
            String id = text(props, mapping.idProperty());
            String name = text(props, mapping.nameProperty());
            if (id == null) {
                throw new GridMapException(Feature.label(i, null, null),
                        "has no grid id: property \"" + mapping.idProperty() + "\" is missing or blank");
            }
            String label = Feature.label(i, id, name);
            if (id.length() > 128 || id.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new GridMapException(label, "grid id must be usable as an org unit id (no white space, at most 128"
                        + " characters); map a property without spaces as the id and the display name with GridMapping.name");
            }
            if (!ids.add(id)) {
                throw new GridMapException(label, "repeats a grid id another feature already has");
            }
            Grid grid = new Grid(id, name, text(props, mapping.communityProperty()),
                    text(props, mapping.streetProperty()), text(props, mapping.districtProperty()));
            out.add(new Feature(i, grid, geometry(f.path("geometry"), label)));
        }
        return out;
    }

    private static String text(JsonNode props, String property) {
        if (property == null) {
            return null;
        }
        JsonNode v = props.get(property);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText().strip();
        return s.isEmpty() ? null : s;
    }

    private Geometry geometry(JsonNode g, String label) {
        String type = g.path("type").asText("");
        JsonNode coords = g.path("coordinates");
        if (!coords.isArray()) {
            throw new GridMapException(label, "has no geometry coordinates");
        }
        switch (type) {
            case "Polygon":
                return polygon(coords, label, "polygon");
            case "MultiPolygon": {
                if (coords.isEmpty()) {
                    throw new GridMapException(label, "MultiPolygon has no polygons");
                }
                Polygon[] parts = new Polygon[coords.size()];
                for (int p = 0; p < coords.size(); p++) {
                    parts[p] = polygon(coords.get(p), label, "polygon " + p);
                }
                return factory.createMultiPolygon(parts);
            }
            default:
                throw new GridMapException(label, "geometry must be a Polygon or MultiPolygon, was \"" + type + "\"");
        }
    }

    private Polygon polygon(JsonNode rings, String label, String where) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new GridMapException(label, where + " has no rings");
        }
        LinearRing shell = ring(rings.get(0), label, where + ", outer ring");
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int r = 1; r < rings.size(); r++) {
            holes[r - 1] = ring(rings.get(r), label, where + ", hole " + r);
        }
        return factory.createPolygon(shell, holes);
    }

    private LinearRing ring(JsonNode positions, String label, String where) {
        if (!positions.isArray() || positions.size() < 4) {
            throw new GridMapException(label, where + " needs at least 4 positions (a closed triangle), has "
                    + (positions.isArray() ? positions.size() : 0));
        }
        Coordinate[] cs = new Coordinate[positions.size()];
        for (int k = 0; k < positions.size(); k++) {
            JsonNode p = positions.get(k);
            if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                throw new GridMapException(label, where + ", position " + k + " is not [longitude, latitude]");
            }
            double lon = p.get(0).asDouble();
            double lat = p.get(1).asDouble();
            if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
                throw new GridMapException(label, where + ", position " + k + " is out of range: [" + lon + ", " + lat
                        + "] (longitude must be in [-180, 180], latitude in [-90, 90])");
            }
            if (mapping.system() != CoordinateSystem.WGS84) {
                GeoPoint w = Coordinates.toWgs84(GeoPoint.of(lat, lon, mapping.system()));
                lon = w.longitude();
                lat = w.latitude();
            }
            cs[k] = new Coordinate(lon, lat);
        }
        // Compare the positions as written: a conversion is deterministic, so closed stays closed.
        JsonNode first = positions.get(0);
        JsonNode last = positions.get(positions.size() - 1);
        if (first.get(0).asDouble() != last.get(0).asDouble() || first.get(1).asDouble() != last.get(1).asDouble()) {
            throw new GridMapException(label, where + " is not closed: its last position must repeat the first");
        }
        return factory.createLinearRing(cs);
    }
}
