package dev.civicloop.spi.model;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.internal.Check;
import java.util.Optional;

/**
 * Where a problem is: a point, an address, or both. At least one is required.
 * {@code Location.of(GeoPoint.wgs84(…), "南六街外环路")}.
 */
public record Location(GeoPoint point, String address) {
    public Location {
        Check.optionalText("address", address, 500);
        if (point == null && address == null) {
            throw new InvalidInput("location", "needs a point or an address");
        }
    }

    public static Location of(GeoPoint point, String address) {
        return new Location(point, address);
    }

    public static Location at(GeoPoint point) {
        return new Location(point, null);
    }

    public static Location address(String address) {
        return new Location(null, address);
    }

    public Optional<GeoPoint> pointIfAny() {
        return Optional.ofNullable(point);
    }

    public Optional<String> addressIfAny() {
        return Optional.ofNullable(address);
    }
}
