package dev.civicloop.dispatch;

import static dev.civicloop.spi.model.CoordinateSystem.BD09;
import static dev.civicloop.spi.model.CoordinateSystem.GCJ02;
import static dev.civicloop.spi.model.CoordinateSystem.WGS84;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.model.CoordinateSystem;
import dev.civicloop.spi.model.GeoPoint;
import org.junit.jupiter.api.Test;

class CoordinatesTest {
    private static final double ONE_METRE = 1.0;

    // ---- reference pairs published by the providers ----

    @Test
    void amapsDocumentedGpsExampleConvertsToTheGcj02PointAmapReturnsWithinAMetre() {
        // Amap Web API "坐标转换" doc, https://lbs.amap.com/api/webservice/guide/api/convert/ :
        // request locations=116.481499,39.990475|116.481499,39.990375&coordsys=gps, documented response
        // "116.487585177952,39.991754014757;116.487585177952,39.991653917101" (response as shown in the
        // doc's example, mirrored at https://apifox.com/apidoc/project-759159/api-14671355).
        // Inputs have 6 decimals (Amap's limit), outputs 12. Measured error: 0.043 m and 0.049 m.
        assertConverts(GeoPoint.of(39.990475, 116.481499, WGS84), GeoPoint.of(39.991754014757, 116.487585177952, GCJ02));
        assertConverts(GeoPoint.of(39.990375, 116.481499, WGS84), GeoPoint.of(39.991653917101, 116.487585177952, GCJ02));
    }

    @Test
    void amapsDocumentedGcj02PointsConvertBackToTheGpsPointsWithinAMetre() {
        // Same Amap pairs, inverse direction. Measured error: 0.043 m and 0.049 m.
        assertConverts(GeoPoint.of(39.991754014757, 116.487585177952, GCJ02), GeoPoint.of(39.990475, 116.481499, WGS84));
        assertConverts(GeoPoint.of(39.991653917101, 116.487585177952, GCJ02), GeoPoint.of(39.990375, 116.481499, WGS84));
    }

    @Test
    void aGpsPointInShenzhenMatchesAmapsConversionWithinAMetre() {
        // Amap convert API (https://lbs.amap.com/api/webservice/guide/api/convert/) response for
        // locations=114.07,22.62&coordsys=gps: 114.07513075,22.61731092 (8 decimals), as recorded in
        // public code comparing against the live API; not on the provider's page. Measured error: 0.118 m.
        assertConverts(GeoPoint.of(22.62, 114.07, WGS84), GeoPoint.of(22.61731092, 114.07513075, GCJ02));
        assertConverts(GeoPoint.of(22.61731092, 114.07513075, GCJ02), GeoPoint.of(22.62, 114.07, WGS84));
    }

    @Test
    void aBaiduPointMatchesAmapsBaiduConversionWithinAMetre() {
        // Amap convert API (https://lbs.amap.com/api/webservice/guide/api/convert/) response for the
        // doc's location with coordsys=baidu: 116.481499,39.990475 -> 116.4748955248,39.984717169345, as
        // recorded in widely copied public test code (C# CoordinateUtil tests, Python wgs2Mars scripts);
        // not on the provider's page. Measured error: 0.0014 m both ways.
        assertConverts(GeoPoint.of(39.990475, 116.481499, BD09), GeoPoint.of(39.984717169345, 116.4748955248, GCJ02));
        assertConverts(GeoPoint.of(39.984717169345, 116.4748955248, GCJ02), GeoPoint.of(39.990475, 116.481499, BD09));
    }

    @Test
    void aliyunsDocumentedHangzhouPointConvertsBetweenGcj02AndBd09WithinAMetre() {
        // Alibaba Cloud address purification "坐标系转换" doc,
        // https://help.aliyun.com/zh/address-purification/addrpapi/developer-reference/coordinate-system-conversion :
        // GCJ02 "120.026268,30.279164" <-> BD09 "120.032768,30.285238", given to 6 decimals only (rounding
        // alone can be 0.06 m). Measured error: 0.050 m both ways.
        assertConverts(GeoPoint.of(30.279164, 120.026268, GCJ02), GeoPoint.of(30.285238, 120.032768, BD09));
        assertConverts(GeoPoint.of(30.285238, 120.032768, BD09), GeoPoint.of(30.279164, 120.026268, GCJ02));
    }

