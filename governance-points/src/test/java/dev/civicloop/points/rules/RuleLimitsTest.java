package dev.civicloop.points.rules;

import static dev.civicloop.points.rules.PointsFixture.DRIVER;
import static dev.civicloop.points.rules.PointsFixture.RIDER;
import static dev.civicloop.points.rules.PointsFixture.rulesFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.points.Award;
import dev.civicloop.points.CivicEvent;
import dev.civicloop.points.LimitPeriod;
import dev.civicloop.spi.model.TicketId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Limits per day, ISO week and month in Asia/Shanghai; once per ticket; validity; priority and stop. */
class RuleLimitsTest {

    private static PointsFixture limited(String limits) {
        return new PointsFixture(rulesFile("{\"id\": \"checkin\", \"on\": \"station.checkin\", \"points\": 10,"
                + " \"limits\": " + limits + "}"));
    }

    @Test
    void dailyLimitCutsTheAwardAndTheExplanationSaysHow() {
        PointsFixture f = limited("{\"perDay\": 25}");
        assertEquals(10, f.points("station.checkin", RIDER, "2026-11-23T08:00", Map.of()));
        assertEquals(10, f.points("station.checkin", RIDER, "2026-11-23T12:00", Map.of()));
        List<Award> third = f.accept("station.checkin", RIDER, "2026-11-23T18:00", Map.of());
        assertEquals(1, third.size());
        Award a = third.get(0);
        assertEquals(5, a.points());
        assertEquals(Award.Outcome.AWARDED, a.outcome());
        assertEquals(LimitPeriod.DAY, a.explanation().limitPeriod());
        assertEquals("daily limit 25: 20 already today, awarded 5 of 10", a.explanation().limitApplied());
        List<Award> fourth = f.accept("station.checkin", RIDER, "2026-11-23T20:00", Map.of());
        assertEquals(Award.Outcome.LIMIT_REACHED, fourth.get(0).outcome());
        assertEquals("daily limit 25: 25 already today, awarded 0 of 10", fourth.get(0).explanation().limitApplied());
        assertEquals(25, f.awarder.balance(RIDER));
        // another member has their own limit
        assertEquals(10, f.points("station.checkin", DRIVER, "2026-11-23T20:00", Map.of()));
    }

    @Test
    void theDayTurnsAtMidnightInShanghaiNotUtc() {
        PointsFixture f = limited("{\"perDay\": 10}");
        // 23:59 and 00:01 local are 15:59 and 16:01 UTC of the same UTC day
        assertEquals(10, f.points("station.checkin", RIDER, "2026-11-23T23:59", Map.of()));
        assertEquals(10, f.points("station.checkin", RIDER, "2026-11-24T00:01", Map.of()));
        assertEquals(0, f.points("station.checkin", RIDER, "2026-11-24T07:59", Map.of()), "08:00 UTC would be a new UTC day");
    }

    @Test
    void theWeekIsAnIsoWeekStartingMonday() {
        PointsFixture f = limited("{\"perWeek\": 20}");
        assertEquals(10, f.points("station.checkin", RIDER, "2026-11-23T09:00", Map.of()), "Monday");
        assertEquals(10, f.points("station.checkin", RIDER, "2026-11-29T23:59", Map.of()), "Sunday, same week");
        assertEquals(0, f.points("station.checkin", RIDER, "2026-11-29T23:59:30", Map.of()));
        assertEquals(10, f.points("station.checkin", RIDER, "2026-11-30T00:01", Map.of()), "next Monday");
    }

    @Test
    void theMonthTurnsAtLocalMidnightOfTheFirst() {
        PointsFixture f = limited("{\"perMonth\": 10}");
        assertEquals(10, f.points("station.checkin", RIDER, "2026-11-01T00:01", Map.of()));
        assertEquals(0, f.points("station.checkin", RIDER, "2026-11-30T23:59", Map.of()));
        assertEquals(10, f.points("station.checkin", RIDER, "2026-12-01T00:01", Map.of()));
    }

