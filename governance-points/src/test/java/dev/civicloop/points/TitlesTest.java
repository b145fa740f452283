package dev.civicloop.points;

import static dev.civicloop.points.HonoursCity.YUANHANG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.model.ActorId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TitlesTest {
    private static final ActorId RIDER = ActorId.of("rider-a");

    private static List<String> codes(List<Title> titles) {
        return titles.stream().map(Title::code).toList();
    }

    @Test
    void defaultTitlesAreBronzeSilverGoldAt100And500And1000LifetimeEarned() {
        HonoursCity c = new HonoursCity().member("rider-a", YUANHANG);
        c.award("rider-a", 99, "a1");
        assertEquals(List.of(), c.honours.titles(RIDER));

        c.award("rider-a", 1, "a2");
        List<Title> bronze = c.honours.titles(RIDER);
        assertEquals(List.of("bronze"), codes(bronze));
        assertEquals("铜牌", bronze.get(0).nameZh());
        assertEquals("Bronze", bronze.get(0).nameEn());
        assertEquals(Title.Source.THRESHOLD, bronze.get(0).source());

        c.at(2027, 1, 3, 9, 0); // lifetime, not monthly
        c.award("rider-a", 400, "a3");
        assertEquals(List.of("bronze", "silver"), codes(c.honours.titles(RIDER)));
        c.award("rider-a", 500, "a4");
        assertEquals(List.of("bronze", "silver", "gold"), codes(c.honours.titles(RIDER)));
        assertEquals("金牌", c.honours.titles(RIDER).get(2).nameZh());
    }

    @Test
    void aReversedAwardCanTakeATitleAwayButAPenaltyCannot() {
        HonoursCity c = new HonoursCity().member("rider-a", YUANHANG);
        c.award("rider-a", 120, "a1");
        c.post("pen-1", dev.civicloop.spi.ledger.AccountId.member(RIDER), dev.civicloop.spi.ledger.AccountId.PENALTIES,
                50, "penalty", java.util.Map.of("rule", "false-report"));
        assertEquals(List.of("bronze"), codes(c.honours.titles(RIDER)));

        c.reverse("a1-fix", "rider-a", 30, "a1");
        assertEquals(List.of(), c.honours.titles(RIDER));
    }

    @Test
    void aCityChoosesItsOwnThresholdsAndNames() {
        HonoursCity c = new HonoursCity(List.of(TitleRule.of("helper", "热心骑手", "Helpful rider", 50),
                TitleRule.of("star", "星级骑手", "Star rider", 108)));
        c.award("rider-a", 108, "a1");
        List<Title> t = c.honours.titles(RIDER);
        assertEquals(List.of("helper", "star"), codes(t));
        assertEquals("Star rider", t.get(1).nameEn());
    }

    @Test
    void thresholdsMustStrictlyIncreaseAndTheErrorNamesTheEntry() {
        InvalidConfiguration equal = assertThrows(InvalidConfiguration.class, () -> Honours.builder().titles(List.of(
                TitleRule.of("bronze", "铜牌", "Bronze", 100), TitleRule.of("silver", "银牌", "Silver", 100))));
        assertTrue(equal.getMessage().contains("titles[1].threshold"), equal.getMessage());

        InvalidConfiguration down = assertThrows(InvalidConfiguration.class, () -> Honours.builder().titles(List.of(
                TitleRule.of("gold", "金牌", "Gold", 1000), TitleRule.of("bronze", "铜牌", "Bronze", 100))));
        assertTrue(down.getMessage().contains("titles[1].threshold") && down.getMessage().contains("1000"),
                down.getMessage());

        InvalidConfiguration twice = assertThrows(InvalidConfiguration.class, () -> Honours.builder().titles(List.of(
                TitleRule.of("gold", "金牌", "Gold", 100), TitleRule.of("gold", "金牌", "Gold", 200))));
        assertTrue(twice.getMessage().contains("titles[1].code"), twice.getMessage());
    }

    @Test
    void aTitleRuleRefusesAZeroThresholdAndMissingNames() {
        InvalidConfiguration zero = assertThrows(InvalidConfiguration.class,
                () -> TitleRule.of("bronze", "铜牌", "Bronze", 0));
        assertTrue(zero.getMessage().contains("threshold"), zero.getMessage());
        InvalidConfiguration blank = assertThrows(InvalidConfiguration.class,
                () -> TitleRule.of("bronze", " ", "Bronze", 100));
        assertTrue(blank.getMessage().contains("nameZh"), blank.getMessage());
        assertThrows(InvalidConfiguration.class, () -> TitleRule.of("two words", "铜牌", "Bronze", 100));
    }
}
