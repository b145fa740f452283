/**
 * CivicLoop dispatch: grid maps from GeoJSON, point → grid routing through an immutable spatial
 * index, coordinate systems (WGS84, GCJ-02, BD-09), the routing matrix, auto-dispatch through the
 * core's public commands, the street queue and duplicate candidates. JTS and Jackson stay inside:
 * no third-party type appears in an exported signature.
 */
module dev.civicloop.dispatch {
    requires transitive dev.civicloop.core;
    requires org.locationtech.jts;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.civicloop.dispatch;
}
