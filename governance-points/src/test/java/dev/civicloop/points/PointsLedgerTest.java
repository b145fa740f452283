package dev.civicloop.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.DuplicatePosting;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.catalogue.CatalogueItem;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.ledger.StoredPosting;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.store.memory.InMemoryLedgerStore;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PointsLedgerTest {
    static final ActorId RIDER = ActorId.of("rider-wang");
    static final ActorId RESIDENT = ActorId.of("resident-li");

    final InMemoryLedgerStore store = new InMemoryLedgerStore();
    final LedgerClock clock = new LedgerClock();
    final PointsLedger ledger = PointsLedger.builder(store).clock(clock).build();

    static PostingId id(String s) {
        return PostingId.of(s);
    }

    static Map<String, String> why(String rule) {
        return Map.of("rule", rule);
    }

    void assertDoubleEntry() {
        for (String asset : List.of(Posting.POINTS, PointsLedger.UNCOLLECTED)) {
            long sum = store.balances(asset).values().stream().mapToLong(Long::longValue).sum();
            assertEquals(0, sum, "accounts of " + asset + " sum to zero: " + store.balances(asset));
        }
    }

    @Test
    void award_is_idempotent_by_id_and_refuses_the_same_id_with_another_amount() {
        StoredPosting first = ledger.award(RIDER, 10, id("verified-report:T-1"), why("verified-report"));
        assertEquals(first, ledger.award(RIDER, 10, id("verified-report:T-1"), why("verified-report")));
        assertEquals(10, ledger.balance(RIDER));
        DuplicatePosting e = assertThrows(DuplicatePosting.class,
                () -> ledger.award(RIDER, 12, id("verified-report:T-1"), why("verified-report")));
        assertEquals("verified-report:T-1", e.postingId());
        assertEquals(10, ledger.balance(RIDER));
        assertEquals(-10, store.balances(Posting.POINTS).get(AccountId.ISSUANCE));
        assertDoubleEntry();
    }

    @Test
    void penalty_takes_what_the_member_has_and_records_the_shortfall() {
        ledger.award(RIDER, 8, id("a1"), why("r"));
        Penalty p = ledger.penalize(RIDER, 20, id("false-report:T-9"), Map.of("ticket", "T-9"));
        assertEquals(8, p.taken());
        assertEquals(12, p.shortfall());
        assertEquals(0, ledger.balance(RIDER));
        assertEquals("12", p.posting().posting().details().get("shortfall"));
        assertEquals("20", p.posting().posting().details().get("requested"));
        assertEquals(AccountId.PENALTIES, p.posting().posting().credit());
        assertEquals(p, ledger.penalize(RIDER, 20, id("false-report:T-9"), Map.of("ticket", "T-9")), "retry");
        assertThrows(DuplicatePosting.class, () -> ledger.penalize(RIDER, 5, id("false-report:T-9"), Map.of()));
        assertDoubleEntry();
    }

    @Test
    void penalty_on_an_empty_account_records_a_memo_so_a_replay_after_new_awards_takes_nothing() {
        Penalty p = ledger.penalize(RIDER, 5, id("false-report:T-2"), Map.of());
        assertEquals(0, p.taken());
        assertEquals(5, p.shortfall());
        assertEquals(PointsLedger.UNCOLLECTED, p.posting().posting().asset());
        ledger.award(RIDER, 30, id("a1"), why("r"));
        Penalty replay = ledger.penalize(RIDER, 5, id("false-report:T-2"), Map.of());
        assertEquals(0, replay.taken());
        assertEquals(30, ledger.balance(RIDER));
        assertDoubleEntry();
    }

    @Test
    void an_award_is_reversed_while_the_member_still_has_the_points_and_reversing_again_is_idempotent() {
        ledger.award(RIDER, 10, id("a1"), why("r"));
        StoredPosting rev = ledger.reverse(id("a1"), id("fix-1"), "awarded to the wrong rider");
        assertEquals(0, ledger.balance(RIDER));
        assertEquals("reversal", rev.posting().kind());
        assertEquals("a1", rev.posting().details().get("reverses"));
        assertEquals(rev, ledger.reverse(id("a1"), id("fix-1"), "awarded to the wrong rider"));
        PointsRefused again = assertThrows(PointsRefused.class, () -> ledger.reverse(id("a1"), id("fix-2"), "again"));
        assertEquals(PointsRefused.Reason.ALREADY_REVERSED, again.reason());
        assertEquals(0, ledger.balance(RIDER));
        assertDoubleEntry();
    }

    @Test
    void an_award_whose_points_were_taken_cannot_be_reversed() {
        ledger.award(RIDER, 10, id("a1"), why("r"));
        ledger.penalize(RIDER, 4, id("p1"), Map.of());
        PointsRefused e = assertThrows(PointsRefused.class, () -> ledger.reverse(id("a1"), id("fix-1"), "wrong"));
        assertEquals(PointsRefused.Reason.POINTS_ALREADY_SPENT, e.reason());
        assertEquals("points", e.field());
        assertEquals(6, ledger.balance(RIDER));
    }

    @Test
    void a_reversed_penalty_gives_the_points_back_to_the_lots_they_came_from() {
        PointsLedger expiring = PointsLedger.builder(store).clock(clock).lotValidity(Period.ofDays(30)).build();
        expiring.award(RIDER, 10, id("a1"), why("r"));
        clock.advance(Duration.ofDays(10));
        expiring.award(RIDER, 10, id("a2"), why("r"));
        expiring.penalize(RIDER, 15, id("p1"), Map.of());
        assertEquals(List.of(0L, 5L), expiring.lots(RIDER).stream().map(Lot::remaining).toList());
        expiring.reverse(id("p1"), id("undo-p1"), "the report was true after all");
        assertEquals(List.of(10L, 10L), expiring.lots(RIDER).stream().map(Lot::remaining).toList());
        assertEquals(20, expiring.balance(RIDER));
        assertDoubleEntry();
    }

    @Test
    void only_awards_and_penalties_can_be_reversed_and_unknown_postings_are_not_found() {
        ledger.award(RIDER, 10, id("a1"), why("r"));
        ledger.reverse(id("a1"), id("fix-1"), "wrong");
        InvalidInput e = assertThrows(InvalidInput.class, () -> ledger.reverse(id("fix-1"), id("fix-2"), "undo"));
        assertEquals("postingId", e.field());
        assertThrows(NotFound.class, () -> ledger.reverse(id("nope"), id("fix-3"), "x"));
        assertThrows(DuplicatePosting.class, () -> ledger.reverse(id("a1"), id("a1"), "reusing the award's id"));
        assertThrows(InvalidInput.class, () -> ledger.reverse(id("a1"), id("fix-4"), " "));
    }

    @Test
    void points_expire_by_lot_oldest_spent_first_and_expiry_runs_once() {
        PointsLedger expiring = PointsLedger.builder(store).clock(clock).lotValidity(Period.ofDays(30)).build();
        expiring.award(RIDER, 10, id("march"), why("r"));
        clock.advance(Duration.ofDays(20));
        expiring.award(RIDER, 7, id("later"), why("r"));
        expiring.penalize(RIDER, 4, id("p1"), Map.of()); // takes from the oldest lot
        Lot march = expiring.lots(RIDER).get(0);
        // earned 2026-03-02 Shanghai: valid that day and 30 more, expires at the start of 2026-04-02 Shanghai
        assertEquals(Instant.parse("2026-04-01T16:00:00Z"), march.expiresAt());
        clock.set(march.expiresAt().minusSeconds(1));
        assertEquals(List.of(), expiring.expire());
        clock.set(march.expiresAt());
        assertEquals(7, expiring.spendable(RIDER), "an expired lot is not spendable before expiry is posted");
        List<StoredPosting> expired = expiring.expire();
        assertEquals(1, expired.size());
        assertEquals(6, expired.get(0).posting().amount());
        assertEquals("march", expired.get(0).posting().details().get("lot"));
        assertEquals(AccountId.EXPIRY, expired.get(0).posting().credit());
        assertEquals(List.of(), expiring.expire(RIDER), "expiry is idempotent");
        assertEquals(7, expiring.balance(RIDER));
        assertDoubleEntry();
    }

    @Test
    void lot_expiry_counts_days_in_the_city_zone() {
        clock.set(Instant.parse("2026-03-02T17:00:00Z")); // 01:00 on 3 March in Shanghai, still 2 March in UTC
        PointsLedger shanghai = PointsLedger.builder(store).clock(clock).lotValidity(Period.ofDays(1)).build();
        PointsLedger utc = PointsLedger.builder(store).clock(clock).zone(ZoneId.of("UTC"))
                .lotValidity(Period.ofDays(1)).build();
        shanghai.award(RIDER, 1, id("a"), why("r"));
        assertEquals(Instant.parse("2026-03-04T16:00:00Z"), shanghai.lots(RIDER).get(0).expiresAt());
        assertEquals(Instant.parse("2026-03-04T00:00:00Z"), utc.lots(RIDER).get(0).expiresAt());
    }

    @Test
    void new_points_count_in_the_balance_but_are_locked_for_the_lock_period() {
        PointsLedger locked = PointsLedger.builder(store).clock(clock).lockPeriod(Duration.ofDays(7)).build();
        locked.award(RIDER, 10, id("old"), why("r"));
        clock.advance(Duration.ofDays(7));
        locked.award(RIDER, 5, id("new"), why("r"));
        assertEquals(15, locked.balance(RIDER));
        assertEquals(10, locked.spendable(RIDER));
        clock.advance(Duration.ofDays(7));
        assertEquals(15, locked.spendable(RIDER));
    }

    @Test
    void a_statement_explains_every_posting_with_a_running_balance() {
        ledger.award(RIDER, 60, id("volunteer:2026-03-01"), Map.of("rule", "volunteer-hour", "event", "E-1"));
        ledger.award(RIDER, 48, id("reports:T-7"), Map.of("rule", "verified-report", "event", "T-7/2"));
        ledger.penalize(RIDER, 8, id("false:T-8"), Map.of("ticket", "T-8"));
        Statement s = ledger.statement(RIDER);
        assertEquals(List.of("award", "award", "penalty"), s.entries().stream().map(StatementEntry::kind).toList());
        assertEquals(List.of(60L, 48L, -8L), s.entries().stream().map(StatementEntry::amount).toList());
        assertEquals(List.of(60L, 108L, 100L), s.entries().stream().map(StatementEntry::balance).toList());
        assertEquals("verified-report", s.entries().get(1).details().get("rule"));
        assertEquals(AccountId.ISSUANCE, s.entries().get(0).counterparty());
        assertEquals(100, s.balance());
        assertEquals(100, s.spendable());
        assertEquals(2, s.lots().size());
        assertTrue(ledger.statement(RESIDENT).entries().isEmpty());
    }

    @Test
    void the_builder_names_what_was_wrong() {
        assertTrue(assertThrows(InvalidConfiguration.class, () -> PointsLedger.builder(store).lotValidity(Period.ZERO))
                .getMessage().contains("lotValidity"));
        assertTrue(assertThrows(InvalidConfiguration.class,
                () -> PointsLedger.builder(store).lockPeriod(Duration.ofHours(-1))).getMessage().contains("lockPeriod"));
        assertTrue(assertThrows(InvalidConfiguration.class, () -> PointsLedger.builder(store).maxAttempts(0))
                .getMessage().contains("maxAttempts"));
        assertThrows(InvalidConfiguration.class, () -> PointsLedger.builder(null));
        assertEquals(ZoneId.of("Asia/Shanghai"), ledger.zone());
        assertEquals("points", assertThrows(InvalidInput.class, () -> ledger.penalize(RIDER, 0, id("p"), Map.of()))
                .field());
    }

    @Test
    void an_expired_lot_restored_by_a_late_release_expires_again_under_a_new_id() {
        PointsLedger expiring = PointsLedger.builder(store).clock(clock).lotValidity(Period.ofDays(2)).build();
        PointsSupermarket market = PointsSupermarket.builder(expiring).holdTime(Duration.ofDays(10)).build();
        market.putItem(CatalogueItem.of("soap", "洗衣液", "Detergent", 6));
        market.restock("soap", 1, id("restock-1"));
        expiring.award(RIDER, 10, id("a1"), why("r"));
        market.reserve("r-1", RIDER, "soap");
        clock.advance(Duration.ofDays(4));
        assertEquals(4, expiring.expire().get(0).posting().amount());
        market.cancel("r-1"); // the 6 points go back to their lot, which has expired
        assertEquals(0, expiring.spendable(RIDER));
        List<StoredPosting> second = expiring.expire();
        assertEquals(6, second.get(0).posting().amount());
        assertTrue(second.get(0).posting().id().value().endsWith("#2"), second.get(0).posting().id().value());
        assertEquals(0, expiring.balance(RIDER));
        assertDoubleEntry();
    }
}
