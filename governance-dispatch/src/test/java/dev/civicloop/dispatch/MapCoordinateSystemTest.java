package dev.civicloop.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.civicloop.core.TicketView;
import dev.civicloop.spi.model.CoordinateSystem;
import dev.civicloop.spi.model.GeoPoint;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Maps drawn on Amap (GCJ-02) or Baidu (BD-09) route points reported in any system. */
class MapCoordinateSystemTest {
    private static final GridMapping MAPPING = GridMapping.byId("grid_id").community("community").street("street")
            .district("district");
    /** The centre of grid 6 and a point 300 m inside grid 1, in WGS84. */
    private static final GeoPoint GRID_6_CENTRE = GeoPoint.wgs84(46.585, 124.875);
    private static final GeoPoint NEAR_GRID_1_EDGE = GeoPoint.wgs84(46.585, 124.866);

    @Test
    void aMapDrawnInGcj02RoutesPointsReportedInEverySystemToTheSameGrids() throws Exception {
        GridMap wgs = DaqingCity.load();
        GridMap gcj = load(redraw(CoordinateSystem.GCJ02), MAPPING.drawnIn(CoordinateSystem.GCJ02));
        GridMap bd = load(redraw(CoordinateSystem.BD09), MAPPING.drawnIn(CoordinateSystem.BD09));

        for (GeoPoint p : new GeoPoint[] {GRID_6_CENTRE, NEAR_GRID_1_EDGE}) {
            Optional<String> expected = wgs.locate(p).map(Grid::id);
            for (CoordinateSystem reported : CoordinateSystem.values()) {
                GeoPoint asReported = Coordinates.convert(p, reported);
                assertEquals(expected, gcj.locate(asReported).map(Grid::id), p + " reported in " + reported + ", GCJ-02 map");
                assertEquals(expected, bd.locate(asReported).map(Grid::id), p + " reported in " + reported + ", BD-09 map");
                assertEquals(expected, wgs.locate(asReported).map(Grid::id), p + " reported in " + reported + ", WGS84 map");
            }
        }
    }

    @Test
    void readingAGcj02MapAsIfItWereWgs84PutsPointsInTheWrongGrid() throws Exception {
        // The shift is about 500 m here: a map whose system is declared wrongly misroutes a point 300 m from an edge.
        GridMap misread = load(redraw(CoordinateSystem.GCJ02), MAPPING);
        assertNotEquals(Optional.of("yuanhang-1"), misread.locate(NEAR_GRID_1_EDGE).map(Grid::id));
    }

    @Test
    void theTicketKeepsThePointAsReported() {
        DaqingCity city = new DaqingCity();
        GeoPoint onAmap = Coordinates.convert(GRID_6_CENTRE, CoordinateSystem.GCJ02);

        TicketView t = city.report(DaqingCity.RIDER, DaqingCity.MANHOLE, onAmap);

        assertEquals(DaqingCity.GRID_6, t.orgUnit(), "placed through the conversion to WGS84");
        assertEquals(onAmap, t.location().point(), "stored in GCJ-02, exactly as the phone reported it");
        assertEquals(onAmap, city.engine.ticket(t.ticketId()).location().point());
    }

    /** The test map with every vertex converted from WGS84 into {@code system}, as a city would draw it there. */
    private static byte[] redraw(CoordinateSystem system) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode root;
        try (InputStream in = MapCoordinateSystemTest.class.getResourceAsStream("/city/daqing-grids.geojson")) {
            root = json.readTree(in);
        }
        for (JsonNode f : root.get("features")) {
            for (JsonNode ring : f.get("geometry").get("coordinates")) {
                for (JsonNode pos : ring) {
                    ArrayNode a = (ArrayNode) pos;
                    GeoPoint p = Coordinates.convert(GeoPoint.wgs84(a.get(1).asDouble(), a.get(0).asDouble()), system);
                    a.set(0, p.longitude());
                    a.set(1, p.latitude());
                }
            }
        }
        return json.writeValueAsBytes(root);
    }

    private static GridMap load(byte[] geoJson, GridMapping mapping) {
        return GridMap.load(new ByteArrayInputStream(geoJson), mapping, GridMapOptions.STRICT);
    }
}
