package dev.civicloop.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.civicloop.spi.model.OrgUnitId;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class LeaderboardProperties {
    private static final long SEED = 0x5EED_2026L;
    /** Members 0–1 in yuanhang, 2–3 in lvyuan (both street-a), 4 in heping (street-b), 5 in no community. */
    private static final List<OrgUnitId> COMMUNITY_OF = List.of(HonoursCity.YUANHANG, HonoursCity.YUANHANG,
            HonoursCity.LVYUAN, HonoursCity.LVYUAN, HonoursCity.HEPING);
    private static final List<YearMonth> MONTHS = List.of(YearMonth.of(2026, 10), YearMonth.of(2026, 11),
            YearMonth.of(2026, 12));
    /** 29 October 00:00 in Shanghai; awards fall over the following ~40 days, across two month ends. */
    private static final Instant START = HonoursCity.local(2026, 10, 29, 0, 0);

    record Award(int member, long points, int minutes, boolean retried) {}

    private static Gen<Award> awards() {
        return integers().between(0, 5).zip(integers().between(1, 200), integers().between(0, 40 * 24 * 60),
                booleans().all(), (m, p, t, r) -> new Award(m, p, t, r));
    }

    @Test
    void theMonthsCommunityBoardAddsUpToTheAwardsOfItsMembersThatMonth() {
        qt().withFixedSeed(SEED).withExamples(150)
                .forAll(lists().of(awards()).ofSizeBetween(0, 60))
                .checkAssert(LeaderboardProperties::boardsAddUp);
    }

    private static void boardsAddUp(List<Award> stream) {
        HonoursCity c = new HonoursCity();
        for (int i = 0; i < COMMUNITY_OF.size(); i++) {
            c.member("m" + i, COMMUNITY_OF.get(i));
        }
        for (int i = 0; i < stream.size(); i++) {
            Award a = stream.get(i);
            c.clock.set(START.plusSeconds(a.minutes() * 60L));
            c.award("m" + a.member(), a.points(), "award-" + i);
            if (a.retried()) {
                c.award("m" + a.member(), a.points(), "award-" + i);
            }
        }
        for (YearMonth month : MONTHS) {
            for (OrgUnitId community : List.of(HonoursCity.YUANHANG, HonoursCity.LVYUAN, HonoursCity.HEPING)) {
                long board = total(c.honours.leaderboard(community, month, 100));
                assertEquals(expected(stream, month, community), board, community + " " + month);
            }
            assertEquals(expected(stream, month, HonoursCity.YUANHANG) + expected(stream, month, HonoursCity.LVYUAN),
                    total(c.honours.leaderboard(HonoursCity.STREET_A, month, 100)), "street-a " + month);
        }
    }

    private static long total(Leaderboard b) {
        return b.standings().stream().mapToLong(Standing::points).sum();
    }

    /** Computed without honours: each award once, its month read off a Shanghai wall clock. */
    private static long expected(List<Award> stream, YearMonth month, OrgUnitId community) {
        long sum = 0;
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        for (Award a : stream) {
            boolean inCommunity = a.member() < COMMUNITY_OF.size() && COMMUNITY_OF.get(a.member()).equals(community);
            java.time.LocalDateTime wall = START.plusSeconds(a.minutes() * 60L).atZone(shanghai).toLocalDateTime();
            if (inCommunity && wall.getYear() == month.getYear() && wall.getMonthValue() == month.getMonthValue()) {
                sum += a.points();
            }
        }
        return sum;
    }

}
