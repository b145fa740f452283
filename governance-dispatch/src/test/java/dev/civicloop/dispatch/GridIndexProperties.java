package dev.civicloop.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.civicloop.spi.model.GeoPoint;
import dev.civicloop.spi.model.OrgUnitId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.quicktheories.core.Gen;

/**
 * Properties of point → grid resolution on the real Baltimore map. Seeds are random unless
 * {@code -Dcivicloop.seed=N} is given; a failure names the seed to replay.
 */
class GridIndexProperties {
    /** How far (in degrees, about 1 cm) a point keeps from every polygon edge to count as strictly inside. */
    private static final double MARGIN = 1e-7;
    private static final GeometryFactory GF = new GeometryFactory();
    private static final OrgUnitId TRIAGE = OrgUnitId.of("triage");

    private static byte[] full;
    private static byte[] evenFeatures;
    private static GridMap map;
    private static GridMap sameFileAgain;
    private static GridMap subset;
    private static List<BaltimoreData.RawFeature> raw;
    private static List<Geometry> edges;
    private static List<Coordinate> vertices;
    private static Envelope city;

    @BeforeAll
    static void load() {
        full = BaltimoreData.bytes(BaltimoreData.NEIGHBORHOODS);
        evenFeatures = BaltimoreData.subset(i -> i % 2 == 0);
        map = BaltimoreData.load(full, BaltimoreData.BY_CARTODB_ID, GridMapOptions.LENIENT);
        sameFileAgain = BaltimoreData.load(full, BaltimoreData.BY_CARTODB_ID, GridMapOptions.LENIENT);
        subset = BaltimoreData.load(evenFeatures, BaltimoreData.BY_CARTODB_ID, GridMapOptions.LENIENT);
        raw = BaltimoreData.rawFeatures();
        edges = raw.stream().map(f -> f.geometry().getBoundary()).toList();
        vertices = raw.stream().flatMap(f -> List.of(f.geometry().getCoordinates()).stream()).toList();
        city = new Envelope();
        raw.forEach(f -> city.expandToInclude(f.geometry().getEnvelopeInternal()));
        assertEquals(278, map.grids().size());
        assertEquals(139, subset.grids().size());
    }

    @Test
    void aPointStrictlyInsideAGridResolvesToThatGrid() {
        Gen<Inside> inside = integers().between(0, raw.size() - 1)
                .zip(doubles().between(0, 1), doubles().between(0, 1), (i, u, v) -> {
                    Envelope e = raw.get(i).geometry().getEnvelopeInternal();
                    return new Inside(i, e.getMinX() + u * e.getWidth(), e.getMinY() + v * e.getHeight());
                })
                .assuming(GridIndexProperties::clearlyInsideOnlyItsOwnGrid);
        property("inside", seed -> qt().withFixedSeed(seed).withExamples(1500).withGenerateAttempts(100)
                .forAll(inside)
                .checkAssert(s -> assertEquals(Optional.of(raw.get(s.feature()).cartodbId()),
                        map.locate(GeoPoint.wgs84(s.lat(), s.lon())).map(Grid::id), s.toString())));
    }

    @Test
    void resolutionIsDeterministicEvenOnBoundaries() {
        // Anywhere in the city, on a polygon vertex (a boundary, often shared), or between two vertices.
        Gen<Coordinate> anywhere = doubles().between(city.getMinX(), city.getMaxX())
                .zip(doubles().between(city.getMinY(), city.getMaxY()), Coordinate::new);
        Gen<Coordinate> vertex = integers().between(0, vertices.size() - 1).map(vertices::get);
        Gen<Coordinate> between = integers().between(0, vertices.size() - 2).map(k -> {
            Coordinate a = vertices.get(k);
            Coordinate b = vertices.get(k + 1);
            return new Coordinate((a.x + b.x) / 2, (a.y + b.y) / 2);
        });
        Gen<Coordinate> points = anywhere.mix(vertex, 40).mix(between, 30);
        property("deterministic", seed -> qt().withFixedSeed(seed).withExamples(2000)
                .forAll(points)
                .checkAssert(c -> {
                    GeoPoint p = GeoPoint.wgs84(c.y, c.x);
                    Optional<Grid> first = map.locate(p);
                    assertEquals(first, map.locate(p), "asked twice: " + c);
                    assertEquals(first, sameFileAgain.locate(p), "a second map from the same file: " + c);
                    // And the answer is one of the polygons touching the point, or none when none does.
                    List<String> touching = raw.stream().filter(f -> f.locate(c.x, c.y) != Location.EXTERIOR)
                            .map(BaltimoreData.RawFeature::cartodbId).toList();
                    assertTrue(first.map(g -> touching.contains(g.id())).orElse(touching.isEmpty()),
                            c + ": " + first + " but touching " + touching);
                }));
    }

    @Test
    void readersNeverSeeAHalfBuiltIndexWhileTheMapIsReloaded() {
        Gen<Coordinate> anywhere = doubles().between(city.getMinX(), city.getMaxX())
                .zip(doubles().between(city.getMinY(), city.getMaxY()), Coordinate::new);
        property("reload", seed -> qt().withFixedSeed(seed).withExamples(3).withShrinkCycles(5)
                .forAll(lists().of(anywhere).ofSize(300))
                .checkAssert(GridIndexProperties::readWhileReloading));
    }

