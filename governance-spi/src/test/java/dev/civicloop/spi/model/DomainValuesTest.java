package dev.civicloop.spi.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import dev.civicloop.spi.InvalidInput;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DomainValuesTest {
    private static final String SHA = "a".repeat(64);

    @Test
    void aPhoneReportsAPointInItsOwnCoordinateSystemAndItIsKeptAsReported() {
        GeoPoint p = GeoPoint.of(46.5806, 124.8718, CoordinateSystem.GCJ02);
        assertEquals(46.5806, p.latitude());
        assertEquals(CoordinateSystem.GCJ02, p.system());
    }

    @Test
    void latitudeOutsideMinus90To90IsRefusedNamingTheField() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> GeoPoint.wgs84(91, 120));
        assertEquals("latitude", e.field());
        assertTrue(e.rule().contains("91"), e.getMessage());
    }

    @Test
    void notANumberIsNeverAValidCoordinate() {
        assertEquals("latitude", assertThrows(InvalidInput.class, () -> GeoPoint.wgs84(Double.NaN, 120)).field());
        assertEquals("longitude", assertThrows(InvalidInput.class, () -> GeoPoint.wgs84(30, Double.NaN)).field());
        assertEquals("longitude", assertThrows(InvalidInput.class,
                () -> GeoPoint.wgs84(30, Double.POSITIVE_INFINITY)).field());
    }

    @Test
    void everyPointInsideTheValidRangesIsAcceptedAndEveryPointOutsideIsRefused() {
        qt().withExamples(2000).forAll(doubles().between(-200, 200), doubles().between(-400, 400)).checkAssert((lat, lon) -> {
            boolean valid = lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
            if (valid) {
                assertEquals(lat, GeoPoint.wgs84(lat, lon).latitude());
            } else {
                assertThrows(InvalidInput.class, () -> GeoPoint.wgs84(lat, lon));
            }
        });
    }

    @Test
    void aLocationNeedsAPointOrAnAddress() {
        assertEquals("location", assertThrows(InvalidInput.class, () -> Location.of(null, null)).field());
        assertEquals("address", assertThrows(InvalidInput.class, () -> Location.address("  ")).field());
        assertTrue(Location.address("南六街外环路").pointIfAny().isEmpty());
    }

    @Test
    void mediaOfZeroBytesOrWithABadDigestIsRefused() {
        URI uri = URI.create("file:///media/1.jpg");
        assertEquals("sizeBytes", assertThrows(InvalidInput.class,
                () -> Media.of(MediaKind.PHOTO, uri, "image/jpeg", 0, SHA)).field());
        assertEquals("sha256", assertThrows(InvalidInput.class,
                () -> Media.of(MediaKind.PHOTO, uri, "image/jpeg", 10, "xyz")).field());
        assertEquals("contentType", assertThrows(InvalidInput.class,
                () -> Media.of(MediaKind.VOICE, uri, "voice", 10, SHA)).field());
        assertEquals(MediaKind.VIDEO, Media.of(MediaKind.VIDEO, uri, "video/mp4", 10, SHA).kind());
    }

    @Test
    void idsRefuseBlankAndWhiteSpace() {
        assertEquals("ticketId", assertThrows(InvalidInput.class, () -> TicketId.of(" ")).field());
        assertEquals("commandId", assertThrows(InvalidInput.class, () -> CommandId.of("a b")).field());
        assertEquals("orgUnitId", assertThrows(InvalidInput.class, () -> OrgUnitId.of(null)).field());
    }

    @Test
    void onlyTheCityHasNoParentInTheOrgTree() {
        assertThrows(InvalidInput.class, () -> OrgUnit.of("g", OrgLevel.GRID, "网格", null));
        assertThrows(InvalidInput.class, () -> OrgUnit.of("c", OrgLevel.CITY, "市", "x"));
        assertEquals(OrgLevel.COMMUNITY, OrgLevel.GRID.parent());
        assertEquals(null, OrgLevel.CITY.parent());
    }

    @Test
    void anActorsSetsAreImmutableCopies() {
        Set<Role> roles = new HashSet<>(Set.of(Role.GRID_STAFF));
        Actor a = Actor.of("grid6-staff", roles, Set.of(OrgUnitId.of("grid-6")), Set.of());
        roles.add(Role.ADMIN);
        assertEquals(Set.of(Role.GRID_STAFF), a.roles());
        assertThrows(UnsupportedOperationException.class, () -> a.roles().add(Role.ADMIN));
        assertThrows(InvalidInput.class, () -> Actor.of("nobody", Set.of(), Set.of(), Set.of()));
    }

    @Test
    void theGlossaryRolesAreExactlyTheNineOfTheDesign() {
        assertEquals(List.of("REPORTER", "MOBILE_GRID_MEMBER", "VOLUNTEER", "GRID_STAFF", "COMMUNITY_STAFF",
                "STREET_COORDINATOR", "DEPARTMENT_HANDLER", "SUPERVISOR", "ADMIN"),
                java.util.Arrays.stream(Role.values()).map(Enum::name).toList());
    }

    @Test
    void aGrievanceCategoryFollowsTheGrievanceWorkflowUnlessToldOtherwise() {
        Category rest = Category.builder("rest_place", "休息场所", "Rest place").kind(CategoryKind.GRIEVANCE).build();
        assertEquals(Category.GRIEVANCE, rest.workflow());
        Category gas = Category.builder("gas_leak", "燃气泄漏", "Gas leak").urgency(Urgency.URGENT)
                .lead(DepartmentId.of("gas-co")).build();
        assertEquals(Category.CLOSED_LOOP, gas.workflow());
        assertTrue(gas.urgent());
        assertEquals("amount", assertThrows(InvalidInput.class, () -> Deadline.hours(0)).field());
    }
}
