package dev.civicloop.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.model.GeoPoint;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Loading grid maps: what a real map needs repaired, what is refused and how, and what a router does with the result. */
class GridMapLoadingTest {
    private static final GridMapping ORG = GridMapping.byId("grid").name("label").community("community").street("street")
            .district("district");

    // ---------------------------------------------------------------- the real Baltimore map

    @Test
    void baltimoreMapLoadsLenientlyRepairingTwoSelfIntersectingPolygonsAndResolvingSixOverlaps() {
        GridMap map = BaltimoreData.neighborhoods(BaltimoreData.BY_CARTODB_ID);
        map.issues().forEach(i -> System.out.println("Baltimore map issue: " + i));

        assertEquals(278, map.grids().size());
        Set<String> repaired = map.issues().stream().filter(i -> i.kind() == MapIssue.Kind.REPAIRED)
                .map(i -> names(map, i.grids()).get(0)).collect(Collectors.toSet());
        assertEquals(Set.of("Canton Industrial Area", "Mid-Govans"), repaired);
        map.issues().stream().filter(i -> i.kind() == MapIssue.Kind.REPAIRED)
                .forEach(i -> assertTrue(i.detail().contains("Self-intersection"), i.detail()));

        List<MapIssue> overlapIssues = map.issues().stream().filter(i -> i.kind() == MapIssue.Kind.OVERLAP_RESOLVED).toList();
        Set<Set<String>> overlaps = overlapIssues.stream().map(i -> Set.copyOf(names(map, i.grids()))).collect(Collectors.toSet());
        assertEquals(Set.of(
                Set.of("Cheswolde", "Cross Country"),
                Set.of("Chinquapin Park", "Lake Evesham"),
                Set.of("Cross Country", "Glen"),
                Set.of("Evesham Park", "Lake Evesham"),
                Set.of("Homeland", "Loyola/Notre Dame"),
                Set.of("Homeland", "Villages Of Homeland")), overlaps);
        // Each pair is [keeps the overlap, loses it]: the id that sorts first keeps it.
        overlapIssues.forEach(i -> assertTrue(i.grids().get(0).compareTo(i.grids().get(1)) < 0, i.toString()));
        assertEquals(8, map.issues().size(), "two repairs and six overlaps, nothing else");
        // The grid list is sorted by id and every feature is there.
        List<String> ids = map.grids().stream().map(Grid::id).toList();
        assertEquals(ids.stream().sorted().toList(), ids);
        assertTrue(map.grids().stream().anyMatch(g -> "Canton Industrial Area".equals(g.name())));
    }

    @Test
    void strictModeRefusesTheBaltimoreMapNamingASelfIntersectingNeighbourhood() {
        GridMapException e = assertThrows(GridMapException.class, () -> BaltimoreData.load(
                BaltimoreData.bytes(BaltimoreData.NEIGHBORHOODS), BaltimoreData.BY_CARTODB_ID, GridMapOptions.STRICT));
        assertTrue(e.feature().contains("\"Canton Industrial Area\"") || e.feature().contains("\"Mid-Govans\""),
                e.feature());
        assertTrue(e.rule().contains("invalid polygon") && e.rule().contains("strict"), e.rule());
    }

    @Test
    void aGridIdThatCannotBeAnOrgUnitIdIsRefusedAtLoadNotAtTheFirstReport() {
        GridMapException e = assertThrows(GridMapException.class, () -> BaltimoreData.load(
                BaltimoreData.bytes(BaltimoreData.NEIGHBORHOODS), BaltimoreData.BY_NAME, GridMapOptions.LENIENT));
        assertTrue(e.feature().startsWith("feature #0 (id \""), e.feature());
        assertTrue(e.rule().startsWith("grid id must be usable as an org unit id"), e.rule());
    }

    private static List<String> names(GridMap map, List<String> ids) {
        return ids.stream().map(id -> map.grid(id).orElseThrow().name()).toList();
    }

    // ---------------------------------------------------------------- refusals, each naming the feature

    @Test
    void unclosedRingIsRefused() {
        GridMapException e = refused(collection(square("ok", 0, 0, 1, 1),
                feature("\"open\"", "{\"type\":\"Polygon\",\"coordinates\":[[[2,0],[3,0],[3,1],[2,1],[2,0.5]]]}")));
        assertFeature(e, 1, "open");
        assertTrue(e.rule().contains("is not closed"), e.rule());
    }

