package dev.civicloop.dispatch.internal;

import dev.civicloop.dispatch.GridMapException;
import dev.civicloop.dispatch.GridMapOptions;
import dev.civicloop.dispatch.MapIssue;
import dev.civicloop.dispatch.internal.GeoJsonGrids.Feature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Repairs what can be repaired in a freshly read map and refuses the rest, all before anything is
 * published: invalid polygons go through {@link GeometryFixer}; small overlaps are cut from the
 * grid whose id sorts later, so the same file always gives the same map.
 */
public final class MapRepair {
    private final GridMapOptions options;
    private final List<MapIssue> issues = new ArrayList<>();

    public MapRepair(GridMapOptions options) {
        this.options = options;
    }

    public List<MapIssue> issues() {
        return List.copyOf(issues);
    }

    /** Returns the features, valid and non-overlapping, sorted by grid id. */
    public List<Feature> repair(List<Feature> read) {
        List<Feature> valid = new ArrayList<>(read.size());
        for (Feature f : read) {
            valid.add(validate(f));
        }
        valid.sort(Comparator.comparing(f -> f.grid().id()));
        return separateOverlaps(valid);
    }

    private Feature validate(Feature f) {
        IsValidOp op = new IsValidOp(f.geometry());
        if (op.isValid()) {
            return f;
        }
        TopologyValidationError error = op.getValidationError();
        String what = error.getMessage() + " at (" + fmt(error.getCoordinate().x) + ", " + fmt(error.getCoordinate().y) + ")";
        if (options.strict()) {
            throw new GridMapException(f.label(), "invalid polygon: " + what + " (strict mode repairs nothing)");
        }
        Geometry fixed = GeometryFixer.fix(f.geometry());
        if (fixed.isEmpty() || !(fixed instanceof Polygonal) || !fixed.isValid()) {
            throw new GridMapException(f.label(), "invalid polygon that cannot be repaired: " + what);
        }
        issues.add(new MapIssue(MapIssue.Kind.REPAIRED, List.of(f.grid().id()),
                f.label() + ": " + what + "; repaired, area " + fmt(squareMetres(f.geometry())) + " → " + fmt(squareMetres(fixed)) + " m²"));
        return new Feature(f.index(), f.grid(), fixed);
    }

    private List<Feature> separateOverlaps(List<Feature> sorted) {
        List<Feature> out = new ArrayList<>(sorted);
        STRtree tree = new STRtree();
        for (int i = 0; i < out.size(); i++) {
            tree.insert(out.get(i).geometry().getEnvelopeInternal(), i);
        }
        for (int i = 0; i < out.size(); i++) {
            Feature a = out.get(i);
            @SuppressWarnings("unchecked")
            List<Integer> near = tree.query(a.geometry().getEnvelopeInternal());
            near.sort(Comparator.naturalOrder());
            for (int j : near) {
                if (j <= i) {
                    continue;
                }
                Feature b = out.get(j);
                Geometry shared = OverlayNGRobust.overlay(a.geometry(), b.geometry(), OverlayNG.INTERSECTION);
                double overlap = shared.getArea();
                if (overlap <= 0) {
                    continue; // touching along a boundary is not an overlap
                }
                double share = overlap / Math.min(a.geometry().getArea(), b.geometry().getArea());
                if (options.strict() || share > options.maxOverlapShare()) {
                    throw new GridMapException(b.label(), "overlaps " + a.label() + " by " + fmt(squareMetres(shared))
                            + " m² (" + percent(share) + " of the smaller grid); "
                            + (options.strict() ? "strict mode allows no overlap"
                                    : "at most " + percent(options.maxOverlapShare()) + " is resolved automatically"));
                }
                Geometry cut = OverlayNGRobust.overlay(b.geometry(), a.geometry(), OverlayNG.DIFFERENCE);
                if (!(cut instanceof Polygonal) || cut.isEmpty()) {
                    throw new GridMapException(b.label(), "overlaps " + a.label() + " and nothing polygonal is left after"
                            + " removing the overlap");
                }
                issues.add(new MapIssue(MapIssue.Kind.OVERLAP_RESOLVED, List.of(a.grid().id(), b.grid().id()),
                        b.label() + " overlapped " + a.label() + " by " + fmt(squareMetres(shared)) + " m² (" + percent(share)
                                + " of the smaller grid); the overlap stays with id \"" + a.grid().id() + "\", the id that sorts first"));
                out.set(j, new Feature(b.index(), b.grid(), cut));
            }
        }
        return out;
    }

    /** Area of a lon/lat geometry in square metres, near enough for a report. */
    private static double squareMetres(Geometry g) {
        double lat = Math.toRadians(g.getEnvelopeInternal().centre().y);
        double m = 111_320.0;
        return g.getArea() * m * m * Math.cos(lat);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.6g", v);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.2g %%", share * 100);
    }
}
