package dev.civicloop.points.rules;

import static dev.civicloop.points.rules.PointsFixture.RIDER;
import static dev.civicloop.points.rules.PointsFixture.rulesFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.points.LimitPeriod;
import dev.civicloop.points.LoadWarning;
import dev.civicloop.points.PointsRules;
import dev.civicloop.points.Rule;
import dev.civicloop.spi.InvalidConfiguration;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Loading: the example file, typed errors naming the rule and field, and the never-fire report. */
class RuleLoadTest {
    private static final Clock CLOCK = Clock.fixed(PointsFixture.NOW, ZoneOffset.UTC);

    private static PointsRules load(String... rules) {
        return PointsRules.loader().clock(CLOCK).categories(List.of("gas_leak", "manhole_cover", "flying_wire"))
                .load(rulesFile(rules), "city-rules.json");
    }

    private static String error(String... rules) {
        return assertThrows(InvalidConfiguration.class, () -> load(rules)).getMessage();
    }

    private static Map<String, String> warnings(PointsRules rules) {
        return rules.warnings().stream().collect(Collectors.toMap(w -> w.ruleId() + " " + w.field(), LoadWarning::message,
                (a, b) -> a + " | " + b));
    }

    @Test
    void theExampleRulesFileLoadsWithoutWarningsAndAwards() {
        InputStream in = RuleLoadTest.class.getResourceAsStream("/points-rules-example.json");
        PointsRules rules = PointsRules.loader().clock(CLOCK).load(in, "points-rules-example.json");
        assertEquals(List.of(), rules.warnings());
        assertEquals(List.of("snap-report", "urgent-bonus", "volunteer-hours", "anti-fraud-talk"),
                rules.rules().stream().map(Rule::id).toList());
        Rule snap = rules.rules().get(0);
        assertEquals(Map.of(LimitPeriod.DAY, 20L, LimitPeriod.MONTH, 200L), snap.limits());
        assertTrue(snap.oncePerTicket());
        assertEquals(List.of("urgent-bonus", "snap-report"), rules.rulesFor("report.verified").stream().map(Rule::id).toList());

        PointsFixture f = new PointsFixture(new String(readAll("/points-rules-example.json")));
        assertEquals(15, f.points("report.verified", RIDER, "2026-11-23T10:00",
                Map.of("category", "gas_leak", "kind", "HAZARD", "urgency", "URGENT")));
        assertEquals(10, f.points("volunteer.attended", RIDER, "2026-11-23T14:00", Map.of("hours", "2.5")));
        assertEquals(8, f.points("antifraud.talk_given", RIDER, "2026-11-23T19:00", Map.of()));
        assertEquals(0, f.points("antifraud.talk_given", RIDER, "2026-11-23T20:00", Map.of()), "one talk a day counts");
    }

