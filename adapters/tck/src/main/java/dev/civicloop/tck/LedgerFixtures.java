package dev.civicloop.tck;

import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.LedgerAppend;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Recipient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Realistic values for ledger storage tests: the seed city's rider earning points for reports and
 * volunteering, holding and redeeming them in the points supermarket, and catalogue items
 * restocked from supply. All instants have millisecond precision.
 *
 * <pre>{@code
 * AccountId rider = LedgerFixtures.RIDER;
 * store.append(LedgerFixtures.unguarded(LedgerFixtures.award("award-verified-t-1", rider, 20)));
 * store.append(LedgerFixtures.guarded(Map.of(rider, 1L), LedgerFixtures.redeem("redeem-r-1", rider, 15)));
 * }</pre>
 */
public final class LedgerFixtures {

    /** The fixtures' "now", with a millisecond part so truncation shows. */
    public static final Instant T0 = TicketFixtures.T0;

    /** The delivery rider of the seed case, who earns 108 points and redeems a toy. */
    public static final AccountId RIDER = AccountId.member(TicketFixtures.RIDER);
    /** A neighbour who volunteers. */
    public static final AccountId NEIGHBOUR = AccountId.member(ActorId.of("liu-yang"));
    /** The points supermarket's toy. */
    public static final String TOY = "toy-excavator";
    /** The asset of {@link #TOY} units. */
    public static final String TOY_UNITS = Posting.item(TOY);

    private LedgerFixtures() {}

    /**
     * The notification an award causes: {@code points-awarded} to the member, about no ticket,
     * created at {@code T0 + 1 s}, with the points in its data.
     */
    public static Notification pointsAwarded(String id, ActorId member, long points) {
        return new Notification(id, "points-awarded", Recipient.actor(member.value()), null, T0.plusSeconds(1), false,
                Map.of("points", Long.toString(points), "rule", "verified-report"));
    }

    /** Points awarded for a verified report: issuance → member, at {@code T0 + 1 s}. */
    public static Posting award(String id, AccountId member, long points) {
        return posting(id, AccountId.ISSUANCE, member, Posting.POINTS, points, "award",
                Map.of("rule", "verified-report", "event", "ticket-" + id));
    }

    /** Points spent in the points supermarket: member → redemption. */
    public static Posting redeem(String id, AccountId member, long points) {
        return posting(id, member, AccountId.REDEMPTION, Posting.POINTS, points, "redeem",
                Map.of("item", TOY, "reservation", "res-" + id));
    }

    /** Points held for a reservation: member → holds. */
    public static Posting hold(String id, AccountId member, long points) {
        return posting(id, member, AccountId.HOLDS, Posting.POINTS, points, "hold", Map.of("reservation", "res-" + id));
    }

    /** A hold given back: holds → member. */
    public static Posting release(String id, AccountId member, long points) {
        return posting(id, AccountId.HOLDS, member, Posting.POINTS, points, "release", Map.of("reason", "cancelled"));
    }

    /** Units of an item put on the shelf: supply → stock, asset {@code item:<code>}. */
    public static Posting restock(String id, String item, long units) {
        return posting(id, AccountId.supply(item), AccountId.stock(item), Posting.item(item), units, "restock",
                Map.of("station", "nanhu-street-service-station"));
    }

    /** One unit of an item held for a reservation: stock → holds, asset {@code item:<code>}. */
    public static Posting holdUnit(String id, String item) {
        return posting(id, AccountId.stock(item), AccountId.HOLDS, Posting.item(item), 1, "hold",
                Map.of("reservation", "res-" + id));
    }

    /** Any posting, at {@code T0 + 1 s}. */
    public static Posting posting(String id, AccountId debit, AccountId credit, String asset, long amount, String kind,
            Map<String, String> details) {
        return new Posting(PostingId.of(id), debit, credit, asset, amount, kind, T0.plusSeconds(1), details);
    }

    /**
     * An award that fills every field to its limit: 32 details, one value of 1000 characters
     * mixing Chinese and ASCII, an id of 128 characters, an amount near {@code Long.MAX_VALUE / 4}
     * and an instant with milliseconds. A store that truncates a column or drops an entry fails
     * the round trip.
     */
    public static Posting fullAward(AccountId member) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("rule", "anti-fraud-talk-given");
        details.put("event", "civic-event-2026-05-11-nanhu-17");
        details.put("limit", "3 per member per month (Asia/Shanghai), 2 used");
        details.put("reason", "反诈宣讲 · 南湖街道新就业群体服务站 · 骑手志愿者");
        StringBuilder long1000 = new StringBuilder();
        while (long1000.length() < 1000) {
            long1000.append("积分说明 points explained; ");
        }
        details.put("explanation", long1000.substring(0, 1000));
        for (int i = details.size(); i < 32; i++) {
            details.put("k" + i, "v" + i);
        }
        String id = "full-award-" + "x".repeat(128 - "full-award-".length());
        return new Posting(PostingId.of(id), AccountId.ISSUANCE, member, Posting.POINTS, Long.MAX_VALUE / 4,
                "award", T0.plusMillis(987), details);
    }

    /** An append of postings whose accounts are not guarded. */
    public static LedgerAppend unguarded(Posting... postings) {
        return LedgerAppend.unguarded(List.of(postings));
    }

    /** An append of postings under expected account versions. */
    public static LedgerAppend guarded(Map<AccountId, Long> expectedVersions, Posting... postings) {
        return new LedgerAppend(List.of(postings), expectedVersions);
    }
}