    private static void readWhileReloading(List<Coordinate> coordinates) {
        // The generated points, plus one inside each of the first 40 valid neighbourhoods: half of those are
        // missing from the subset map, so the two maps are sure to disagree somewhere.
        List<GeoPoint> points = new ArrayList<>(coordinates.stream().map(c -> GeoPoint.wgs84(c.y, c.x)).toList());
        raw.stream().limit(40).filter(f -> f.geometry().isValid()).map(f -> f.geometry().getInteriorPoint())
                .forEach(c -> points.add(GeoPoint.wgs84(c.getY(), c.getX())));
        // What each point resolves to in either map, computed before any thread starts.
        List<Optional<String>> inFull = points.stream().map(p -> map.locate(p).map(Grid::id)).toList();
        List<Optional<String>> inSubset = points.stream().map(p -> subset.locate(p).map(Grid::id)).toList();
        assertTrue(inFull.stream().filter(Optional::isPresent).count() > inSubset.stream().filter(Optional::isPresent).count(),
                "the two maps answer differently for some points");

        GridRouter router = new GridRouter(map, TRIAGE);
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicLong lookups = new AtomicLong();
        int readers = 3;
        CountDownLatch started = new CountDownLatch(readers);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < readers; t++) {
            int offset = t * 37;
            threads.add(new Thread(() -> {
                started.countDown();
                int k = offset;
                try {
                    while (!done.get() || k < offset + points.size()) {
                        int i = k++ % points.size();
                        // Through the router: the grid of one of the two maps, or triage.
                        GridRouter.Placement placed = router.place(points.get(i));
                        if (placed == null) {
                            problems.add("point " + i + ": no placement");
                            continue;
                        }
                        Optional<String> grid = placed.grid().map(Grid::id);
                        OrgUnitId expectedUnit = grid.map(OrgUnitId::of).orElse(TRIAGE);
                        if (!expectedUnit.equals(placed.unit())
                                || !(grid.equals(inFull.get(i)) || grid.equals(inSubset.get(i)))) {
                            problems.add("point " + i + ": placed " + placed + ", full map says " + inFull.get(i)
                                    + ", subset says " + inSubset.get(i));
                        }
                        // Through whichever map is current: answers consistent with that very map.
                        GridMap current = router.map();
                        Optional<String> there = current.locate(points.get(i)).map(Grid::id);
                        List<Optional<String>> expected = current.grids().size() == 278 ? inFull : inSubset;
                        if (!there.equals(expected.get(i))) {
                            problems.add("point " + i + ": a map of " + current.grids().size() + " grids says " + there
                                    + ", expected " + expected.get(i));
                        }
                        lookups.incrementAndGet();
                    }
                } catch (Throwable e) {
                    problems.add("point " + k + ": " + e);
                }
            }, "grid-reader-" + t));
        }
        threads.forEach(Thread::start);
        try {
            started.await();
            // The writer: first loads a new subset map and a new full map while the readers run (publishing freshly
            // built indexes), then swaps 200 times between them and the maps built before.
            GridMap freshSubset = BaltimoreData.load(evenFeatures, BaltimoreData.BY_CARTODB_ID, GridMapOptions.LENIENT);
            router.reload(freshSubset);
            GridMap freshFull = BaltimoreData.load(full, BaltimoreData.BY_CARTODB_ID, GridMapOptions.LENIENT);
            router.reload(freshFull);
            for (int r = 0; r < 200; r++) {
                boolean fresh = r % 4 < 2;
                router.reload(r % 2 == 0 ? (fresh ? freshSubset : subset) : (fresh ? freshFull : map));
                Thread.yield();
            }
            done.set(true);
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertEquals(List.of(), List.copyOf(problems).subList(0, Math.min(10, problems.size())));
        assertTrue(lookups.get() >= (long) readers * points.size(), "every reader went through every point");
    }

    /** A generated point and the feature whose envelope it was drawn from. */
    record Inside(int feature, double lon, double lat) {
        @Override
        public String toString() {
            return "(" + lon + ", " + lat + ") in " + raw.get(feature).name() + " (" + raw.get(feature).cartodbId() + ")";
        }
    }

    /** Inside the feature's polygon as written, at least MARGIN from its edges and from every other polygon. */
    private static boolean clearlyInsideOnlyItsOwnGrid(Inside s) {
        if (raw.get(s.feature()).locate(s.lon(), s.lat()) != Location.INTERIOR) {
            return false;
        }
        Point p = GF.createPoint(new Coordinate(s.lon(), s.lat()));
        if (edges.get(s.feature()).distance(p) <= MARGIN) {
            return false;
        }
        for (int j = 0; j < raw.size(); j++) {
            if (j == s.feature()) {
                continue;
            }
            Envelope near = new Envelope(raw.get(j).geometry().getEnvelopeInternal());
            near.expandBy(MARGIN);
            if (near.contains(s.lon(), s.lat()) && raw.get(j).geometry().distance(p) <= MARGIN) {
                return false; // an overlap, or too close to a neighbour to call
            }
        }
        return true;
    }

    /** Runs a property with the given or a fresh seed; a failure names the seed to replay. */
    private static void property(String name, LongConsumer run) {
        long seed = Long.getLong("civicloop.seed", System.nanoTime());
        try {
            run.accept(seed);
        } catch (AssertionError | RuntimeException e) {
            String replay = "property \"" + name + "\" failed with seed " + seed + "; replay with -Dcivicloop.seed=" + seed;
            System.out.println(replay);
            throw new AssertionError(replay + "\n" + e.getMessage(), e);
        }
    }
}