    @Test
    void ringWithFewerThanFourPositionsIsRefused() {
        GridMapException e = refused(collection(
                feature("\"flat\"", "{\"type\":\"Polygon\",\"coordinates\":[[[2,0],[3,0],[2,0]]]}")));
        assertFeature(e, 0, "flat");
        assertTrue(e.rule().contains("at least 4 positions") && e.rule().contains("has 3"), e.rule());
    }

    @Test
    void featureWithoutIdIsRefusedByItsPosition() {
        GridMapException e = refused(collection(square("ok", 0, 0, 1, 1),
                "{\"type\":\"Feature\",\"properties\":{\"label\":\"no id\"},\"geometry\":" + squareGeometry(2, 0, 3, 1) + "}"));
        assertEquals("feature #1", e.feature());
        assertTrue(e.rule().contains("has no grid id") && e.rule().contains("\"grid\""), e.rule());
    }

    @Test
    void featureWithBlankIdIsRefusedByItsPosition() {
        GridMapException e = refused(collection(square("ok", 0, 0, 1, 1), feature("\"   \"", squareGeometry(2, 0, 3, 1))));
        assertEquals("feature #1", e.feature());
        assertTrue(e.rule().contains("has no grid id"), e.rule());
    }

    @Test
    void duplicateIdIsRefusedNamingTheSecondFeature() {
        GridMapException e = refused(collection(square("twin", 0, 0, 1, 1), square("other", 1, 0, 2, 1),
                square("twin", 2, 0, 3, 1)));
        assertFeature(e, 2, "twin");
        assertTrue(e.rule().contains("repeats a grid id"), e.rule());
    }

    @Test
    void latitudeOutOfRangeIsRefused() {
        GridMapException e = refused(collection(square("north", 0, 89, 1, 91)));
        assertFeature(e, 0, "north");
        assertTrue(e.rule().contains("out of range") && e.rule().contains("91"), e.rule());
    }

    @Test
    void longitudeOutOfRangeIsRefused() {
        GridMapException e = refused(collection(square("east", 0, 0, 1, 1), square("far-east", 179, 0, 200, 1)));
        assertFeature(e, 1, "far-east");
        assertTrue(e.rule().contains("out of range") && e.rule().contains("200"), e.rule());
    }

    @Test
    void pointOrLineGeometryIsRefused() {
        GridMapException point = refused(collection(feature("\"pin\"", "{\"type\":\"Point\",\"coordinates\":[0.5,0.5]}")));
        assertFeature(point, 0, "pin");
        assertTrue(point.rule().contains("must be a Polygon or MultiPolygon") && point.rule().contains("\"Point\""),
                point.rule());

        GridMapException line = refused(collection(square("ok", 0, 0, 1, 1),
                feature("\"road\"", "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}")));
        assertFeature(line, 1, "road");
        assertTrue(line.rule().contains("\"LineString\""), line.rule());
    }

    @Test
    void invalidJsonIsRefusedSayingWhere() {
        GridMapException e = refused("{\"type\":\"FeatureCollection\",\"features\":[" + square("a", 0, 0, 1, 1) + ",]");
        assertEquals("the file", e.feature());
        assertTrue(e.rule().contains("not valid JSON") && e.rule().contains("line 1"), e.rule());
    }

    @Test
    void aSingleFeatureOrGeometryInsteadOfAFeatureCollectionIsRefused() {
        GridMapException feature = refused(square("alone", 0, 0, 1, 1));
        assertEquals("the file", feature.feature());
        assertTrue(feature.rule().contains("FeatureCollection"), feature.rule());

        GridMapException geometry = refused(squareGeometry(0, 0, 1, 1));
        assertTrue(geometry.rule().contains("FeatureCollection"), geometry.rule());

        GridMapException empty = refused("{\"type\":\"FeatureCollection\",\"features\":[]}");
        assertTrue(empty.rule().contains("no features"), empty.rule());
    }

    @Test
    void anOverlapLargerThanMaxOverlapShareIsRefusedNamingBothGrids() {
        // b overlaps a by a tenth of either square; LENIENT resolves at most 2 %.
        String tenPercent = collection(square("a", 0, 0, 1, 1), square("b", 0.9, 0, 1.9, 1));
        GridMapException e = refused(tenPercent);
        assertFeature(e, 1, "b");
        assertTrue(e.rule().contains("overlaps feature #0 (id \"a\")") && e.rule().contains("at most 2"), e.rule());

        // The same file with a tolerance of 20 % loads: the overlap goes to "a", the id that sorts first.
        GridMap tolerant = BaltimoreData.load(tenPercent, ORG, new GridMapOptions(false, 0.2));
        assertEquals(List.of(new MapIssue(MapIssue.Kind.OVERLAP_RESOLVED, List.of("a", "b"),
                tolerant.issues().get(0).detail())), tolerant.issues());
        assertEquals("a", locate(tolerant, 0.95, 0.5));
        assertEquals("b", locate(tolerant, 1.5, 0.5));

        // STRICT refuses even a sliver.
        String sliver = collection(square("a", 0, 0, 1, 1), square("b", 0.995, 0, 1.995, 1));
        GridMapException strict = assertThrows(GridMapException.class, () -> BaltimoreData.load(sliver, ORG,
                GridMapOptions.STRICT));
        assertTrue(strict.rule().contains("strict mode allows no overlap"), strict.rule());
        assertEquals(1, BaltimoreData.load(sliver, ORG, GridMapOptions.LENIENT).issues().size());
    }