    @Test
    void gcj02ToWgs84IsTheExactInverseNotTheOneStepApproximationAliyunPublishes() {
        // The same Aliyun doc gives WGS84 "120.021519,30.281543" for that GCJ-02 point. It equals the
        // one-step approximation (GCJ-02 minus the shift evaluated at the GCJ-02 point) to 0.04 m; the
        // exact inverse lies 1.75 m away. Re-encoding Aliyun's WGS84 misses the GCJ-02 point by 1.75 m;
        // re-encoding ours hits it.
        GeoPoint gcj = GeoPoint.of(30.279164, 120.026268, GCJ02);
        GeoPoint aliyunWgs = GeoPoint.of(30.281543, 120.021519, WGS84);

        GeoPoint ours = Coordinates.toWgs84(gcj);

        assertTrue(metresApart(Coordinates.convert(ours, GCJ02), gcj) < 0.01);
        assertTrue(metresApart(Coordinates.convert(aliyunWgs, GCJ02), gcj) > ONE_METRE);
        double gap = metresApart(ours, aliyunWgs);
        assertTrue(gap > 1.0 && gap < 3.0, "exact and one-step inverses differ by " + gap + " m");
    }

    // ---- the shift is real inside China and absent outside ----

    @Test
    void inChineseCitiesTheGcj02ShiftIsBetween100And700Metres() {
        // Measured: Beijing 555 m, Shanghai 481 m, Daqing 529 m, Shenzhen 606 m, Urumqi 265 m.
        // A converter that does nothing fails here.
        double[][] cities = {
            {39.9042, 116.4074}, // Beijing
            {31.2304, 121.4737}, // Shanghai
            {46.58, 124.87}, // Daqing
            {22.5431, 114.0579}, // Shenzhen
            {43.8256, 87.6168}, // Urumqi
        };
        for (double[] c : cities) {
            GeoPoint wgs = GeoPoint.wgs84(c[0], c[1]);
            double forward = shiftMetres(wgs, Coordinates.convert(wgs, GCJ02));
            assertTrue(forward > 100 && forward < 700, "WGS84 -> GCJ-02 shift at " + wgs + " was " + forward + " m");
            GeoPoint reportedOnAmap = GeoPoint.of(c[0], c[1], GCJ02);
            double back = shiftMetres(reportedOnAmap, Coordinates.toWgs84(reportedOnAmap));
            assertTrue(back > 100 && back < 700, "GCJ-02 -> WGS84 shift at " + reportedOnAmap + " was " + back + " m");
        }
    }

    @Test
    void inTheQaidamBasinTheGcj02ShiftDropsBelow100Metres() {
        // The 100–700 m rule of thumb does not hold everywhere: the formula's shift nearly vanishes in a
        // band around 89–101°E, 35–54°N. Golmud (36.40N 94.90E) 95.9 m, Delingha (37.37N 97.37E) 88.5 m;
        // the smallest inside the mainland is 17.5 m near 37.15N 96.6E. Still a shift, never zero here.
        GeoPoint golmud = GeoPoint.wgs84(36.40, 94.90);
        double shift = shiftMetres(golmud, Coordinates.convert(golmud, GCJ02));
        assertTrue(shift > 50 && shift < 100, "shift at Golmud was " + shift + " m");
    }

    @Test
    void outsideChinaNoShiftIsAppliedOnlyTheLabelChanges() {
        GeoPoint baltimore = GeoPoint.wgs84(39.29, -76.61);
        GeoPoint tokyo = GeoPoint.wgs84(35.68, 139.69); // east of the box's 137.8347°E edge
        for (GeoPoint p : new GeoPoint[] {baltimore, tokyo}) {
            for (CoordinateSystem from : CoordinateSystem.values()) {
                for (CoordinateSystem to : CoordinateSystem.values()) {
                    GeoPoint in = GeoPoint.of(p.latitude(), p.longitude(), from);
                    assertEquals(GeoPoint.of(p.latitude(), p.longitude(), to), Coordinates.convert(in, to));
                }
            }
        }
    }

    @Test
    void theBoundingBoxIsTheUsualRoughOneIncludingItsKnownOverreach() {
        assertFalse(Coordinates.outsideChina(39.9042, 116.4074)); // Beijing
        assertFalse(Coordinates.outsideChina(43.8256, 87.6168)); // Urumqi
        assertTrue(Coordinates.outsideChina(39.29, -76.61)); // Baltimore
        assertTrue(Coordinates.outsideChina(35.68, 139.69)); // Tokyo
        assertTrue(Coordinates.outsideChina(-33.87, 151.21)); // Sydney
        // The box reaches western Japan: Nagoya is "inside", as in every SDK using these formulas.
        assertFalse(Coordinates.outsideChina(35.18, 136.91));
        // Edges are inside.
        assertFalse(Coordinates.outsideChina(0.8293, 72.004));
        assertFalse(Coordinates.outsideChina(55.8271, 137.8347));
        assertTrue(Coordinates.outsideChina(55.8272, 137.8347));
    }

    // ---- same system, reported point kept ----

