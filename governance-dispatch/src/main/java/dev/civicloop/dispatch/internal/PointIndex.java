package dev.civicloop.dispatch.internal;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * An immutable point → polygon index, safe to share across threads without locks. JTS's
 * {@code STRtree} calls a synchronised {@code build()} on every query and {@code PreparedPolygon}
 * synchronises while creating its point locator, so neither is shared here: the map's envelope is
 * cut into a regular grid of cells, each cell keeps the (ascending) indices of the polygons that
 * touch it, and every polygon's {@link IndexedPointInAreaLocator} is built and warmed before the
 * index is published. After that a lookup only reads: JTS's lazily built parts sit behind
 * volatile fields that are already set.
 *
 * <p>A point in the interior of a polygon resolves to it; a point on a boundary shared by several
 * resolves to the lowest index among them, every time.
 */
public final class PointIndex {
    private final IndexedPointInAreaLocator[] locators;
    private final Envelope[] envelopes;
    private final int[][] cells;
    private final int columns;
    private final int rows;
    private final double minX;
    private final double minY;
    private final double cellWidth;
    private final double cellHeight;

    /** Builds the index over polygons given in their final order (lowest index wins a shared boundary). */
    public PointIndex(List<Geometry> polygons) {
        int n = polygons.size();
        this.locators = new IndexedPointInAreaLocator[n];
        this.envelopes = new Envelope[n];
        Envelope all = new Envelope();
        for (int i = 0; i < n; i++) {
            Geometry g = polygons.get(i);
            envelopes[i] = g.getEnvelopeInternal();
            all.expandToInclude(envelopes[i]);
            locators[i] = new IndexedPointInAreaLocator(g);
            // Warm the lazily built interval index now, before any reader sees it.
            locators[i].locate(g.getEnvelopeInternal().centre());
        }
        // About four cells per polygon: a lookup then meets one or two candidates.
        int side = Math.max(1, (int) Math.ceil(Math.sqrt(4.0 * n)));
        this.columns = side;
        this.rows = side;
        this.minX = all.getMinX();
        this.minY = all.getMinY();
        this.cellWidth = Math.max(all.getWidth() / side, 1e-12);
        this.cellHeight = Math.max(all.getHeight() / side, 1e-12);
        this.cells = new int[columns * rows][];
        GeometryFactory gf = polygons.isEmpty() ? new GeometryFactory() : polygons.get(0).getFactory();
        List<List<Integer>> lists = new ArrayList<>(columns * rows);
        for (int c = 0; c < columns * rows; c++) {
            lists.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            PreparedGeometry prepared = PreparedGeometryFactory.prepare(polygons.get(i));
            Envelope e = envelopes[i];
            for (int cx = column(e.getMinX()); cx <= column(e.getMaxX()); cx++) {
                for (int cy = row(e.getMinY()); cy <= row(e.getMaxY()); cy++) {
                    Envelope cell = new Envelope(minX + cx * cellWidth, minX + (cx + 1) * cellWidth,
                            minY + cy * cellHeight, minY + (cy + 1) * cellHeight);
                    // intersects() includes touching, so a point on a cell edge finds every polygon it may lie in.
                    if (prepared.intersects(gf.toGeometry(cell))) {
                        lists.get(cy * columns + cx).add(i);
                    }
                }
            }
        }
        for (int c = 0; c < cells.length; c++) {
            cells[c] = lists.get(c).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** The index of the polygon containing (x, y), or -1 if none does. */
    public int locate(double x, double y) {
        if (!(x >= minX && y >= minY) || cells.length == 0) {
            return -1;
        }
        int cx = (int) ((x - minX) / cellWidth);
        int cy = (int) ((y - minY) / cellHeight);
        if (cx > columns || cy > rows) {
            return -1;
        }
        cx = Math.min(cx, columns - 1);
        cy = Math.min(cy, rows - 1);
        Coordinate p = new Coordinate(x, y);
        int boundary = -1;
        for (int i : cells[cy * columns + cx]) {
            if (!envelopes[i].contains(x, y)) {
                continue;
            }
            int where = locators[i].locate(p);
            if (where == Location.INTERIOR) {
                return i;
            }
            if (where == Location.BOUNDARY && boundary < 0) {
                boundary = i;
            }
        }
        return boundary;
    }

    private int column(double x) {
        return Math.min(columns - 1, Math.max(0, (int) ((x - minX) / cellWidth)));
    }

    private int row(double y) {
        return Math.min(rows - 1, Math.max(0, (int) ((y - minY) / cellHeight)));
    }
}
