package dev.civicloop.smoke;

import dev.civicloop.dispatch.Coordinates;
import dev.civicloop.dispatch.GridMap;
import dev.civicloop.dispatch.GridMapOptions;
import dev.civicloop.dispatch.GridMapping;
import dev.civicloop.dispatch.Route;
import dev.civicloop.dispatch.RoutingMatrix;
import dev.civicloop.spi.model.CoordinateSystem;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.GeoPoint;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import java.nio.file.Path;
import java.util.List;

/**
 * Run by {@code ModulePathSmokeTest} in a child JVM whose module path holds only
 * governance-dispatch and its runtime dependencies, as an embedder's would: loads a grid map
 * (Jackson, JTS), places a GCJ-02 point and routes it, printing one line per answer.
 */
public final class DispatchOnTheModulePath {
    private DispatchOnTheModulePath() {}

    public static void main(String[] args) {
        GridMap map = GridMap.load(Path.of(args[0]), GridMapping.byId("grid_id").community("community").street("street")
                .district("district"), GridMapOptions.STRICT);
        List<OrgUnit> units = map.orgUnits(OrgUnit.of("大庆市", OrgLevel.CITY, "大庆市", null));
        GeoPoint onAmap = Coordinates.convert(GeoPoint.wgs84(46.585, 124.875), CoordinateSystem.GCJ02);
        String grid = map.locate(onAmap).orElseThrow().id();
        RoutingMatrix matrix = new RoutingMatrix(List.of(Route.of("manhole_cover", DepartmentId.of("municipal"))), units);
        System.out.println("module " + GridMap.class.getModule().getName());
        System.out.println("units " + units.size());
        System.out.println("grid " + grid);
        System.out.println("route " + matrix.route("manhole_cover", map.grid(grid).orElseThrow().unit()).orElseThrow().lead());
    }
}
