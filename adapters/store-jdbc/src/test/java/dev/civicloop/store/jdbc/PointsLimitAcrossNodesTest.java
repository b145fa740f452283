package dev.civicloop.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.civicloop.points.Award;
import dev.civicloop.points.CivicEvent;
import dev.civicloop.points.MemberProfile;
import dev.civicloop.points.PointsAwarder;
import dev.civicloop.points.PointsLedger;
import dev.civicloop.points.PointsRules;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.spi.model.ActorId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two application nodes — each its own awarder, ledger and store on one database — award a
 * member's check-ins at once; a daily limit of 25 points (10 per check-in) still holds: the member
 * ends the day with exactly 25, however the 24 concurrent check-ins interleave.
 */
class PointsLimitAcrossNodesTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ActorId RIDER = ActorId.of("wang-bin");
    private static final String RULES = "{\"zone\": \"Asia/Shanghai\", \"rules\": [{\"id\": \"checkin\","
            + " \"on\": \"station.checkin\", \"points\": 10, \"limits\": {\"perDay\": 25}}]}";

    @ParameterizedTest
    @EnumSource(JdbcDatabase.Dialect.class)
    void aDailyLimitHoldsAcrossNodesSharingOneLedger(JdbcDatabase.Dialect dialect) throws Exception {
        try (TestDatabases.Handle h = LedgerMemberTables.open(dialect, 12)) {
            Instant morning = LocalDateTime.parse("2026-11-23T09:00").atZone(SHANGHAI).toInstant();
            List<PointsAwarder> nodes = List.of(node(h.db(), morning), node(h.db(), morning));
            int checkIns = 24;
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Award>>> results = new ArrayList<>();
            for (int i = 0; i < checkIns; i++) {
                PointsAwarder node = nodes.get(i % 2);
                CivicEvent checkIn = CivicEvent.of("checkin-" + i, "station.checkin", RIDER,
                        morning.plusSeconds(60L * i), Map.of());
                results.add(pool.submit(() -> {
                    go.await();
                    return node.accept(checkIn);
                }));
            }
            go.countDown();
            long awarded = 0;
            try {
                for (Future<List<Award>> r : results) {
                    awarded += r.get(2, TimeUnit.MINUTES).stream().mapToLong(Award::points).sum();
                }
            } finally {
                pool.shutdownNow();
            }
            LedgerStore store = h.db().ledgerStore();
            assertEquals(25, store.account(AccountId.member(RIDER)).balance("points"), "the rider's points for the day");
            assertEquals(25, awarded, "points the awarders reported as awarded");
        }
    }

    private static PointsAwarder node(JdbcDatabase db, Instant now) {
        LedgerStore store = db.ledgerStore();
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        PointsRules rules = PointsRules.loader().clock(clock).load(RULES, "checkin-rules.json");
        return PointsAwarder.of(rules, new PointsLedger(store, clock), store, id -> MemberProfile.UNKNOWN);
    }
}
