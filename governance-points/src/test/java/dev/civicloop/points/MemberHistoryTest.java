package dev.civicloop.points;

import static dev.civicloop.points.HonoursCity.YUANHANG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.model.ActorId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemberHistoryTest {
    private static final ActorId RIDER = ActorId.of("rider-a");
    private static final AccountId ACCOUNT = AccountId.member(RIDER);

    @Test
    void riderSeesAwardsAndTheToyRedemptionNewestFirstWithRunningBalanceAndWhy() {
        HonoursCity c = new HonoursCity().member("rider-a", YUANHANG);
        c.at(2026, 11, 3, 9, 0);
        c.award("rider-a", 30, "report-1");
        c.at(2026, 11, 8, 9, 0);
        c.ledger.award(RIDER, 78, PostingId.of("volunteer-1"),
                Map.of("rule", "volunteer-hours", "event", "patrol-7", "limit", "monthly 200"));
        c.at(2026, 11, 9, 9, 0);
        c.post("hold-toy", ACCOUNT, AccountId.HOLDS, 60, "hold", Map.of("reservation", "toy-1", "item", "toy"));
        c.post("redeem-toy", AccountId.HOLDS, AccountId.REDEMPTION, 60, "redeem", Map.of("reservation", "toy-1"));
        c.award("someone-else", 5, "other-1");
        c.at(2026, 11, 10, 9, 0);
        c.post("pen-1", ACCOUNT, AccountId.PENALTIES, 5, "penalty", Map.of("rule", "false-report"));

        MemberHistory h = c.honours.history(RIDER);
        assertEquals(List.of("penalty", "hold", "award", "award"), h.entries().stream().map(HistoryEntry::kind).toList());
        assertEquals(List.of(-5L, -60L, 78L, 30L), h.entries().stream().map(HistoryEntry::amount).toList());
        assertEquals(List.of(43L, 48L, 108L, 30L), h.entries().stream().map(HistoryEntry::balanceAfter).toList());
        assertEquals(43, h.balance());
        assertEquals(c.ledger.balance(RIDER), h.balance());

        HistoryEntry volunteering = h.entries().get(2);
        assertEquals(PostingId.of("volunteer-1"), volunteering.posting());
        assertEquals("volunteer-hours", volunteering.details().get("rule"));
        assertEquals("monthly 200", volunteering.details().get("limit"));
        assertEquals(HonoursCity.local(2026, 11, 8, 9, 0), volunteering.at());
        assertEquals("toy-1", h.entries().get(1).details().get("reservation"));
        assertTrue(h.entries().get(0).position() > h.entries().get(1).position());
    }

    @Test
    void aCancelledRedemptionShowsItsReleaseAndAReversalShowsWhatItCorrects() {
        HonoursCity c = new HonoursCity();
        c.award("rider-a", 50, "a1");
        c.post("hold-1", ACCOUNT, AccountId.HOLDS, 40, "hold", Map.of("reservation", "r1"));
        c.post("release-1", AccountId.HOLDS, ACCOUNT, 40, "release", Map.of("reservation", "r1", "why", "cancelled"));
        c.reverse("a1-fix", "rider-a", 10, "a1");

        MemberHistory h = c.honours.history(RIDER);
        assertEquals(List.of("reversal", "release", "hold", "award"), h.entries().stream().map(HistoryEntry::kind).toList());
        assertEquals(List.of(40L, 50L, 10L, 50L), h.entries().stream().map(HistoryEntry::balanceAfter).toList());
        assertEquals("a1", h.entries().get(0).details().get("reverses"));
    }

    @Test
    void aMemberWithoutPostingsHasAnEmptyHistory() {
        MemberHistory h = new HonoursCity().honours.history(ActorId.of("newcomer"));
        assertEquals(0, h.balance());
        assertTrue(h.entries().isEmpty());
    }
}
