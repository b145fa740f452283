package dev.civicloop.spi.model;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.internal.Check;

/**
 * A point on the map as a phone reported it: {@code GeoPoint.of(46.58, 124.86, CoordinateSystem.GCJ02)}.
 * Latitude in [-90, 90], longitude in [-180, 180], both finite.
 */
public record GeoPoint(double latitude, double longitude, CoordinateSystem system) {
    public GeoPoint {
        if (!Double.isFinite(latitude) || latitude < -90 || latitude > 90) {
            throw new InvalidInput("latitude", "must be a number between -90 and 90, was " + latitude);
        }
        if (!Double.isFinite(longitude) || longitude < -180 || longitude > 180) {
            throw new InvalidInput("longitude", "must be a number between -180 and 180, was " + longitude);
        }
        Check.notNull("system", system);
    }

    public static GeoPoint of(double latitude, double longitude, CoordinateSystem system) {
        return new GeoPoint(latitude, longitude, system);
    }

    /** A WGS84 point. */
    public static GeoPoint wgs84(double latitude, double longitude) {
        return new GeoPoint(latitude, longitude, CoordinateSystem.WGS84);
    }
}
