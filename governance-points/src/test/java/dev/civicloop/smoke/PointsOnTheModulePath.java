package dev.civicloop.smoke;

import dev.civicloop.points.CivicEvent;
import dev.civicloop.points.MemberProfile;
import dev.civicloop.points.PointsAwarder;
import dev.civicloop.points.PointsLedger;
import dev.civicloop.points.PointsRules;
import dev.civicloop.points.PointsSupermarket;
import dev.civicloop.spi.catalogue.CatalogueItem;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Occupation;
import dev.civicloop.spi.model.Role;
import dev.civicloop.store.memory.InMemoryLedgerStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

/**
 * Run by {@code ModulePathSmokeTest} in a child JVM whose module path holds governance-points,
 * its runtime dependencies and the in-memory store: loads rules (Jackson), awards, redeems.
 */
public final class PointsOnTheModulePath {
    private PointsOnTheModulePath() {}

    public static void main(String[] args) throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T06:00:00Z"), ZoneOffset.UTC);
        PointsRules rules = PointsRules.loader().clock(clock).load(Files.readString(Path.of(args[0])), args[0]);
        InMemoryLedgerStore store = new InMemoryLedgerStore();
        PointsLedger ledger = PointsLedger.builder(store).clock(clock).build();
        PointsAwarder awarder = PointsAwarder.of(rules, ledger, store,
                id -> MemberProfile.of(Set.of(Role.VOLUNTEER), Occupation.DELIVERY_RIDER));
        ActorId rider = ActorId.of("wang-bin");
        awarder.accept(CivicEvent.of("v-1", "volunteer.attended", rider, clock.instant(), Map.of("hours", "5")));
        PointsSupermarket shop = PointsSupermarket.builder(ledger).build();
        shop.putItem(CatalogueItem.of("soap", "洗衣液", "Detergent", 15));
        shop.restock("soap", 2, PostingId.of("restock-1"));
        shop.fulfil(shop.reserve("r-1", rider, "soap").id());
        System.out.println("module " + PointsLedger.class.getModule().getName());
        System.out.println("balance " + ledger.balance(rider));
        System.out.println("stock " + shop.stock("soap"));
    }
}
