package dev.civicloop.points.rules;

import static dev.civicloop.points.rules.PointsFixture.DRIVER;
import static dev.civicloop.points.rules.PointsFixture.RESIDENT;
import static dev.civicloop.points.rules.PointsFixture.RIDER;
import static dev.civicloop.points.rules.PointsFixture.rulesFile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kind of condition, alone: it lets the matching event through and keeps the others out. */
class RuleConditionsTest {

    private static PointsFixture rule(String when) {
        return new PointsFixture(rulesFile("{\"id\": \"r\", \"on\": \"report.verified\", \"when\": " + when
                + ", \"points\": 10}"));
    }

    @Test
    void categoryMatchesOneOfTheListedCodes() {
        PointsFixture f = rule("{\"category\": [\"gas_leak\", \"flying_wire\"]}");
        assertEquals(10, f.points("report.verified", RIDER, "2026-11-23T10:00", Map.of("category", "flying_wire")));
        assertEquals(0, f.points("report.verified", RIDER, "2026-11-23T10:00", Map.of("category", "manhole_cover")));
        assertEquals(0, f.points("report.verified", RIDER, "2026-11-23T10:00", Map.of()));
    }

    @Test
    void ticketKindUrgencyAndSatisfactionReadTheEventsAttributes() {
        PointsFixture f = rule("{\"kind\": \"HAZARD\", \"urgency\": \"URGENT\", \"satisfaction\": [\"SATISFIED\", \"BASICALLY_SATISFIED\"]}");
        assertEquals(10, f.points("report.verified", RIDER, "2026-11-23T10:00",
                Map.of("kind", "HAZARD", "urgency", "URGENT", "satisfaction", "BASICALLY_SATISFIED")));
        assertEquals(0, f.points("report.verified", RIDER, "2026-11-23T10:00",
                Map.of("kind", "HAZARD", "urgency", "NORMAL", "satisfaction", "SATISFIED")));
        assertEquals(0, f.points("report.verified", RIDER, "2026-11-23T10:00",
                Map.of("kind", "DISPUTE", "urgency", "URGENT", "satisfaction", "SATISFIED")));
        assertEquals(0, f.points("report.verified", RIDER, "2026-11-23T10:00",
                Map.of("kind", "HAZARD", "urgency", "URGENT", "satisfaction", "UNSATISFIED")));
    }

    @Test
    void roleAndOccupationComeFromTheCitysMemberDirectory() {
        PointsFixture byRole = rule("{\"role\": \"VOLUNTEER\"}");
        assertEquals(10, byRole.points("report.verified", RIDER, "2026-11-23T10:00", Map.of()));
        assertEquals(0, byRole.points("report.verified", DRIVER, "2026-11-23T10:00", Map.of()));
        PointsFixture byOccupation = rule("{\"occupation\": [\"RIDE_HAILING_DRIVER\", \"COURIER\"]}");
        assertEquals(10, byOccupation.points("report.verified", DRIVER, "2026-11-23T10:00", Map.of()));
        assertEquals(0, byOccupation.points("report.verified", RIDER, "2026-11-23T10:00", Map.of()));
        assertEquals(0, byOccupation.points("report.verified", RESIDENT, "2026-11-23T10:00", Map.of()));
    }

    @Test
    void timeOfDayIsTheCitysLocalTimeAndMayWrapPastMidnight() {
        PointsFixture night = rule("{\"timeOfDay\": {\"from\": \"22:00\", \"until\": \"06:00\"}}");
        assertEquals(10, night.points("report.verified", RIDER, "2026-11-23T23:30", Map.of()));
        assertEquals(10, night.points("report.verified", RIDER, "2026-11-24T05:59", Map.of()));
        assertEquals(0, night.points("report.verified", RIDER, "2026-11-24T06:00", Map.of()));
        // 14:00 UTC is 22:00 in Shanghai: the window is local, not UTC
        PointsFixture day = rule("{\"timeOfDay\": {\"from\": \"08:00\", \"until\": \"18:00\"}}");
        assertEquals(0, day.points("report.verified", RIDER, "2026-11-23T22:00", Map.of()));
        assertEquals(10, day.points("report.verified", RIDER, "2026-11-23T08:00", Map.of()));
    }