    // ---------------------------------------------------------------- locating and routing

    @Test
    void aPointOnTheSharedEdgeOfTwoSquaresAlwaysResolvesToTheSameGrid() {
        GridMap ab = BaltimoreData.load(collection(square("a", 0, 0, 1, 1), square("b", 1, 0, 2, 1)), ORG,
                GridMapOptions.STRICT);
        GridMap ba = BaltimoreData.load(collection(square("b", 1, 0, 2, 1), square("a", 0, 0, 1, 1)), ORG,
                GridMapOptions.STRICT);
        String first = locate(ab, 1, 0.5);
        assertTrue(Set.of("a", "b").contains(first), first);
        for (int k = 0; k <= 100; k++) {
            double lat = k / 100.0; // includes both corners shared by the squares
            for (int repeat = 0; repeat < 3; repeat++) {
                assertEquals(first, locate(ab, 1, lat), "edge point at latitude " + lat);
                assertEquals(first, locate(ba, 1, lat), "edge point at latitude " + lat + ", features in the other order");
            }
        }
        // Just off the edge each side has its own grid.
        assertEquals("a", locate(ab, 0.999999, 0.5));
        assertEquals("b", locate(ab, 1.000001, 0.5));
    }

    @Test
    void aPointOutsideEveryGridGoesToTheTriageUnit() {
        GridRouter router = new GridRouter(twoSquares(), OrgUnitId.of("service-centre"));

        GridRouter.Placement outside = router.place(GeoPoint.wgs84(0.5, 5));
        assertTrue(outside.triaged());
        assertEquals(OrgUnitId.of("service-centre"), outside.unit());
        assertEquals(Optional.empty(), outside.grid());

        GridRouter.Placement inside = router.place(GeoPoint.wgs84(0.5, 1.5));
        assertFalse(inside.triaged());
        assertEquals(OrgUnitId.of("b"), inside.unit());
        assertEquals("B", inside.grid().orElseThrow().displayName());
    }

    @Test
    void aFailedLoadLeavesTheRouterOnItsOldMap() {
        GridMap old = twoSquares();
        GridRouter router = new GridRouter(old, OrgUnitId.of("service-centre"));

        // Loading is where a new map fails; reload is never reached.
        assertThrows(GridMapException.class, () -> router.reload(BaltimoreData.load(
                collection(square("c", 0, 0, 2, 1), square("c", 2, 0, 3, 1)), ORG, GridMapOptions.LENIENT)));
        assertThrows(InvalidConfiguration.class, () -> router.reload(null));

        assertSame(old, router.map());
        assertEquals(OrgUnitId.of("a"), router.place(GeoPoint.wgs84(0.5, 0.5)).unit());
        assertEquals(OrgUnitId.of("service-centre"), router.place(GeoPoint.wgs84(0.5, 2.5)).unit());

        // A good map replaces it and the old one is handed back.
        GridMap next = BaltimoreData.load(collection(square("c", 0, 0, 3, 1)), ORG, GridMapOptions.STRICT);
        assertSame(old, router.reload(next));
        assertEquals(OrgUnitId.of("c"), router.place(GeoPoint.wgs84(0.5, 0.5)).unit());
        assertEquals(OrgUnitId.of("c"), router.place(GeoPoint.wgs84(0.5, 2.5)).unit());
    }

    // ---------------------------------------------------------------- org tree