    private static byte[] readAll(String resource) {
        try (InputStream in = RuleLoadTest.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void malformedJsonIsATypedErrorWithLineAndColumn() {
        String m = assertThrows(InvalidConfiguration.class,
                () -> PointsRules.fromJson("{\"rules\": [ {\"id\": \"a\", }", "broken.json")).getMessage();
        assertTrue(m.startsWith("points rules broken.json: not valid JSON at line 1"), m);
    }

    @Test
    void anInvalidRuleIsNamedByIdIndexAndField() {
        assertEquals("points rules city-rules.json: rule snap (rules[1]) points: required: a whole number, or"
                + " {\"per\": \"<attribute>\", \"rate\": <number>}",
                error("{\"id\": \"ok\", \"on\": \"x\", \"points\": 1}", "{\"id\": \"snap\", \"on\": \"report.verified\"}"));
        assertTrue(error("{\"id\": \"snap\", \"on\": \"report.verified\", \"points\": 1, \"limits\": {\"perDay\": -1}}")
                .contains("rule snap (rules[0]) limits.perDay: must be a whole number ≥ 0, was -1"));
        assertTrue(error("{\"id\": \"snap\", \"on\": \"report.verified\", \"points\": 1, \"when\": {\"catgory\": \"x\"}}")
                .contains("rule snap (rules[0]) when.catgory: unknown field"));
        assertTrue(error("{\"id\": \"t\", \"on\": \"a\", \"points\": 1, \"when\": {\"timeOfDay\": {\"from\": \"8am\", \"until\": \"10:00\"}}}")
                .contains("rule t (rules[0]) when.timeOfDay.from: must be a local time HH:mm"));
        assertTrue(error("{\"id\": \"v\", \"on\": \"a\", \"points\": 1, \"valid\": {\"from\": \"soon\"}}")
                .contains("rule v (rules[0]) valid.from:"));
        assertTrue(error("{\"on\": \"a\", \"points\": 1}").contains("rule ? (rules[0]) id: required"));
        assertTrue(error("{\"id\": \"d\", \"on\": \"a\", \"points\": 1}", "{\"id\": \"d\", \"on\": \"b\", \"points\": 2}")
                .contains("rule d (rules[1]) id: appears twice"));
        assertTrue(error("{\"id\": \"p\", \"on\": \"a\", \"points\": -5, \"limits\": {\"perDay\": 5}}")
                .contains("rule p (rules[0]) limits: limits cap awards"));
        assertTrue(error("{\"id\": \"h\", \"on\": \"a\", \"points\": {\"per\": \"hours\"}}")
                .contains("rule h (rules[0]) points.rate: required"));
        assertTrue(error("{\"id\": \"a1\", \"on\": \"a\", \"points\": 1, \"when\": {\"attributes\": {\"hours\": {\"gte\": \"one\"}}}}")
                .contains("rule a1 (rules[0]) when.attributes.hours.gte: must be a number"));
    }

    @Test
    void rulesThatCanNeverFireAreReportedAtLoad() {
        PointsRules rules = load(
                "{\"id\": \"ended\", \"on\": \"a\", \"points\": 1, \"valid\": {\"until\": \"2026-10-31\"}}",
                "{\"id\": \"empty\", \"on\": \"a\", \"points\": 1, \"valid\": {\"from\": \"2026-12-31\", \"until\": \"2026-12-01\"}}",
                "{\"id\": \"no-time\", \"on\": \"a\", \"points\": 1, \"when\": {\"timeOfDay\": {\"from\": \"10:00\", \"until\": \"10:00\"}}}",
                "{\"id\": \"typo-category\", \"on\": \"a\", \"points\": 1, \"when\": {\"category\": \"gas_leek\"}}",
                "{\"id\": \"typo-satisfaction\", \"on\": \"a\", \"points\": 1, \"when\": {\"satisfaction\": \"HAPPY\"}}",
                "{\"id\": \"zero-day\", \"on\": \"a\", \"points\": 1, \"limits\": {\"perDay\": 0}}",
                "{\"id\": \"zero\", \"on\": \"a\", \"points\": 0}",
                "{\"id\": \"catch-all\", \"on\": \"b\", \"priority\": 5, \"stop\": true, \"points\": 3}",
                "{\"id\": \"shadowed\", \"on\": \"b\", \"points\": 3, \"when\": {\"urgency\": \"URGENT\"}}",
                "{\"id\": \"fine\", \"on\": \"a\", \"points\": 1, \"when\": {\"category\": \"gas_leak\"}}");
        Map<String, String> w = warnings(rules);
        assertEquals(8, w.size(), w.toString());
        assertTrue(w.get("ended valid.until").startsWith("already ended at 2026-10-31T16:00:00Z"), w.toString());
        assertTrue(w.get("empty valid").startsWith("empty window"), w.toString());
        assertTrue(w.get("no-time when.timeOfDay").startsWith("empty window"), w.toString());
        assertTrue(w.get("typo-category when.category").startsWith("'gas_leek' is not a category of the city"), w.toString());
        assertTrue(w.get("typo-satisfaction when.satisfaction").startsWith("'HAPPY' cannot occur"), w.toString());
        assertTrue(w.get("zero-day limits.perDay").startsWith("is 0"), w.toString());
        assertTrue(w.get("zero points").startsWith("is 0"), w.toString());
        assertEquals("never fires: rule catch-all comes first for b, always matches and stops", w.get("shadowed priority"));
        assertEquals(10, rules.rules().size(), "warnings do not stop loading");
        assertEquals("rule typo-category (rules[3]) when.category: " + w.get("typo-category when.category"),
                rules.warnings().get(3).toString());
    }
}