    @Test
    void dateRangeIncludesBothEndDays() {
        PointsFixture f = rule("{\"dates\": {\"from\": \"2026-12-01\", \"until\": \"2026-12-07\"}}");
        assertEquals(0, f.points("report.verified", RIDER, "2026-11-30T23:59", Map.of()));
        assertEquals(10, f.points("report.verified", RIDER, "2026-12-01T00:00", Map.of()));
        assertEquals(10, f.points("report.verified", RIDER, "2026-12-07T23:59", Map.of()));
        assertEquals(0, f.points("report.verified", RIDER, "2026-12-08T00:00", Map.of()));
    }

    @Test
    void anyAttributeEqualsOneOfAndNumericBounds() {
        PointsFixture f = rule("{\"attributes\": {\"station\": {\"equals\": \"yuanhang-station\"},"
                + " \"activity\": {\"oneOf\": [\"traffic\", \"elder-search\"]}, \"hours\": {\"gte\": 1, \"lte\": 8}}}");
        assertEquals(10, f.points("report.verified", RIDER, "2026-11-23T10:00",
                Map.of("station", "yuanhang-station", "activity", "traffic", "hours", "1")));
        assertEquals(10, f.points("report.verified", RIDER, "2026-11-23T10:00",
                Map.of("station", "yuanhang-station", "activity", "elder-search", "hours", "8.0")));
        assertEquals(0, f.points("report.verified", RIDER, "2026-11-23T10:00",
                Map.of("station", "yuanhang-station", "activity", "traffic", "hours", "0.5")));
        assertEquals(0, f.points("report.verified", RIDER, "2026-11-23T10:00",
                Map.of("station", "yuanhang-station", "activity", "traffic", "hours", "8.5")));
        assertEquals(0, f.points("report.verified", RIDER, "2026-11-23T10:00",
                Map.of("station", "yuanhang-station", "activity", "traffic", "hours", "two")));
        assertEquals(0, f.points("report.verified", RIDER, "2026-11-23T10:00",
                Map.of("station", "jingshan-station", "activity", "traffic", "hours", "2")));
        assertEquals(0, f.points("report.verified", RIDER, "2026-11-23T10:00",
                Map.of("station", "yuanhang-station", "activity", "dance", "hours", "2")));
    }

    @Test
    void onlyRulesOfTheEventsTypeAreMet() {
        PointsFixture f = new PointsFixture(rulesFile(
                "{\"id\": \"verified\", \"on\": \"report.verified\", \"points\": 10}",
                "{\"id\": \"checkin\", \"on\": \"station.checkin\", \"points\": 1}"));
        assertEquals(1, f.points("station.checkin", RIDER, "2026-11-23T10:00", Map.of()));
        assertEquals(0, f.points("dispute.mediated", RIDER, "2026-11-23T10:00", Map.of()));
        assertEquals(1, f.rules.rulesFor("station.checkin").size());
    }

    @Test
    void pointsPerUnitMultiplyTheAttributeAndRoundDown() {
        PointsFixture f = new PointsFixture(rulesFile(
                "{\"id\": \"volunteer-hours\", \"on\": \"volunteer.attended\", \"points\": {\"per\": \"hours\", \"rate\": 4}}"));
        assertEquals(10, f.points("volunteer.attended", RIDER, "2026-11-23T10:00", Map.of("hours", "2.5")));
        assertEquals(5, f.points("volunteer.attended", RIDER, "2026-11-23T11:00", Map.of("hours", "1.4")), "5.6 → 5");
        assertEquals(0, f.points("volunteer.attended", RIDER, "2026-11-23T12:00", Map.of()), "no hours, no award");
        assertEquals(0, f.points("volunteer.attended", RIDER, "2026-11-23T12:00", Map.of("hours", "-3")));
    }
}
