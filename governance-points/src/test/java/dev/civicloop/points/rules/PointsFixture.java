package dev.civicloop.points.rules;

import dev.civicloop.points.Award;
import dev.civicloop.points.CivicEvent;
import dev.civicloop.points.MemberProfile;
import dev.civicloop.points.PointsAwarder;
import dev.civicloop.points.PointsLedger;
import dev.civicloop.points.PointsRules;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Occupation;
import dev.civicloop.spi.model.Role;
import dev.civicloop.store.memory.InMemoryLedgerStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** A ledger, rules and an awarder for one test; the rider is a delivery rider and mobile grid member. */
final class PointsFixture {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ActorId RIDER = ActorId.of("wang-bin");
    static final ActorId DRIVER = ActorId.of("zhang-guolong");
    static final ActorId RESIDENT = ActorId.of("resident-li");
    /** 2026-11-23 09:00 in Shanghai, a Monday. */
    static final Instant NOW = at("2026-11-23T09:00");

    final InMemoryLedgerStore store = new InMemoryLedgerStore();
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final PointsLedger ledger = new PointsLedger(store, clock);
    final PointsRules rules;
    final PointsAwarder awarder;
    private final AtomicInteger ids = new AtomicInteger();

    PointsFixture(String rulesJson) {
        this.rules = PointsRules.loader().clock(clock).load(rulesJson, "test-rules.json");
        this.awarder = PointsAwarder.of(rules, ledger, store, PointsFixture::profile);
    }

    static MemberProfile profile(ActorId id) {
        if (id.equals(RIDER)) {
            return MemberProfile.of(Set.of(Role.MOBILE_GRID_MEMBER, Role.VOLUNTEER), Occupation.DELIVERY_RIDER);
        }
        if (id.equals(DRIVER)) {
            return MemberProfile.of(Set.of(Role.MOBILE_GRID_MEMBER), Occupation.RIDE_HAILING_DRIVER);
        }
        return MemberProfile.of(Set.of(Role.REPORTER), null);
    }

    /** A local date-time in Shanghai as an instant. */
    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    /** One rules file holding the given rule objects. */
    static String rulesFile(String... rules) {
        return "{\"zone\": \"Asia/Shanghai\", \"rules\": [" + String.join(",", rules) + "]}";
    }

    CivicEvent event(String type, ActorId member, String localTime, Map<String, String> attributes) {
        return CivicEvent.of("e" + ids.incrementAndGet(), type, member, at(localTime), attributes);
    }

    List<Award> accept(String type, ActorId member, String localTime, Map<String, String> attributes) {
        return awarder.accept(event(type, member, localTime, attributes));
    }

    long points(String type, ActorId member, String localTime, Map<String, String> attributes) {
        long before = awarder.balance(member);
        accept(type, member, localTime, attributes);
        return awarder.balance(member) - before;
    }
}
