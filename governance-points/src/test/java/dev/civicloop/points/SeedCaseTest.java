package dev.civicloop.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.core.TicketView;
import dev.civicloop.core.command.Report;
import dev.civicloop.core.command.Verify;
import dev.civicloop.spi.catalogue.CatalogueItem;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.CategoryKind;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.Deadline;
import dev.civicloop.spi.model.Department;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.Occupation;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.model.Urgency;
import dev.civicloop.store.memory.InMemoryLedgerStore;
import dev.civicloop.store.memory.InMemoryTicketStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The seeds' rider end to end: his snap-reports (through the ticket engine and the event feed)
 * and his volunteer work reach 108 points by the city's example rules; he redeems a child's toy in
 * the community points supermarket; a second redemption beyond his balance is refused.
 */
class SeedCaseTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DepartmentId MUNICIPAL = DepartmentId.of("municipal");
    private static final DepartmentId GAS = DepartmentId.of("gas-co");
    private static final OrgUnitId GRID = OrgUnitId.of("yuanhang-grid-6");
    private static final Actor RIDER = Actor.reporter("wang-bin", Role.MOBILE_GRID_MEMBER);
    private static final Actor GRID_STAFF = Actor.of("grid6-staff", Set.of(Role.GRID_STAFF), Set.of(GRID), Set.of());
    private static final Category MANHOLE = Category.builder("manhole_cover", "井盖破损", "Broken manhole cover")
            .kind(CategoryKind.HAZARD).claimWithin(Deadline.hours(24)).resolveWithin(Deadline.workingDays(1))
            .lead(MUNICIPAL).build();
    private static final Category GAS_LEAK = Category.builder("gas_leak", "燃气泄漏", "Gas leak")
            .kind(CategoryKind.HAZARD).urgency(Urgency.URGENT).claimWithin(Deadline.hours(1))
            .resolveWithin(Deadline.hours(2)).lead(GAS).build();

    private final Instant monday = LocalDateTime.parse("2026-11-23T09:00").atZone(SHANGHAI).toInstant();
    private final MovingClock clock = new MovingClock(monday);
    private final InMemoryTicketStore tickets = new InMemoryTicketStore();
    private final GovernanceEngine engine = GovernanceEngine.builder()
            .store(tickets).clock(clock)
            .orgUnits(List.of(
                    OrgUnit.of("daqing", OrgLevel.CITY, "大庆市", null),
                    OrgUnit.of("babaishang", OrgLevel.STREET, "八百垧街道", "daqing"),
                    OrgUnit.of("yuanhang", OrgLevel.COMMUNITY, "远航社区", "babaishang"),
                    OrgUnit.of("yuanhang-grid-6", OrgLevel.GRID, "第六网格", "yuanhang")))
            .departments(List.of(Department.of("municipal", "市政设施管理处", "Municipal facilities"),
                    Department.of("gas-co", "燃气公司", "Gas company")))
            .categories(List.of(MANHOLE, GAS_LEAK))
            .build();
    private final InMemoryLedgerStore ledgerStore = new InMemoryLedgerStore();
    private final PointsLedger ledger = PointsLedger.builder(ledgerStore).clock(clock).build();
    private final PointsAwarder awarder = PointsAwarder.of(exampleRules(), ledger, ledgerStore,
            member -> MemberProfile.of(Set.of(Role.MOBILE_GRID_MEMBER, Role.VOLUNTEER), Occupation.DELIVERY_RIDER));
    private final TicketEventFeed feed = new TicketEventFeed(tickets, engine, awarder, 0);
    private final PointsSupermarket supermarket = PointsSupermarket.builder(ledger).holdTime(Duration.ofDays(3)).build();
    private final AtomicInteger commands = new AtomicInteger();

    @Test
    void aRidersReportsAndVolunteerHoursReach108PointsAndBuyAToy() {
        // Three verified manhole reports (5 each) and one urgent gas leak (5 + urgent bonus 10) = 30.
        for (int i = 0; i < 3; i++) {
            TicketView t = report(MANHOLE);
            engine.handle(new Verify(cmd(), GRID_STAFF, t.ticketId(), VerificationMethod.BY_PHOTO, null));
            clock.advance(Duration.ofHours(1));
        }
        report(GAS_LEAK); // urgent: verification skipped, counts as verified
        feed.poll();
        assertEquals(30, ledger.balance(RIDER.id()), "reports");

        // Volunteer hours at 4 points an hour: 6 + 8 + 3.5 = 17.5 h = 70; one anti-fraud talk = 8.
        volunteer("v-1", "2026-11-24T14:00", "6");
        volunteer("v-2", "2026-11-25T09:00", "8");
        volunteer("v-3", "2026-11-26T18:30", "3.5");
        awarder.accept(CivicEvent.of("talk-1", "antifraud.talk_given", RIDER.id(), shanghai("2026-11-27T19:00"), Map.of()));
        assertEquals(108, ledger.balance(RIDER.id()), "the seeds' 108 points");
        // 4 snap-reports, 1 urgent bonus, 3 volunteer sessions, 1 talk: each award explains itself.
        assertEquals(9, awarder.why(RIDER.id()).size());

        // Replaying everything changes nothing.
        new TicketEventFeed(tickets, engine, awarder, 0).poll();
        volunteer("v-1", "2026-11-24T14:00", "6");
        assertEquals(108, ledger.balance(RIDER.id()));

        // The points supermarket: a toy excavator for 100 points, 3 in stock, one per member.
        supermarket.putItem(CatalogueItem.of("toy-excavator", "儿童玩具挖掘机", "Toy excavator", 100)
                .withPerMemberLimit(1).withPickupPlace("远航社区党群服务站"));
        supermarket.putItem(CatalogueItem.of("picture-book", "绘本", "Picture book", 20).withPickupPlace("远航社区党群服务站"));
        supermarket.restock("toy-excavator", 3, PostingId.of("restock-toys-1"));
        supermarket.restock("picture-book", 10, PostingId.of("restock-books-1"));
        clock.set(shanghai("2026-11-28T10:00"));

        Reservation toy = supermarket.reserve("r-1", RIDER.id(), "toy-excavator");
        assertEquals(Reservation.State.RESERVED, toy.state());
        assertEquals(8, ledger.balance(RIDER.id()), "100 points held");
        assertEquals(2, supermarket.stock("toy-excavator"), "one toy held for pickup");
        clock.advance(Duration.ofHours(5));
        assertEquals(Reservation.State.FULFILLED, supermarket.fulfil("r-1").state());
        assertEquals(8, ledger.balance(RIDER.id()));
        assertEquals(2, supermarket.stock("toy-excavator"));

        PointsRefused refused = assertThrows(PointsRefused.class,
                () -> supermarket.reserve("r-2", RIDER.id(), "picture-book"));
        assertEquals(PointsRefused.Reason.NOT_ENOUGH_POINTS, refused.reason());
        assertEquals(8, ledger.balance(RIDER.id()), "the refusal changed nothing");
        assertEquals(10, supermarket.stock("picture-book"));

        // Double entry: issuance, redemption and the member balance out.
        Map<AccountId, Long> balances = ledgerStore.balances(Posting.POINTS);
        assertEquals(0L, balances.values().stream().mapToLong(Long::longValue).sum());
        assertEquals(-108L, balances.get(AccountId.ISSUANCE));
        assertEquals(100L, balances.get(AccountId.REDEMPTION));
    }

    private TicketView report(Category category) {
        return engine.handle(new Report(cmd(), RIDER, category.code(), Location.address("尚溪小区"),
                category.nameZh() + "，请处理", List.of(), GRID));
    }

    private void volunteer(String id, String localTime, String hours) {
        awarder.accept(CivicEvent.of(id, "volunteer.attended", RIDER.id(), shanghai(localTime), Map.of("hours", hours)));
    }

    private CommandId cmd() {
        return CommandId.of("c" + commands.incrementAndGet());
    }

    private static Instant shanghai(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    private static PointsRules exampleRules() {
        try (InputStream in = SeedCaseTest.class.getResourceAsStream("/points-rules-example.json")) {
            return PointsRules.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), "points-rules-example.json");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
