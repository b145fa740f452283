package dev.civicloop.points;

import static dev.civicloop.points.HonoursCity.HEPING;
import static dev.civicloop.points.HonoursCity.LVYUAN;
import static dev.civicloop.points.HonoursCity.STREET_A;
import static dev.civicloop.points.HonoursCity.STREET_B;
import static dev.civicloop.points.HonoursCity.YUANHANG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnitId;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaderboardTest {
    static final YearMonth NOV = YearMonth.of(2026, 11);
    static final YearMonth DEC = YearMonth.of(2026, 12);

    private static List<String> members(Leaderboard b) {
        return b.standings().stream().map(s -> s.member().value()).toList();
    }

    private static List<Long> points(Leaderboard b) {
        return b.standings().stream().map(Standing::points).toList();
    }

    @Test
    void awardAt2359ShanghaiOnTheLastDayCountsForThatMonthAndAt0001ForTheNext() {
        HonoursCity c = new HonoursCity().member("rider-a", YUANHANG);
        c.at(2026, 11, 30, 23, 59); // 15:59 UTC
        c.award("rider-a", 10, "late-november");
        c.at(2026, 12, 1, 0, 1); // 16:01 UTC, still 30 November in UTC
        c.award("rider-a", 20, "early-december");

        assertEquals(List.of(10L), points(c.honours.leaderboard(YUANHANG, NOV, 10)));
        assertEquals(List.of(20L), points(c.honours.leaderboard(YUANHANG, DEC, 10)));
        assertEquals(DEC, c.honours.currentMonth());
    }

    @Test
    void aCityInAnotherZoneCutsMonthsAtItsOwnMidnight() {
        HonoursCity c = new HonoursCity().member("rider-a", YUANHANG);
        c.at(2026, 12, 1, 0, 1); // Shanghai; still 30 November 16:01 in UTC
        c.award("rider-a", 20, "a1");
        Honours utc = Honours.builder().ledger(c.store).orgTree(HonoursCity.TREE)
                .membership(m -> java.util.Optional.of(YUANHANG)).zone(java.time.ZoneOffset.UTC).build();

        assertEquals(List.of(20L), points(utc.leaderboard(YUANHANG, NOV, 10)));
        assertTrue(utc.leaderboard(YUANHANG, DEC, 10).standings().isEmpty());
    }

    @Test
    void communityBoardListsItsOwnMembersAndStreetBoardAllCommunitiesOfTheStreet() {
        HonoursCity c = new HonoursCity()
                .member("yuan-1", YUANHANG).member("yuan-2", YUANHANG)
                .member("lv-1", LVYUAN).member("he-1", HEPING);
        c.award("yuan-1", 30, "p1");
        c.award("yuan-2", 10, "p2");
        c.award("lv-1", 20, "p3");
        c.award("he-1", 50, "p4");
        c.award("no-community", 99, "p5");

        Leaderboard yuanhang = c.honours.leaderboard(YUANHANG, NOV, 10);
        assertEquals(List.of("yuan-1", "yuan-2"), members(yuanhang));
        assertEquals(OrgLevel.COMMUNITY, yuanhang.level());
        assertEquals(List.of("lv-1"), members(c.honours.leaderboard(LVYUAN, NOV, 10)));

        Leaderboard streetA = c.honours.leaderboard(STREET_A, NOV, 10);
        assertEquals(List.of("yuan-1", "lv-1", "yuan-2"), members(streetA));
        assertEquals(List.of(1, 2, 3), streetA.standings().stream().map(Standing::rank).toList());
        assertEquals(OrgLevel.STREET, streetA.level());
        assertEquals(List.of("he-1"), members(c.honours.leaderboard(STREET_B, NOV, 10)));
    }

    @Test
    void aMemberCountsForTheCommunityTheRosterNamesWhenTheBoardIsRead() {
        HonoursCity c = new HonoursCity().member("mover", YUANHANG);
        c.award("mover", 40, "p1");
        assertEquals(List.of("mover"), members(c.honours.leaderboard(YUANHANG, NOV, 10)));

        c.member("mover", HEPING);
        assertTrue(c.honours.leaderboard(YUANHANG, NOV, 10).standings().isEmpty());
        assertEquals(List.of("mover"), members(c.honours.leaderboard(STREET_B, NOV, 10)));
    }

    @Test
    void equalTotalsRankWhoeverReachedTheTotalFirstThenByMemberId() {
        HonoursCity c = new HonoursCity().member("zhang", YUANHANG).member("li", YUANHANG)
                .member("bai", YUANHANG).member("chen", YUANHANG);
        c.at(2026, 11, 2, 9, 0);
        c.award("zhang", 10, "z1");
        c.at(2026, 11, 3, 9, 0);
        c.award("li", 10, "l1");
        assertEquals(List.of("zhang", "li"), members(c.honours.leaderboard(YUANHANG, NOV, 10)));

        c.at(2026, 11, 4, 9, 0);
        c.award("li", 5, "l2");
        c.at(2026, 11, 5, 9, 0);
        c.award("zhang", 5, "z2");
        Leaderboard b = c.honours.leaderboard(YUANHANG, NOV, 10);
        assertEquals(List.of("li", "zhang"), members(b), "li reached 15 a day before zhang");
        assertEquals(HonoursCity.local(2026, 11, 4, 9, 0), b.standings().get(0).reachedAt());

        c.at(2026, 11, 6, 9, 0);
        c.award("chen", 15, "c1");
        c.award("bai", 15, "b1");
        assertEquals(List.of("li", "zhang", "bai", "chen"), members(c.honours.leaderboard(YUANHANG, NOV, 10)),
                "bai and chen reached 15 at the same moment: member id decides");
    }

    @Test
    void showsTheTopNAndCountsEveryoneWhoEarnedAndAMemberCanFindTheirOwnRank() {
        HonoursCity c = new HonoursCity();
        for (int i = 1; i <= 5; i++) {
            c.member("m" + i, LVYUAN);
            c.award("m" + i, i * 10L, "p" + i);
        }
        Leaderboard top3 = c.honours.leaderboard(LVYUAN, NOV, 3);
        assertEquals(List.of("m5", "m4", "m3"), members(top3));
        assertEquals(5, top3.participants());

        Standing last = c.honours.standing(LVYUAN, NOV, ActorId.of("m1")).orElseThrow();
        assertEquals(5, last.rank());
        assertEquals(10, last.points());
        assertTrue(c.honours.standing(HEPING, NOV, ActorId.of("m1")).isEmpty());
        assertThrows(InvalidInput.class, () -> c.honours.leaderboard(LVYUAN, NOV, 0));
    }

    @Test
    void aReversalInsideTheMonthLowersTheMonthAndAFullyReversedAwardLeavesTheBoard() {
        HonoursCity c = new HonoursCity().member("rider-a", YUANHANG).member("rider-b", YUANHANG);
        c.at(2026, 11, 5, 10, 0);
        c.award("rider-a", 50, "a1");
        c.award("rider-b", 40, "b1");
        c.at(2026, 11, 20, 10, 0);
        c.reverse("a1-fix", "rider-a", 20, "a1");
        c.reverse("b1-fix", "rider-b", 40, "b1");

        Leaderboard b = c.honours.leaderboard(YUANHANG, NOV, 10);
        assertEquals(List.of("rider-a"), members(b));
        assertEquals(List.of(30L), points(b));
        assertEquals(HonoursCity.local(2026, 11, 20, 10, 0), b.standings().get(0).reachedAt());
        assertEquals(1, b.participants());
        assertEquals(30, c.honours.lifetimeEarned(ActorId.of("rider-a")));
    }

    @Test
    void aReversalInALaterMonthLeavesTheClosedBoardAsPublishedButLowersLifetimeEarned() {
        HonoursCity c = new HonoursCity().member("rider-a", YUANHANG);
        c.at(2026, 11, 28, 10, 0);
        c.award("rider-a", 50, "a1");
        c.at(2026, 12, 2, 10, 0);
        c.award("rider-a", 15, "a2");
        c.reverse("a1-fix", "rider-a", 20, "a1");

        assertEquals(List.of(50L), points(c.honours.leaderboard(YUANHANG, NOV, 10)));
        assertEquals(List.of(15L), points(c.honours.leaderboard(YUANHANG, DEC, 10)));
        assertEquals(45, c.honours.lifetimeEarned(ActorId.of("rider-a")));
    }

    @Test
    void penaltiesAndRedemptionsLowerTheBalanceButNotThePointsEarned() {
        HonoursCity c = new HonoursCity().member("rider-a", YUANHANG);
        AccountId a = AccountId.member(ActorId.of("rider-a"));
        c.award("rider-a", 60, "a1");
        c.post("pen-1", a, AccountId.PENALTIES, 10, "penalty", Map.of("rule", "false-report"));
        c.post("hold-1", a, AccountId.HOLDS, 30, "hold", Map.of("reservation", "toy-1"));

        assertEquals(List.of(60L), points(c.honours.leaderboard(YUANHANG, NOV, 10)));
        assertEquals(60, c.honours.lifetimeEarned(ActorId.of("rider-a")));
        assertEquals(20, c.ledger.balance(ActorId.of("rider-a")));
    }

    @Test
    void keepsUpWithTheLedgerFeedFromItsCheckpointAndARetriedAwardCountsOnce() {
        HonoursCity c = new HonoursCity().member("rider-a", YUANHANG);
        c.award("rider-a", 10, "a1");
        c.award("rider-a", 10, "a1"); // a retry: the ledger returns the original posting
        assertEquals(List.of(10L), points(c.honours.leaderboard(YUANHANG, NOV, 10)));
        long seen = c.honours.checkpoint();
        assertEquals(1, seen);
        assertEquals(0, c.honours.catchUp());

        c.award("rider-a", 7, "a2");
        assertEquals(1, c.honours.catchUp());
        assertEquals(List.of(17L), points(c.honours.leaderboard(YUANHANG, NOV, 10)));
    }

    @Test
    void boardsExistOnlyForCommunitiesAndStreetsOfTheTree() {
        HonoursCity c = new HonoursCity();
        InvalidInput district = assertThrows(InvalidInput.class,
                () -> c.honours.leaderboard(OrgUnitId.of("ranghulu"), NOV, 10));
        assertEquals("unit", district.field());
        assertTrue(district.getMessage().contains("DISTRICT"), district.getMessage());
        assertThrows(NotFound.class, () -> c.honours.leaderboard(OrgUnitId.of("atlantis"), NOV, 10));
    }

    @Test
    void aRosterThatPlacesAMemberOutsideACommunityIsAConfigurationError() {
        HonoursCity c = new HonoursCity().member("rider-a", OrgUnitId.of("grid-1"));
        c.award("rider-a", 10, "a1");
        InvalidConfiguration e = assertThrows(InvalidConfiguration.class,
                () -> c.honours.leaderboard(YUANHANG, NOV, 10));
        assertTrue(e.getMessage().contains("rider-a") && e.getMessage().contains("grid-1"), e.getMessage());
    }

    @Test
    void theBuilderNamesWhatIsMissing() {
        InvalidConfiguration e = assertThrows(InvalidConfiguration.class,
                () -> Honours.builder().orgTree(HonoursCity.TREE).membership(m -> java.util.Optional.empty()).build());
        assertTrue(e.getMessage().contains("ledger"), e.getMessage());
    }
}
