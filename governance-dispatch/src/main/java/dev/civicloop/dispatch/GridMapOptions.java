package dev.civicloop.dispatch;

import dev.civicloop.spi.InvalidConfiguration;

/**
 * How forgiving a map load is. By default a self-intersecting polygon is repaired (with a
 * warning naming the feature) and two grids that overlap by at most {@code maxOverlapShare} of
 * the smaller one are separated deterministically: the grid whose id sorts later loses the shared
 * part. {@link #STRICT} refuses every flaw instead.
 *
 * @param strict refuse every flaw instead of repairing it
 * @param maxOverlapShare the largest overlap, as a share of the smaller grid's area, that is
 *     resolved rather than refused; between 0 and 0.5
 */
public record GridMapOptions(boolean strict, double maxOverlapShare) {
    /** Default tolerance: overlaps up to 2 % of the smaller grid are resolved. */
    public static final double DEFAULT_MAX_OVERLAP_SHARE = 0.02;

    public GridMapOptions {
        if (!(maxOverlapShare >= 0 && maxOverlapShare <= 0.5)) {
            throw new InvalidConfiguration("grid map options: maxOverlapShare must be between 0 and 0.5, was "
                    + maxOverlapShare);
        }
    }

    /** Repair what can be repaired, resolve overlaps up to 2 % of the smaller grid. */
    public static final GridMapOptions LENIENT = new GridMapOptions(false, DEFAULT_MAX_OVERLAP_SHARE);

    /** Refuse every flaw: invalid polygons and any overlap between grids. */
    public static final GridMapOptions STRICT = new GridMapOptions(true, 0);
}
