package dev.civicloop.dispatch;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.model.CoordinateSystem;
import dev.civicloop.spi.model.GeoPoint;

/**
 * Converts points between the coordinate systems phones report in China: WGS84 (GPS), GCJ-02
 * (Amap, Tencent maps, WeChat) and BD-09 (Baidu). Dispatch routes on WGS84; a ticket keeps the
 * point as reported. Example: {@code Coordinates.toWgs84(GeoPoint.of(46.5806, 124.8718,
 * CoordinateSystem.GCJ02))}.
 *
 * <p>WGS84 → GCJ-02 is the published transform (Krasovsky 1940 ellipsoid and its
 * transformLat/transformLon series); GCJ-02 → BD-09 is Baidu's published rotation and offset. The
 * reverse directions have no closed form, so they are solved by fixed-point iteration to better
 * than 1e-9 degrees (about 0.1 mm), which keeps round trips within millimetres.
 *
 * <p>Outside China (the rough bounding box these formulas are always used with, see
 * {@link #outsideChina(double, double)}) no shift is applied for either GCJ-02 or BD-09: Baidu,
 * like Amap and Tencent, defines its offset coordinates only for China and documents that maps
 * outside China use WGS84 ("非中国地区地图，统一使用wgs84坐标", lbsyun.baidu.com Yingyan web API v3).
 */
public final class Coordinates {
    // Krasovsky 1940 ellipsoid, as used by the published GCJ-02 transform.
    private static final double KRASOVSKY_A = 6378245.0;
    private static final double KRASOVSKY_EE = 0.00669342162296594323;
    private static final double X_PI = Math.PI * 3000.0 / 180.0;
    /** IUGG mean Earth radius. */
    private static final double EARTH_RADIUS_METRES = 6_371_008.8;
    private static final double TOLERANCE_DEGREES = 1e-9;
    // Measured on a 0.1-degree grid over the box: each step of the GCJ-02 inverse shrinks the error
    // at least 100-fold, so it converges in at most 4 steps, the BD-09 inverse in at most 2; the
    // bound only guards against a non-converging input.
    private static final int MAX_ITERATIONS = 50;

    private static final double MIN_LON = 72.004;
    private static final double MAX_LON = 137.8347;
    private static final double MIN_LAT = 0.8293;
    private static final double MAX_LAT = 55.8271;

    private Coordinates() {}

    /**
     * The same place in WGS84. A WGS84 point is returned as is; a GCJ-02 or BD-09 point inside
     * China is un-shifted; outside China only the label changes.
     *
     * @throws InvalidInput if {@code p} is null
     */
    public static GeoPoint toWgs84(GeoPoint p) {
        return convert(p, CoordinateSystem.WGS84);
    }

    /**
     * The same place in the {@code target} system: any system to any system. Converting to the
     * point's own system returns the point unchanged; outside China only the label changes.
     *
     * @throws InvalidInput if {@code p} or {@code target} is null
     */
    public static GeoPoint convert(GeoPoint p, CoordinateSystem target) {
        if (p == null) {
            throw new InvalidInput("point", "is required");
        }
        if (target == null) {
            throw new InvalidInput("target", "is required");
        }
        if (p.system() == target) {
            return p;
        }
        if (outsideChina(p.latitude(), p.longitude())) {
            return GeoPoint.of(p.latitude(), p.longitude(), target);
        }
        double[] gcj = toGcj02(p.latitude(), p.longitude(), p.system());
        double[] out;
        switch (target) {
            case WGS84:
                out = gcj02ToWgs84(gcj[0], gcj[1]);
                break;
            case GCJ02:
                out = gcj;
                break;
            case BD09:
                out = gcj02ToBd09(gcj[0], gcj[1]);
                break;
            default:
                throw new IllegalStateException("unknown coordinate system " + target);
        }
        return GeoPoint.of(out[0], out[1], target);
    }

