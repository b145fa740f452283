package dev.civicloop.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.GeoPoint;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.operation.distance.DistanceOp;

/**
 * Routes the 10,000 real Baltimore 311 requests (src/test/resources/baltimore) over the real
 * neighbourhood map. The map is loaded with {@code cartodb_id} as grid id (an id without white
 * space, so it is a valid org unit id for {@link GridRouter}) and the neighbourhood name as grid
 * name. Measure with:
 * {@code ./mvnw -B verify -pl governance-dispatch -am -Dtest=BaltimoreRoutingTest -Dsurefire.failIfNoSpecifiedTests=false}
 */
class BaltimoreRoutingTest {
    private static final GridMapping MAPPING = BaltimoreData.BY_CARTODB_ID;
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a", Locale.US);
    private static final OrgUnitId TRIAGE = OrgUnitId.of("baltimore-311-triage");

    /** One row of the CSV, as recorded. */
    record Request(String id, String type, String agency, LocalDateTime created, String neighborhood, String latitude,
            String longitude) {
        boolean hasLocation() {
            return !latitude.isBlank() && !longitude.isBlank();
        }

        /**
         * The export's placeholder for "not geocoded": whole degrees in both coordinates, i.e. the
         * (39.0, -77.0) of the data README and seven (39.0, -76.0) rows. A geocoder gives a dozen decimals.
         */
        boolean placeholder() {
            return hasLocation() && Double.parseDouble(latitude) % 1 == 0 && Double.parseDouble(longitude) % 1 == 0;
        }

        /** The point to route, or empty when the location is missing or a placeholder (rejected, not routed). */
        Optional<GeoPoint> point() {
            if (!hasLocation() || placeholder()) {
                return Optional.empty();
            }
            return Optional.of(GeoPoint.wgs84(Double.parseDouble(latitude), Double.parseDouble(longitude)));
        }

        @Override
        public String toString() {
            return id + " recorded \"" + neighborhood + "\" at " + latitude + "," + longitude;
        }
    }

    private static List<Request> requests;
    private static GridMap map;
    private static GridRouter router;
    private static List<BaltimoreData.RawFeature> raw;

