package dev.civicloop.dispatch;

import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.model.CoordinateSystem;

/**
 * Which GeoJSON feature properties carry a grid's id, name, community, street and district, and
 * which coordinate system the map was drawn in. Only the id is required; a map without community,
 * street or district properties can still route points but cannot produce an org tree.
 *
 * <pre>{@code
 * GridMapping mapping = GridMapping.byId("grid_id").name("grid_name")
 *         .community("community").street("street").district("district")
 *         .drawnIn(CoordinateSystem.GCJ02);
 * }</pre>
 */
public record GridMapping(
        String idProperty,
        String nameProperty,
        String communityProperty,
        String streetProperty,
        String districtProperty,
        CoordinateSystem system) {

    public GridMapping {
        if (idProperty == null || idProperty.isBlank()) {
            throw new InvalidConfiguration("grid mapping: idProperty is required");
        }
        if (system == null) {
            throw new InvalidConfiguration("grid mapping: system is required");
        }
    }

    /** A mapping whose grid id is the given property, in WGS84, nothing else mapped yet. */
    public static GridMapping byId(String idProperty) {
        return new GridMapping(idProperty, null, null, null, null, CoordinateSystem.WGS84);
    }

    public GridMapping name(String property) {
        return new GridMapping(idProperty, property, communityProperty, streetProperty, districtProperty, system);
    }

    public GridMapping community(String property) {
        return new GridMapping(idProperty, nameProperty, property, streetProperty, districtProperty, system);
    }

    public GridMapping street(String property) {
        return new GridMapping(idProperty, nameProperty, communityProperty, property, districtProperty, system);
    }

    public GridMapping district(String property) {
        return new GridMapping(idProperty, nameProperty, communityProperty, streetProperty, property, system);
    }

    /** The coordinate system the map's polygons were drawn in; default WGS84. */
    public GridMapping drawnIn(CoordinateSystem system) {
        return new GridMapping(idProperty, nameProperty, communityProperty, streetProperty, districtProperty, system);
    }
}