    /**
     * Whether a point lies outside the rough bounding box of China used with the GCJ-02 formulas
     * (longitude 72.004–137.8347, latitude 0.8293–55.8271). The box is deliberately the usual one,
     * so conversions agree with the map providers' SDKs; it includes some neighbouring land (parts of
     * Mongolia, Korea and western Japan, for instance) where no shift really applies. Within about
     * 0.02 degrees of the box's edge (sea or foreign land, no Chinese territory) a point and its
     * shifted image can fall on different sides, so a round trip there is not exact.
     *
     * @throws InvalidInput if a value is not a finite latitude in [-90, 90] or longitude in [-180, 180]
     */
    public static boolean outsideChina(double lat, double lon) {
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw new InvalidInput("latitude", "must be a number between -90 and 90, was " + lat);
        }
        if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
            throw new InvalidInput("longitude", "must be a number between -180 and 180, was " + lon);
        }
        return lon < MIN_LON || lon > MAX_LON || lat < MIN_LAT || lat > MAX_LAT;
    }

    /**
     * Great-circle (haversine) distance in metres between two places, on a sphere of the mean Earth
     * radius. Points in different systems are first brought to WGS84, so a GCJ-02 report and a
     * WGS84 report of the same spot are about 0 m apart, not several hundred.
     *
     * @throws InvalidInput if either point is null
     */
    public static double distanceMetres(GeoPoint a, GeoPoint b) {
        if (a == null) {
            throw new InvalidInput("a", "is required");
        }
        if (b == null) {
            throw new InvalidInput("b", "is required");
        }
        if (a.system() != b.system()) {
            a = toWgs84(a);
            b = toWgs84(b);
        }
        double lat1 = Math.toRadians(a.latitude());
        double lat2 = Math.toRadians(b.latitude());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1.0, Math.sqrt(h)));
    }

    // ---- internals; all take and return {lat, lon} and assume the point is inside the box ----

    private static double[] toGcj02(double lat, double lon, CoordinateSystem from) {
        switch (from) {
            case WGS84:
                return wgs84ToGcj02(lat, lon);
            case GCJ02:
                return new double[] {lat, lon};
            case BD09:
                return bd09ToGcj02(lat, lon);
            default:
                throw new IllegalStateException("unknown coordinate system " + from);
        }
    }

    /** The published forward transform. */
    private static double[] wgs84ToGcj02(double lat, double lon) {
        double x = lon - 105.0;
        double y = lat - 35.0;
        double dLat = transformLat(x, y);
        double dLon = transformLon(x, y);
        double radLat = lat / 180.0 * Math.PI;
        double magic = Math.sin(radLat);
        magic = 1 - KRASOVSKY_EE * magic * magic;
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (KRASOVSKY_A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {lat + dLat, lon + dLon};
    }

    private static double transformLat(double x, double y) {
        double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return ret;
    }

    private static double transformLon(double x, double y) {
        double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return ret;
    }

    /**
     * Inverse of {@link #wgs84ToGcj02}: the WGS84 point whose forward transform is the given GCJ-02
     * point. The one-step approximation (subtract the shift computed at the GCJ-02 point) is off by
     * up to 5.1 m inside the box (1.75 m in Hangzhou); iterating w ← w + (g − F(w)) converges
     * because the shift varies slowly.
     */
    private static double[] gcj02ToWgs84(double lat, double lon) {
        double wLat = lat;
        double wLon = lon;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double[] g = wgs84ToGcj02(wLat, wLon);
            double eLat = lat - g[0];
            double eLon = lon - g[1];
            if (Math.abs(eLat) < TOLERANCE_DEGREES && Math.abs(eLon) < TOLERANCE_DEGREES) {
                break;
            }
            wLat += eLat;
            wLon += eLon;
        }
        return new double[] {wLat, wLon};
    }

    /** Baidu's published GCJ-02 → BD-09 transform. */
    private static double[] gcj02ToBd09(double lat, double lon) {
        double x = lon;
        double y = lat;
        double z = Math.sqrt(x * x + y * y) + 0.00002 * Math.sin(y * X_PI);
        double theta = Math.atan2(y, x) + 0.000003 * Math.cos(x * X_PI);
        return new double[] {z * Math.sin(theta) + 0.006, z * Math.cos(theta) + 0.0065};
    }

    /**
     * Inverse of {@link #gcj02ToBd09}. The usual closed form (subtract the offsets, then the
     * sin/cos terms evaluated at the BD-09 point) is off by up to 0.21 m inside the box, so it only
     * seeds the same fixed-point iteration used for GCJ-02 → WGS84.
     */
    private static double[] bd09ToGcj02(double lat, double lon) {
        double x = lon - 0.0065;
        double y = lat - 0.006;
        double z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
        double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
        double gLat = z * Math.sin(theta);
        double gLon = z * Math.cos(theta);
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double[] b = gcj02ToBd09(gLat, gLon);
            double eLat = lat - b[0];
            double eLon = lon - b[1];
            if (Math.abs(eLat) < TOLERANCE_DEGREES && Math.abs(eLon) < TOLERANCE_DEGREES) {
                break;
            }
            gLat += eLat;
            gLon += eLon;
        }
        return new double[] {gLat, gLon};
    }
}
