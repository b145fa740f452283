package dev.civicloop.points.rules;

import static dev.civicloop.points.rules.PointsFixture.rulesFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.civicloop.points.Award;
import dev.civicloop.points.AwardTally;
import dev.civicloop.points.CivicEvent;
import dev.civicloop.spi.model.ActorId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * For random event streams over four days (many crossing local midnight): no member ever gets more
 * than a rule's daily limit from it on one Shanghai day, the ledger says exactly what the
 * explanations say, replaying the stream (in order or reversed) changes nothing, and a dry run with
 * an in-memory tally decides the same totals as the ledger.
 */
class DailyLimitProperties {
    private static final String RULES = rulesFile(
            "{\"id\": \"checkin\", \"on\": \"station.checkin\", \"points\": 7, \"limits\": {\"perDay\": 20}}",
            "{\"id\": \"hours\", \"on\": \"volunteer.attended\", \"points\": {\"per\": \"hours\", \"rate\": 3},"
                    + " \"limits\": {\"perDay\": 25, \"perWeek\": 60}}",
            "{\"id\": \"night-bonus\", \"on\": \"station.checkin\", \"when\": {\"timeOfDay\": {\"from\": \"22:00\", \"until\": \"02:00\"}},"
                    + " \"points\": 4, \"limits\": {\"perDay\": 9}}");
    private static final Map<String, Long> DAILY = Map.of("checkin", 20L, "hours", 25L, "night-bonus", 9L);
    private static final List<ActorId> MEMBERS = List.of(PointsFixture.RIDER, PointsFixture.DRIVER, PointsFixture.RESIDENT);

    /** Decodes one random int into an event: member, type, minute within four days from Sunday 2026-11-22 00:00 local, hours. */
    private static CivicEvent event(int index, int code) {
        ActorId member = MEMBERS.get(code % 3);
        boolean checkin = (code / 3) % 2 == 0;
        int minute = (code / 6) % (4 * 24 * 60);
        String hours = ((code / 6 / 5760) % 20) / 2.0 + "";
        return CivicEvent.of("ev-" + index, checkin ? "station.checkin" : "volunteer.attended", member,
                PointsFixture.at("2026-11-22T00:00").plusSeconds(minute * 60L),
                checkin ? Map.of() : Map.of("hours", hours));
    }

    @Test
    void noMemberExceedsADailyLimitAndReplayChangesNothing() {
        qt().withFixedSeed(20261123L).withExamples(150)
                .forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(0, 80))
                .checkAssert(codes -> {
                    List<CivicEvent> events = new ArrayList<>();
                    for (int i = 0; i < codes.size(); i++) {
                        events.add(event(i, codes.get(i)));
                    }
                    PointsFixture f = new PointsFixture(RULES);
                    events.forEach(f.awarder::accept);

                    Map<String, Long> perMemberRuleDay = new HashMap<>();
                    Map<ActorId, Long> balances = new HashMap<>();
                    for (ActorId m : MEMBERS) {
                        long sum = 0;
                        for (Award a : f.awarder.why(m)) {
                            LocalDate day = a.explanation().at().toLocalDate();
                            perMemberRuleDay.merge(m + "|" + a.ruleId() + "|" + day, a.points(), Long::sum);
                            sum += a.points();
                        }
                        assertEquals(f.awarder.balance(m), sum, "the explanations add up to the balance of " + m);
                        balances.put(m, f.awarder.balance(m));
                    }
                    perMemberRuleDay.forEach((k, total) -> assertTrue(total <= DAILY.get(k.split("\\|")[1]),
                            k + " got " + total));

                    AwardTally dry = AwardTally.inMemory();
                    Map<ActorId, Long> dryTotals = new HashMap<>();
                    for (CivicEvent e : events) {
                        for (Award a : f.rules.evaluate(e, PointsFixture.profile(e.member()), dry)) {
                            dryTotals.merge(a.member(), a.points(), Long::sum);
                        }
                    }
                    for (ActorId m : MEMBERS) {
                        assertEquals(balances.get(m), dryTotals.getOrDefault(m, 0L), "dry run and ledger agree for " + m);
                    }

                    events.forEach(f.awarder::accept);
                    List<CivicEvent> reversed = new ArrayList<>(events);
                    Collections.reverse(reversed);
                    reversed.forEach(f.awarder::accept);
                    for (ActorId m : MEMBERS) {
                        assertEquals(balances.get(m), f.awarder.balance(m), "replay changed " + m);
                    }
                });
    }
}