    @Test
    void theTightestOfSeveralLimitsIsTheOneNamed() {
        PointsFixture f = limited("{\"perDay\": 30, \"perWeek\": 45}");
        for (String day : List.of("2026-11-23", "2026-11-24", "2026-11-25")) {
            f.accept("station.checkin", RIDER, day + "T10:00", Map.of());
            f.accept("station.checkin", RIDER, day + "T11:00", Map.of());
        }
        assertEquals(45, f.awarder.balance(RIDER));
        Award a = f.accept("station.checkin", RIDER, "2026-11-26T10:00", Map.of()).get(0);
        assertEquals(0, a.points());
        assertEquals("weekly limit 45: 45 already this week, awarded 0 of 10", a.explanation().limitApplied());
    }

    @Test
    void oncePerTicketAwardsTheFirstEventOfATicketOnly() {
        PointsFixture f = new PointsFixture(rulesFile("{\"id\": \"resolved\", \"on\": \"report.resolved\", \"points\": 5,"
                + " \"oncePerTicket\": true}"));
        TicketId t1 = TicketId.of("T1");
        assertEquals(5, f.awarder.accept(new CivicEvent("T1@9", "report.resolved", RIDER, PointsFixture.NOW, t1, Map.of()))
                .get(0).points());
        // reopened and resolved again: a new event, the same ticket
        Award again = f.awarder.accept(new CivicEvent("T1@14", "report.resolved", RIDER, PointsFixture.NOW, t1, Map.of()))
                .get(0);
        assertEquals(Award.Outcome.ALREADY_AWARDED, again.outcome());
        assertEquals(5, f.awarder.balance(RIDER));
        assertEquals(5, f.awarder.accept(new CivicEvent("T2@9", "report.resolved", RIDER, PointsFixture.NOW,
                TicketId.of("T2"), Map.of())).get(0).points());
    }

    @Test
    void validityWindowUsesTheEventsTimeInTheCitysZone() {
        PointsFixture f = new PointsFixture(rulesFile("{\"id\": \"winter\", \"on\": \"volunteer.attended\", \"points\": 8,"
                + " \"valid\": {\"from\": \"2026-12-01\", \"until\": \"2026-12-31\"}}"));
        assertEquals(0, f.points("volunteer.attended", RIDER, "2026-11-30T23:59", Map.of()));
        assertEquals(8, f.points("volunteer.attended", RIDER, "2026-12-01T00:00", Map.of()));
        assertEquals(8, f.points("volunteer.attended", RIDER, "2026-12-31T23:59", Map.of()), "until a date includes that day");
        assertEquals(0, f.points("volunteer.attended", RIDER, "2027-01-01T00:00", Map.of()));
    }

    @Test
    void higherPriorityFirstAndStopKeepsLaterRulesOut() {
        PointsFixture f = new PointsFixture(rulesFile(
                "{\"id\": \"base\", \"on\": \"report.verified\", \"points\": 10}",
                "{\"id\": \"urgent-bonus\", \"on\": \"report.verified\", \"priority\": 10, \"when\": {\"urgency\": \"URGENT\"},"
                        + " \"points\": 20}",
                "{\"id\": \"gas-leak\", \"on\": \"report.verified\", \"priority\": 20, \"stop\": true,"
                        + " \"when\": {\"category\": \"gas_leak\"}, \"points\": 50}"));
        assertEquals(List.of("gas-leak", "urgent-bonus", "base"),
                f.rules.rulesFor("report.verified").stream().map(r -> r.id()).toList());
        List<Award> gas = f.accept("report.verified", RIDER, "2026-11-23T10:00", Map.of("category", "gas_leak", "urgency", "URGENT"));
        assertEquals(List.of("gas-leak"), gas.stream().map(Award::ruleId).toList());
        List<Award> fire = f.accept("report.verified", RIDER, "2026-11-23T10:00", Map.of("category", "fire", "urgency", "URGENT"));
        assertEquals(List.of("urgent-bonus", "base"), fire.stream().map(Award::ruleId).toList());
        assertEquals(80, f.awarder.balance(RIDER));
    }