    @BeforeAll
    static void load() throws IOException {
        requests = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = new InputStreamReader(BaltimoreRoutingTest.class.getResourceAsStream(BaltimoreData.REQUESTS),
                StandardCharsets.UTF_8); CSVParser csv = CSVParser.parse(in, format)) {
            for (CSVRecord r : csv) {
                requests.add(new Request(r.get("SRRecordID"), r.get("SRType"), r.get("Agency"),
                        LocalDateTime.parse(r.get("CreatedDate"), CREATED), r.get("Neighborhood").strip(),
                        r.get("Latitude").strip(), r.get("Longitude").strip()));
            }
        }
        map = BaltimoreData.neighborhoods(MAPPING);
        router = new GridRouter(map, TRIAGE);
        raw = BaltimoreData.rawFeatures();
    }

    @Test
    void requestsWithThePlaceholderLocationOrNoneAreRejectedNotRouted() {
        long none = requests.stream().filter(r -> !r.hasLocation()).count();
        long at39m77 = requests.stream().filter(r -> r.latitude().equals("39") && r.longitude().equals("-77")).count();
        long placeholders = requests.stream().filter(Request::placeholder).count();
        long routable = requests.stream().filter(r -> r.point().isPresent()).count();
        System.out.printf("311 locations: %d requests, %d without location, %d placeholders (%d at 39,-77 and %d other whole"
                + " degrees), %d rejected, %d geocoded%n", requests.size(), none, placeholders, at39m77,
                placeholders - at39m77, none + placeholders, routable);

        assertEquals(10_000, requests.size());
        assertEquals(590, none);
        assertEquals(885, at39m77);
        assertEquals(892, placeholders, "the data README's count of placeholder rows");
        assertEquals(10_000 - 590 - 892, routable);
        // Not one placeholder would have landed in a neighbourhood: rejecting them loses no real location.
        assertTrue(requests.stream().filter(Request::placeholder).noneMatch(r -> map.locate(GeoPoint.wgs84(
                Double.parseDouble(r.latitude()), Double.parseDouble(r.longitude()))).isPresent()));
    }

    @Test
    void theIndexAgreesWithAnExactPointInPolygonCheckOnEveryGeocodedRequest() {
        int checked = 0;
        int onBoundary = 0;
        int outside = 0;
        int inOverlap = 0;
        List<String> wrong = new ArrayList<>();
        for (Request r : requests) {
            Optional<GeoPoint> p = r.point();
            if (p.isEmpty()) {
                continue;
            }
            checked++;
            double lon = p.get().longitude();
            double lat = p.get().latitude();
            // Brute force over every polygon of the file as written.
            List<String> interior = new ArrayList<>();
            List<String> boundary = new ArrayList<>();
            for (BaltimoreData.RawFeature f : raw) {
                int where = f.locate(lon, lat);
                if (where == Location.INTERIOR) {
                    interior.add(f.cartodbId());
                } else if (where == Location.BOUNDARY) {
                    boundary.add(f.cartodbId());
                }
            }
            String found = map.locate(p.get()).map(Grid::id).orElse(null);
            GridRouter.Placement placement = router.place(p.get());
            assertEquals(found == null ? TRIAGE : OrgUnitId.of(found), placement.unit(), r.toString());
            if (!boundary.isEmpty()) {
                onBoundary++;
                System.out.println("  on a boundary: " + r + ", polygons touching it " + boundary + ", inside " + interior
                        + ", index says " + found);
                if (!interior.contains(found) && !boundary.contains(found)) {
                    wrong.add(r + ": on the boundary of " + boundary + " but index says " + found);
                }
                continue;
            }
            if (interior.size() > 1) {
                inOverlap++;
            }
            if (interior.isEmpty()) {
                outside++;
            }
            // An overlap belongs to the id that sorts first (GridMapOptions); elsewhere there is one answer.
            String exact = interior.stream().min(Comparator.naturalOrder()).orElse(null);
            if (!Objects.equals(exact, found)) {
                wrong.add(r + ": exact check says " + exact + ", index says " + found);
            }
        }
        System.out.printf("exact check: %d geocoded points, %d outside every grid (triage), %d on a boundary, %d in an "
                + "overlap, %d disagreements%n", checked, outside, onBoundary, inOverlap, wrong.size());
        wrong.forEach(w -> System.out.println("  index disagrees: " + w));
        assertEquals(8518, checked);
        assertEquals(List.of(), wrong);
    }

    @Test
    void gridNamesAgreeWithTheRecordedNeighbourhoodUpToTheDataCeiling() {
        int compared = 0;
        int agree = 0;
        int withoutNeighbourhood = 0;
        int withoutNeighbourhoodTriaged = 0;
        List<String> disagreeing = new ArrayList<>();
        double farthest = 0;
        for (Request r : requests) {
            Optional<GeoPoint> p = r.point();
            if (p.isEmpty()) {
                continue;
            }
            Optional<Grid> grid = map.locate(p.get());
            if (r.neighborhood().isEmpty()) {
                withoutNeighbourhood++;
                withoutNeighbourhoodTriaged += grid.isEmpty() ? 1 : 0;
                continue;
            }
            compared++;
            String found = grid.map(Grid::displayName).orElse(null);
            if (found != null && found.strip().equalsIgnoreCase(r.neighborhood())) {
                agree++;
            } else {
                disagreeing.add(r + ", grid found: " + (found == null ? "none (triage)" : "\"" + found + "\"") + "; "
                        + whyNot(r.neighborhood(), p.get()));
                farthest = Math.max(farthest, metresOutside(r.neighborhood(), p.get()));
            }
        }
        double share = (double) agree / compared;
        System.out.printf(Locale.ROOT, "neighbourhood agreement: %d of %d geocoded requests with a recorded Neighborhood "
                + "(%.2f %%); %d disagree; %d geocoded requests record no Neighborhood, %d of them outside every grid%n",
                agree, compared, share * 100, disagreeing.size(), withoutNeighbourhood, withoutNeighbourhoodTriaged);
        disagreeing.forEach(d -> System.out.println("  disagrees: " + d));
        System.out.printf(Locale.ROOT, "  every disagreeing point lies on or within %.2f m of its recorded neighbourhood%n",
                farthest);

        assertEquals(8331, compared, "geocoded rows with a Neighborhood, as the data README counts them");
        // The export spells every neighbourhood exactly as the map does: no renaming is needed to compare.
        List<String> names = map.grids().stream().map(Grid::displayName).toList();
        assertEquals(List.of(), requests.stream().map(Request::neighborhood).filter(n -> !n.isEmpty())
                .filter(n -> !names.contains(n)).distinct().toList());
        assertTrue(share >= 0.994, "agreement " + share);
        // What disagrees is a geocode on (or a hair across) a boundary street, not a point routed far from home.
        assertTrue(farthest < 1, "a disagreeing point lies " + farthest + " m from its recorded neighbourhood");
    }

    @Test
    void aRoutingMatrixLearntFrom2014To2017RoutesMostOf2018And2019ToTheRecordedAgency() {
        // SRType → the agency most often recorded for it in 2014–2017; ties go to the agency name that sorts first.
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (Request r : requests) {
            int year = r.created().getYear();
            if (year >= 2014 && year <= 2017) {
                assertFalse(r.type().isBlank() || r.agency().isBlank(), r.toString());
                counts.computeIfAbsent(r.type(), t -> new TreeMap<>()).merge(r.agency(), 1, Integer::sum);
            }
        }
        List<Route> routes = new ArrayList<>();
        counts.forEach((type, agencies) -> {
            String agency = null;
            int most = 0;
            for (Map.Entry<String, Integer> e : agencies.entrySet()) { // sorted by name: the first of equals stays
                if (e.getValue() > most) {
                    agency = e.getKey();
                    most = e.getValue();
                }
            }
            routes.add(Route.of(code(type), DepartmentId.of(code(agency))));
        });
        assertEquals(counts.size(), routes.stream().map(Route::category).distinct().count(),
                "replacing white space with '_' keeps SRTypes apart");
        RoutingMatrix matrix = new RoutingMatrix(routes, List.of(OrgUnit.of("baltimore", OrgLevel.CITY, "Baltimore", null)));

        Tally all = new Tally();
        Tally geocoded = new Tally();
        for (Request r : requests) {
            if (r.created().getYear() < 2018) {
                continue;
            }
            // Every route is city-wide, so the department depends on the type alone; the unit comes from the point when
            // there is a valid one, else the request sits with triage until someone fixes its location.
            OrgUnitId unit = r.point().map(p -> router.place(p).unit()).orElse(TRIAGE);
            Optional<Route> route = matrix.route(code(r.type()), unit);
            all.add(r, route);
            if (r.point().isPresent()) {
                geocoded.add(r, route);
            }
        }
        all.print("all 2018–2019 requests");
        geocoded.print("2018–2019 requests with a valid location");
        assertEquals(217, routes.size(), "SRTypes seen in 2014–2017");
        assertEquals(2455, all.total);
        assertTrue(all.share(all.toRecorded) >= 0.92, "to the recorded agency");
        assertTrue(all.share(all.unseen) <= 0.07, "unseen types");
        assertTrue(geocoded.share(geocoded.toRecorded) >= 0.92, "geocoded, to the recorded agency");
        assertTrue(geocoded.share(geocoded.unseen) <= 0.07, "geocoded, unseen types");
    }

    /** Where the point lies relative to the neighbourhood recorded for it, in the polygons as written. */
    private static String whyNot(String recorded, GeoPoint p) {
        List<String> boundary = raw.stream().filter(f -> f.locate(p.longitude(), p.latitude()) == Location.BOUNDARY)
                .map(BaltimoreData.RawFeature::name).toList();
        if (!boundary.isEmpty()) {
            return "on the shared boundary of " + boundary;
        }
        return String.format(Locale.ROOT, "%.2f m outside \"%s\"", metresOutside(recorded, p), recorded);
    }

    /** Distance from the point to the recorded neighbourhood's polygon as written, near enough in metres. */
    private static double metresOutside(String recorded, GeoPoint p) {
        Geometry polygon = raw.stream().filter(f -> f.name().equalsIgnoreCase(recorded)).findFirst().orElseThrow()
                .geometry();
        Coordinate[] nearest = DistanceOp.nearestPoints(polygon,
                polygon.getFactory().createPoint(new Coordinate(p.longitude(), p.latitude())));
        double dx = (nearest[0].x - nearest[1].x) * 111_320 * Math.cos(Math.toRadians(p.latitude()));
        double dy = (nearest[0].y - nearest[1].y) * 111_320;
        return Math.hypot(dx, dy);
    }

    /** SRTypes and agency names as category codes and department ids: trimmed, each run of white space → '_'. */
    private static String code(String name) {
        return name.strip().replaceAll("\\s+", "_");
    }

    private static final class Tally {
        int total;
        int toRecorded;
        int unseen;
        final List<String> rest = new ArrayList<>();
        final Map<String, Integer> unseenTypes = new HashMap<>();

        void add(Request r, Optional<Route> route) {
            total++;
            if (route.isEmpty()) {
                unseen++; // no route: waits in the street queue
                unseenTypes.merge(r.type(), 1, Integer::sum);
            } else if (route.get().lead().equals(DepartmentId.of(code(r.agency())))) {
                toRecorded++;
            } else {
                rest.add(r.id() + " " + r.type() + ": recorded " + r.agency() + ", routed to " + route.get().lead());
            }
        }

        double share(int n) {
            return (double) n / total;
        }

        void print(String what) {
            System.out.printf(Locale.ROOT, "routing matrix, %s: %d; to the recorded agency %d (%.2f %%); type never seen "
                    + "before (street queue) %d (%.2f %%) in %d types; elsewhere %d (%.2f %%)%n", what, total, toRecorded,
                    share(toRecorded) * 100, unseen, share(unseen) * 100, unseenTypes.size(), rest.size(),
                    share(rest.size()) * 100);
            rest.forEach(x -> System.out.println("  routed elsewhere: " + x));
        }
    }
}
