package dev.civicloop.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.civicloop.dispatch.Grid;
import dev.civicloop.dispatch.GridMap;
import dev.civicloop.dispatch.GridMapOptions;
import dev.civicloop.dispatch.GridMapping;
import dev.civicloop.spi.model.GeoPoint;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Point → grid lookups per second on the real Baltimore map (278 neighbourhoods), side by side:
 * {@link GridMap#locate} (the immutable cell index) against a naive loop that asks every prepared
 * polygon in turn. Both answer the same question for the same points — the real geocoded 311
 * requests — and {@link #setUp} refuses to run unless they give the same grid for every point
 * (a point on a boundary may differ), so the comparison is honest.
 *
 * <p>The naive side reads the same GeoJSON itself with Jackson and JTS, repairs the two invalid
 * polygons with {@link GeometryFixer} as the map does, and keeps the polygons in grid id order, so
 * in a (small, resolved) overlap both sides pick the grid whose id sorts first.
 *
 * <p>Files: system properties {@code civicloop.bench.map} and {@code civicloop.bench.requests};
 * by default the in-repo copies under {@code governance-dispatch/src/test/resources/baltimore},
 * found from the working directory or any directory above it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class GridLookupBenchmark {
    static final String MAP_PROPERTY = "civicloop.bench.map";
    static final String REQUESTS_PROPERTY = "civicloop.bench.requests";
    private static final String DATA_DIR = "governance-dispatch/src/test/resources/baltimore";

    private GridMap map;
    private GeoPoint[] geoPoints;
    private Point[] jtsPoints;
    private PreparedGeometry[] prepared;
    private Grid[] naiveGrids;

    /** Each thread walks the points in the same fixed order, wrapping around. */
    @State(Scope.Thread)
    public static class Cursor {
        private int next;

        int next(int n) {
            int i = next;
            next = i + 1 == n ? 0 : i + 1;
            return i;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path mapFile = dataFile(MAP_PROPERTY, "neighborhoods.geojson");
        Path requestsFile = dataFile(REQUESTS_PROPERTY, "311-sample.csv");

        map = GridMap.load(mapFile, GridMapping.byId("cartodb_id").name("name"), GridMapOptions.LENIENT);
        buildNaive(mapFile);
        if (prepared.length != map.grids().size()) {
            throw new IllegalStateException("naive loop read " + prepared.length + " polygons, the map has "
                    + map.grids().size());
        }
        readPoints(requestsFile);
        checkAgreement();
    }

    /** The index: one cell lookup, then usually one or two point-in-polygon tests. */
    @Benchmark
    public Grid index(Cursor cursor) {
        return map.locate(geoPoints[cursor.next(geoPoints.length)]).orElse(null);
    }

    /** The peer: every prepared polygon in turn until one covers the point. */
    @Benchmark
    public Grid naiveLoop(Cursor cursor) {
        return naive(jtsPoints[cursor.next(jtsPoints.length)]);
    }

    /** The index from two threads at once: it takes no lock, so it should scale with the cores. */
    @Benchmark
    @Threads(2)
    public Grid indexTwoThreads(Cursor cursor) {
        return index(cursor);
    }

    /** The naive loop from two threads at once ({@code PreparedPolygon} synchronises its locator). */
    @Benchmark
    @Threads(2)
    public Grid naiveLoopTwoThreads(Cursor cursor) {
        return naiveLoop(cursor);
    }

    private Grid naive(Point p) {
        for (int i = 0; i < prepared.length; i++) {
            if (prepared[i].covers(p)) {
                return naiveGrids[i];
            }
        }
        return null;
    }

    private void buildNaive(Path mapFile) throws IOException {
        GeometryFactory factory = new GeometryFactory();
        JsonNode features = new ObjectMapper().readTree(mapFile.toFile()).path("features");
        record Named(String id, Geometry geometry) {}
        List<Named> polygons = new ArrayList<>();
        for (JsonNode f : features) {
            String id = f.path("properties").path("cartodb_id").asText().strip();
            Geometry g = geometry(factory, f.path("geometry"));
            polygons.add(new Named(id, g.isValid() ? g : GeometryFixer.fix(g)));
        }
        polygons.sort(Comparator.comparing(Named::id));
        prepared = new PreparedGeometry[polygons.size()];
        naiveGrids = new Grid[polygons.size()];
        for (int i = 0; i < prepared.length; i++) {
            Named n = polygons.get(i);
            prepared[i] = PreparedGeometryFactory.prepare(n.geometry());
            naiveGrids[i] = map.grid(n.id()).orElseThrow(
                    () -> new IllegalStateException("naive loop read grid \"" + n.id() + "\" the map does not have"));
        }
    }

    private static Geometry geometry(GeometryFactory factory, JsonNode g) {
        JsonNode coords = g.path("coordinates");
        switch (g.path("type").asText()) {
            case "Polygon":
                return polygon(factory, coords);
            case "MultiPolygon": {
                Polygon[] parts = new Polygon[coords.size()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = polygon(factory, coords.get(i));
                }
                return factory.createMultiPolygon(parts);
            }
            default:
                throw new IllegalStateException("unexpected geometry " + g.path("type").asText());
        }
    }

    private static Polygon polygon(GeometryFactory factory, JsonNode rings) {
        LinearRing shell = ring(factory, rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int r = 1; r < rings.size(); r++) {
            holes[r - 1] = ring(factory, rings.get(r));
        }
        return factory.createPolygon(shell, holes);
    }

    private static LinearRing ring(GeometryFactory factory, JsonNode positions) {
        Coordinate[] cs = new Coordinate[positions.size()];
        for (int k = 0; k < cs.length; k++) {
            cs[k] = new Coordinate(positions.get(k).get(0).asDouble(), positions.get(k).get(1).asDouble());
        }
        return factory.createLinearRing(cs);
    }

    /** The geocoded 311 requests, in file order; rows without a location or with the 39,-77 placeholder are skipped. */
    private void readPoints(Path requestsFile) throws IOException {
        GeometryFactory factory = new GeometryFactory();
        List<GeoPoint> geo = new ArrayList<>();
        List<Point> jts = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(requestsFile, StandardCharsets.UTF_8)) {
            for (CSVRecord row : format.parse(in)) {
                String lat = row.get("Latitude").strip();
                String lon = row.get("Longitude").strip();
                if (lat.isEmpty() || lon.isEmpty()) {
                    continue;
                }
                double la = Double.parseDouble(lat);
                double lo = Double.parseDouble(lon);
                if (la == 39 && lo == -77) {
                    continue;
                }
                geo.add(GeoPoint.wgs84(la, lo));
                jts.add(factory.createPoint(new Coordinate(lo, la)));
            }
        }
        if (geo.isEmpty()) {
            throw new IllegalStateException(requestsFile + " has no geocoded rows");
        }
        geoPoints = geo.toArray(GeoPoint[]::new);
        jtsPoints = jts.toArray(Point[]::new);
    }

    /** Both sides must give the same grid for every point; only a point on a polygon's boundary may differ. */
    private void checkAgreement() {
        int inside = 0;
        int onBoundary = 0;
        for (int i = 0; i < geoPoints.length; i++) {
            Grid a = map.locate(geoPoints[i]).orElse(null);
            Grid b = naive(jtsPoints[i]);
            if (a != null) {
                inside++;
            }
            if (Objects.equals(a, b)) {
                continue;
            }
            if (onBoundaryOf(a, jtsPoints[i]) || onBoundaryOf(b, jtsPoints[i])) {
                onBoundary++;
                continue;
            }
            throw new IllegalStateException("index and naive loop disagree on " + geoPoints[i] + ": "
                    + (a == null ? "none" : a.id()) + " vs " + (b == null ? "none" : b.id()));
        }
        System.out.printf("# %d grids (%d repaired or overlaps resolved at load), %d geocoded 311 points, %d inside a"
                + " grid; index and naive loop agree on every point (%d differ on a boundary)%n", map.grids().size(),
                map.issues().size(), geoPoints.length, inside, onBoundary);
    }

    private boolean onBoundaryOf(Grid grid, Point p) {
        if (grid == null) {
            return false;
        }
        for (int i = 0; i < naiveGrids.length; i++) {
            if (naiveGrids[i] == grid) {
                return prepared[i].getGeometry().getBoundary().isWithinDistance(p, 1e-9);
            }
        }
        return false;
    }

    private static Path dataFile(String property, String name) {
        String override = System.getProperty(property);
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("-D" + property + "=" + override + ": no such file");
            }
            return p;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path p = dir.resolve(DATA_DIR).resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException(DATA_DIR + "/" + name + " not found from " + start
                + " or any directory above it; run from the repository or set -D" + property + "=<file>");
    }
}
