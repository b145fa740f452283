package dev.civicloop.dispatch;

import dev.civicloop.spi.model.CoordinateSystem;
import dev.civicloop.spi.model.GeoPoint;

/** TEMPORARY stub until the coordinate helper's version lands. */
public final class Coordinates {
    private Coordinates() {}

    public static GeoPoint toWgs84(GeoPoint p) {
        if (p.system() != CoordinateSystem.WGS84) {
            throw new UnsupportedOperationException("stub");
        }
        return p;
    }

    public static double distanceMetres(GeoPoint a, GeoPoint b) {
        double r = 6_371_008.8;
        double dLat = Math.toRadians(b.latitude() - a.latitude());
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(a.latitude())) * Math.cos(Math.toRadians(b.latitude())) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * r * Math.asin(Math.sqrt(h));
    }
}