    @Test
    void convertingToThePointsOwnSystemReturnsThePointAsReported() {
        GeoPoint amap = GeoPoint.of(46.5806, 124.8718, GCJ02);
        assertSame(amap, Coordinates.convert(amap, GCJ02));
        GeoPoint gps = GeoPoint.wgs84(46.58, 124.87);
        assertSame(gps, Coordinates.toWgs84(gps));
    }

    @Test
    void convertingLeavesTheReportedPointUntouched() {
        GeoPoint reported = GeoPoint.of(46.5806, 124.8718, BD09);
        GeoPoint wgs = Coordinates.toWgs84(reported);
        assertEquals(GeoPoint.of(46.5806, 124.8718, BD09), reported);
        assertEquals(WGS84, wgs.system());
    }

    // ---- distance ----

    @Test
    void distanceIsTheHaversineDistanceOnTheMeanEarthRadius() {
        // One degree of latitude on a sphere of radius 6,371,008.8 m.
        double oneDegree = 6_371_008.8 * Math.PI / 180;
        assertEquals(oneDegree, Coordinates.distanceMetres(GeoPoint.wgs84(30, 120), GeoPoint.wgs84(31, 120)), 1e-6);
        assertEquals(0.0, Coordinates.distanceMetres(GeoPoint.wgs84(30, 120), GeoPoint.wgs84(30, 120)));
        // Beijing to Shanghai, about 1067 km.
        double bs = Coordinates.distanceMetres(GeoPoint.wgs84(39.9042, 116.4074), GeoPoint.wgs84(31.2304, 121.4737));
        assertTrue(bs > 1_060_000 && bs < 1_075_000, "Beijing-Shanghai " + bs);
    }

    @Test
    void theSameSpotReportedInDifferentSystemsIsAboutZeroMetresApart() {
        // What duplicate detection relies on: a rider on Amap and a driver on Baidu at the same manhole.
        GeoPoint gps = GeoPoint.wgs84(46.58, 124.87);
        GeoPoint amap = Coordinates.convert(gps, GCJ02);
        GeoPoint baidu = Coordinates.convert(gps, BD09);
        assertTrue(Coordinates.distanceMetres(gps, amap) < 0.01);
        assertTrue(Coordinates.distanceMetres(amap, baidu) < 0.01);
        assertTrue(Coordinates.distanceMetres(baidu, gps) < 0.01);
    }

    // ---- bad input ----

    @Test
    void missingPointOrTargetIsRefusedNamingTheField() {
        assertEquals("point", assertThrows(InvalidInput.class, () -> Coordinates.toWgs84(null)).field());
        assertEquals("point", assertThrows(InvalidInput.class, () -> Coordinates.convert(null, GCJ02)).field());
        GeoPoint p = GeoPoint.wgs84(39.9, 116.4);
        assertEquals("target", assertThrows(InvalidInput.class, () -> Coordinates.convert(p, null)).field());
        assertEquals("a", assertThrows(InvalidInput.class, () -> Coordinates.distanceMetres(null, p)).field());
        assertEquals("b", assertThrows(InvalidInput.class, () -> Coordinates.distanceMetres(p, null)).field());
    }

    @Test
    void outOfRangeOrNonFiniteCoordinatesAreRefusedNamingTheField() {
        assertEquals("latitude", assertThrows(InvalidInput.class, () -> Coordinates.outsideChina(Double.NaN, 116.4)).field());
        assertEquals("latitude", assertThrows(InvalidInput.class, () -> Coordinates.outsideChina(90.5, 116.4)).field());
        assertEquals("longitude", assertThrows(InvalidInput.class, () -> Coordinates.outsideChina(39.9, 181)).field());
        assertEquals("longitude",
                assertThrows(InvalidInput.class, () -> Coordinates.outsideChina(39.9, Double.POSITIVE_INFINITY)).field());
        // A point cannot even be built with a bad coordinate, so convert never sees one.
        assertEquals("latitude", assertThrows(InvalidInput.class, () -> GeoPoint.of(91, 116.4, GCJ02)).field());
    }

    // ---- helpers ----

    private static void assertConverts(GeoPoint from, GeoPoint expected) {
        GeoPoint actual = Coordinates.convert(from, expected.system());
        assertEquals(expected.system(), actual.system());
        double error = metresApart(actual, expected);
        assertTrue(error < ONE_METRE, from + " -> " + actual + " is " + error + " m from the published " + expected);
    }

    /** Ground distance between two points already in the same system. */
    private static double metresApart(GeoPoint a, GeoPoint b) {
        assertEquals(a.system(), b.system());
        return Coordinates.distanceMetres(a, b);
    }

    /** How far the coordinates moved, reading both as numbers (not as places). */
    private static double shiftMetres(GeoPoint before, GeoPoint after) {
        return Coordinates.distanceMetres(
                GeoPoint.wgs84(before.latitude(), before.longitude()), GeoPoint.wgs84(after.latitude(), after.longitude()));
    }
}