    @Test
    void orgUnitsBuildDistrictStreetCommunityGridUnderTheCity() {
        GridMap map = BaltimoreData.load(collection(
                orgFeature("g1", "c1", "s1", "d1", 0), orgFeature("g2", "c1", "s1", "d1", 1),
                orgFeature("g3", "c2", "s2", "d1", 2), orgFeature("g4", "c3", "s3", "d2", 3)), ORG, GridMapOptions.STRICT);
        OrgUnit city = OrgUnit.of("city", OrgLevel.CITY, "City", null);

        List<OrgUnit> units = map.orgUnits(city);

        Map<String, String> placed = new LinkedHashMap<>();
        units.forEach(u -> placed.put(u.id().value(), u.level() + " under " + (u.parent() == null ? "-" : u.parent().value())));
        assertEquals(Map.ofEntries(
                Map.entry("city", "CITY under -"),
                Map.entry("d1", "DISTRICT under city"), Map.entry("d2", "DISTRICT under city"),
                Map.entry("s1", "STREET under d1"), Map.entry("s2", "STREET under d1"), Map.entry("s3", "STREET under d2"),
                Map.entry("c1", "COMMUNITY under s1"), Map.entry("c2", "COMMUNITY under s2"),
                Map.entry("c3", "COMMUNITY under s3"),
                Map.entry("g1", "GRID under c1"), Map.entry("g2", "GRID under c1"), Map.entry("g3", "GRID under c2"),
                Map.entry("g4", "GRID under c3")), placed);
        assertEquals(13, units.size(), "each unit once");
        assertEquals("Grid g1", units.stream().filter(u -> u.id().value().equals("g1")).findFirst().orElseThrow().name());
    }

    @Test
    void orgUnitsRefuseACommunityUnderTwoStreets() {
        GridMap map = BaltimoreData.load(collection(
                orgFeature("g1", "c1", "s1", "d1", 0), orgFeature("g2", "c1", "s2", "d1", 1)), ORG, GridMapOptions.STRICT);

        GridMapException e = assertThrows(GridMapException.class,
                () -> map.orgUnits(OrgUnit.of("city", OrgLevel.CITY, "City", null)));
        assertEquals("unit \"c1\"", e.feature());
        assertTrue(e.rule().contains("\"s1\"") && e.rule().contains("\"s2\""), e.rule());
    }

    @Test
    void orgUnitsNeedCommunityStreetAndDistrictForEveryGrid() {
        GridMap map = BaltimoreData.load(collection(square("a", 0, 0, 1, 1)), GridMapping.byId("grid"), GridMapOptions.STRICT);
        GridMapException e = assertThrows(GridMapException.class,
                () -> map.orgUnits(OrgUnit.of("city", OrgLevel.CITY, "City", null)));
        assertEquals("grid \"a\"", e.feature());
    }

    // ---------------------------------------------------------------- helpers

    private static GridMap twoSquares() {
        return BaltimoreData.load(collection(
                feature("\"a\"", "\"label\":\"A\"", squareGeometry(0, 0, 1, 1)),
                feature("\"b\"", "\"label\":\"B\"", squareGeometry(1, 0, 2, 1))), ORG, GridMapOptions.STRICT);
    }

    private static String locate(GridMap map, double lon, double lat) {
        return map.locate(GeoPoint.wgs84(lat, lon)).map(Grid::id).orElse(null);
    }

    private static GridMapException refused(String geoJson) {
        GridMapException e = assertThrows(GridMapException.class, () -> BaltimoreData.load(geoJson, ORG,
                GridMapOptions.LENIENT));
        assertTrue(e.getMessage().contains(e.feature()) && e.getMessage().contains(e.rule()), e.getMessage());
        return e;
    }

    private static void assertFeature(GridMapException e, int index, String id) {
        assertEquals("feature #" + index + " (id \"" + id + "\")", e.feature(), e.getMessage());
    }

    private static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    private static String square(String id, double x0, double y0, double x1, double y1) {
        return feature("\"" + id + "\"", squareGeometry(x0, y0, x1, y1));
    }

    private static String orgFeature(String grid, String community, String street, String district, int column) {
        return feature("\"" + grid + "\"", "\"label\":\"Grid " + grid + "\",\"community\":\"" + community
                + "\",\"street\":\"" + street + "\",\"district\":\"" + district + "\"",
                squareGeometry(column, 0, column + 1, 1));
    }

    private static String feature(String idJson, String geometry) {
        return feature(idJson, null, geometry);
    }

    private static String feature(String idJson, String moreProperties, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"grid\":" + idJson + (moreProperties == null ? "" : "," + moreProperties)
                + "},\"geometry\":" + geometry + "}";
    }

    private static String squareGeometry(double x0, double y0, double x1, double y1) {
        return "{\"type\":\"Polygon\",\"coordinates\":[[[" + x0 + "," + y0 + "],[" + x1 + "," + y0 + "],[" + x1 + "," + y1
                + "],[" + x0 + "," + y1 + "],[" + x0 + "," + y0 + "]]]}";
    }
}
