package dev.civicloop.dispatch;

import java.util.List;

/**
 * A flaw found in a grid map and repaired while loading it; shown to whoever maintains the map.
 *
 * @param kind what was done
 * @param grids the grid ids concerned (one for a repair, two for an overlap)
 * @param detail what was wrong and what was done, for a person
 */
public record MapIssue(Kind kind, List<String> grids, String detail) {
    public enum Kind {
        /** An invalid polygon (for example self-intersecting) was repaired with JTS GeometryFixer. */
        REPAIRED,
        /** Two grids overlapped slightly; the later id lost the shared part. */
        OVERLAP_RESOLVED
    }

    public MapIssue {
        grids = List.copyOf(grids);
    }

    @Override
    public String toString() {
        return kind + " " + grids + ": " + detail;
    }
}