    @Test
    void replayingTheSameEventsAwardsNothingMore() {
        PointsFixture f = limited("{\"perDay\": 25}");
        List<CivicEvent> events = List.of(
                f.event("station.checkin", RIDER, "2026-11-23T08:00", Map.of()),
                f.event("station.checkin", RIDER, "2026-11-23T09:00", Map.of()),
                f.event("station.checkin", RIDER, "2026-11-23T10:00", Map.of()),
                f.event("station.checkin", DRIVER, "2026-11-23T10:00", Map.of()));
        events.forEach(f.awarder::accept);
        long rider = f.awarder.balance(RIDER);
        long driver = f.awarder.balance(DRIVER);
        for (CivicEvent e : events) {
            for (Award a : f.awarder.accept(e)) {
                assertTrue(a.outcome() == Award.Outcome.ALREADY_AWARDED || a.outcome() == Award.Outcome.LIMIT_REACHED,
                        a.toString());
            }
        }
        assertEquals(25, rider);
        assertEquals(rider, f.awarder.balance(RIDER));
        assertEquals(driver, f.awarder.balance(DRIVER));
    }

    @Test
    void aMemberCanReadWhyTheyHaveTheirPoints() {
        PointsFixture f = new PointsFixture(rulesFile(
                "{\"id\": \"checkin\", \"description\": \"Station check-in\", \"on\": \"station.checkin\", \"points\": 10,"
                        + " \"limits\": {\"perDay\": 15}}",
                "{\"id\": \"volunteer-hours\", \"on\": \"volunteer.attended\", \"points\": {\"per\": \"hours\", \"rate\": 4}}"));
        CivicEvent first = f.event("station.checkin", RIDER, "2026-11-23T08:00", Map.of());
        CivicEvent second = f.event("station.checkin", RIDER, "2026-11-23T12:30", Map.of());
        CivicEvent hours = f.event("volunteer.attended", RIDER, "2026-11-23T15:00", Map.of("hours", "2.5"));
        f.awarder.accept(first);
        f.awarder.accept(second);
        f.awarder.accept(hours);
        List<Award> why = f.awarder.why(RIDER);
        assertEquals(3, why.size());
        assertEquals(f.awarder.balance(RIDER), why.stream().mapToLong(Award::points).sum());
        assertEquals("rule checkin (Station check-in): station.checkin " + first.id()
                + " at 2026-11-23 08:00 Asia/Shanghai, 10 points; awarded 10", why.get(0).explanation().text());
        assertEquals("rule checkin (Station check-in): station.checkin " + second.id()
                + " at 2026-11-23 12:30 Asia/Shanghai, 10 points; daily limit 15: 10 already today, awarded 5 of 10",
                why.get(1).explanation().text());
        assertEquals("rule volunteer-hours: volunteer.attended " + hours.id()
                + " at 2026-11-23 15:00 Asia/Shanghai, hours 2.5 × 4 = 10 points (rounded down); awarded 10",
                why.get(2).explanation().text());
        assertNull(why.get(0).explanation().limitApplied());
    }

    @Test
    void aPenaltyRuleTakesPointsBackButNeverBelowZero() {
        PointsFixture f = new PointsFixture(rulesFile(
                "{\"id\": \"false-report\", \"on\": \"report.rejected_as_false\", \"points\": -20}"));
        f.ledger.award(RIDER, 30, dev.civicloop.spi.ledger.PostingId.of("seed-30"), Map.of("reason", "seed"));
        List<Award> d = f.accept("report.rejected_as_false", RIDER, "2026-11-23T10:00", Map.of());
        assertEquals(Award.Outcome.PENALTY, d.get(0).outcome());
        assertEquals(-20, d.get(0).points());
        assertTrue(d.get(0).explanation().text().endsWith("; penalty of 20 points"), d.get(0).explanation().text());
        assertEquals(10, f.awarder.balance(RIDER), "30 − 20");

        List<Award> again = f.accept("report.rejected_as_false", RIDER, "2026-11-23T11:00", Map.of());
        assertEquals(0, f.awarder.balance(RIDER), "the second penalty takes the 10 that are left, not 20");
        assertEquals(Award.Outcome.PENALTY, again.get(0).outcome());
    }
}
