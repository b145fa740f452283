package dev.civicloop.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.locationtech.jts.algorithm.locate.SimplePointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;

/**
 * The Baltimore test data (src/test/resources/baltimore, see NOTICE.md) and an independent reading
 * of its polygons: plain Jackson + JTS, no repair, no index, so tests can check the library's
 * answers against the file itself.
 */
final class BaltimoreData {
    static final String NEIGHBORHOODS = "/baltimore/neighborhoods.geojson";
    static final String REQUESTS = "/baltimore/311-sample.csv";

    /** Grid id = neighbourhood name, as the data's NOTICE describes it. */
    static final GridMapping BY_NAME = GridMapping.byId("name");

    /**
     * Grid id = {@code cartodb_id}, name = neighbourhood name: ids without white space are valid org
     * unit ids, so {@link GridRouter#place} can hand the grid on as a unit.
     */
    static final GridMapping BY_CARTODB_ID = GridMapping.byId("cartodb_id").name("name");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeometryFactory GF = new GeometryFactory();

    private BaltimoreData() {}

    static byte[] bytes(String resource) {
        try (InputStream in = BaltimoreData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GridMap load(byte[] geoJson, GridMapping mapping, GridMapOptions options) {
        return GridMap.load(new ByteArrayInputStream(geoJson), mapping, options);
    }

    static GridMap load(String geoJson, GridMapping mapping, GridMapOptions options) {
        return load(geoJson.getBytes(StandardCharsets.UTF_8), mapping, options);
    }

    static GridMap neighborhoods(GridMapping mapping) {
        return load(bytes(NEIGHBORHOODS), mapping, GridMapOptions.LENIENT);
    }

    /** One feature of the file as written: its properties and its polygon, unrepaired. */
    record RawFeature(int index, String name, String cartodbId, Geometry geometry) {
        /** Interior, boundary or exterior by ray crossing over the rings as written (even-odd, so it works on invalid polygons too). */
        int locate(double lon, double lat) {
            if (!geometry.getEnvelopeInternal().contains(lon, lat)) {
                return Location.EXTERIOR;
            }
            return SimplePointInAreaLocator.locate(new Coordinate(lon, lat), geometry);
        }
    }

    static List<RawFeature> rawFeatures() {
        try {
            JsonNode features = JSON.readTree(bytes(NEIGHBORHOODS)).get("features");
            List<RawFeature> out = new ArrayList<>();
            for (int i = 0; i < features.size(); i++) {
                JsonNode f = features.get(i);
                JsonNode g = f.get("geometry");
                Geometry geometry;
                if ("MultiPolygon".equals(g.get("type").asText())) {
                    Polygon[] parts = new Polygon[g.get("coordinates").size()];
                    for (int p = 0; p < parts.length; p++) {
                        parts[p] = polygon(g.get("coordinates").get(p));
                    }
                    geometry = GF.createMultiPolygon(parts);
                } else {
                    geometry = polygon(g.get("coordinates"));
                }
                JsonNode props = f.get("properties");
                out.add(new RawFeature(i, props.get("name").asText(), props.get("cartodb_id").asText(), geometry));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Polygon polygon(JsonNode rings) {
        LinearRing[] rs = new LinearRing[rings.size()];
        for (int r = 0; r < rs.length; r++) {
            JsonNode ring = rings.get(r);
            Coordinate[] cs = new Coordinate[ring.size()];
            for (int k = 0; k < cs.length; k++) {
                cs[k] = new Coordinate(ring.get(k).get(0).asDouble(), ring.get(k).get(1).asDouble());
            }
            rs[r] = GF.createLinearRing(cs);
        }
        LinearRing[] holes = new LinearRing[rs.length - 1];
        System.arraycopy(rs, 1, holes, 0, holes.length);
        return GF.createPolygon(rs[0], holes);
    }

    /** The neighbourhood file with only the features whose index in the file passes {@code keep}. */
    static byte[] subset(IntPredicate keep) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(bytes(NEIGHBORHOODS));
            ArrayNode all = (ArrayNode) root.get("features");
            ArrayNode kept = JSON.createArrayNode();
            for (int i = 0; i < all.size(); i++) {
                if (keep.test(i)) {
                    kept.add(all.get(i));
                }
            }
            root.set("features", kept);
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
