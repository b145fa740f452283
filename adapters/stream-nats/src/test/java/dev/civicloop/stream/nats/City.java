package dev.civicloop.stream.nats;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.core.command.Accept;
import dev.civicloop.core.command.Claim;
import dev.civicloop.core.command.Confirm;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.command.Report;
import dev.civicloop.core.command.Resolve;
import dev.civicloop.core.command.Verify;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.LedgerAppend;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.member.MemberAppend;
import dev.civicloop.spi.member.MemberEnvelope;
import dev.civicloop.spi.member.MemberEvent;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.CategoryKind;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.Deadline;
import dev.civicloop.spi.model.Department;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.model.Satisfaction;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.store.memory.InMemoryLedgerStore;
import dev.civicloop.store.memory.InMemoryMemberStore;
import dev.civicloop.store.memory.InMemoryTicketStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small city on the in-memory stores: a real engine for ticket events, ledger postings of
 * points and member events appended to the stores the publisher follows.
 */
final class City {
    static final Instant NOW = Instant.parse("2026-11-23T01:00:00Z");
    private static final OrgUnitId GRID = OrgUnitId.of("yuanhang-grid-6");
    private static final OrgUnitId COMMUNITY = OrgUnitId.of("yuanhang");
    private static final DepartmentId MUNICIPAL = DepartmentId.of("municipal");
    private static final Category MANHOLE = Category.builder("manhole_cover", "井盖破损", "Broken manhole cover")
            .kind(CategoryKind.HAZARD).claimWithin(Deadline.hours(24)).resolveWithin(Deadline.workingDays(1))
            .lead(MUNICIPAL).build();

    static final Actor RIDER = Actor.reporter("wang-bin", Role.MOBILE_GRID_MEMBER);
    private static final Actor GRID_STAFF = Actor.of("grid6-staff", Set.of(Role.GRID_STAFF), Set.of(GRID), Set.of());
    private static final Actor COMMUNITY_STAFF = Actor.of("yuanhang-staff", Set.of(Role.COMMUNITY_STAFF), Set.of(COMMUNITY),
            Set.of());
    private static final Actor COORDINATOR = Actor.of("coordinator", Set.of(Role.STREET_COORDINATOR),
            Set.of(OrgUnitId.of("babaishang")), Set.of());
    private static final Actor HANDLER = Actor.of("municipal-handler", Set.of(Role.DEPARTMENT_HANDLER), Set.of(),
            Set.of(MUNICIPAL));

    final InMemoryTicketStore tickets = new InMemoryTicketStore();
    final InMemoryLedgerStore ledger = new InMemoryLedgerStore();
    final InMemoryMemberStore members = new InMemoryMemberStore();
    private final AtomicInteger commands = new AtomicInteger();
    private final AtomicInteger ticketIds = new AtomicInteger();
    private final AtomicInteger postings = new AtomicInteger();
    final GovernanceEngine engine;

    City(String ticketIdPrefix) {
        engine = GovernanceEngine.builder()
                .store(tickets)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .orgUnits(List.of(
                        OrgUnit.of("daqing", OrgLevel.CITY, "大庆市", null),
                        OrgUnit.of("honggang", OrgLevel.DISTRICT, "红岗区", "daqing"),
                        OrgUnit.of("babaishang", OrgLevel.STREET, "八百垧街道", "honggang"),
                        OrgUnit.of("yuanhang", OrgLevel.COMMUNITY, "远航社区", "babaishang"),
                        OrgUnit.of("yuanhang-grid-6", OrgLevel.GRID, "第六网格", "yuanhang")))
                .departments(List.of(Department.of("municipal", "市政设施管理处", "Municipal facilities")))
                .categories(List.of(MANHOLE))
                .ticketIds(() -> TicketId.of(ticketIdPrefix + ticketIds.incrementAndGet()))
                .build();
    }

    City() {
        this("T");
    }

    private CommandId cmd() {
        return CommandId.of("c" + commands.incrementAndGet());
    }

    /** A rider reports a broken manhole cover: one event (version 1). */
    TicketId report() {
        return engine.handle(new Report(cmd(), RIDER, MANHOLE.code(), Location.address("尚溪小区 3 栋院内"),
                "cover broken", List.of(), GRID)).ticketId();
    }

    /** The next step of the loop for a ticket at the given number of events (1 … 7): verify → … → confirm. */
    void step(TicketId t, int eventsSoFar) {
        switch (eventsSoFar) {
            case 1:
                engine.handle(new Verify(cmd(), GRID_STAFF, t, VerificationMethod.BY_PHOTO, null));
                break;
            case 2:
                engine.handle(new Dispatch(cmd(), COORDINATOR, t, COMMUNITY, MUNICIPAL, List.of(), "grid 6"));
                break;
            case 3:
                engine.handle(new Claim(cmd(), COMMUNITY_STAFF, t));
                break;
            case 4:
                engine.handle(new Accept(cmd(), HANDLER, t));
                break;
            case 5:
                engine.handle(new Resolve(cmd(), HANDLER, t, "cover replaced", List.of()));
                break;
            case 6:
                engine.handle(new Confirm(cmd(), RIDER, t, Satisfaction.SATISFIED, null));
                break;
            default:
                throw new IllegalArgumentException("the loop is closed after 7 events");
        }
    }

    /** Awards points to a member: one posting from the issuance account. */
    String award(ActorId member, long points) {
        String id = "award-" + postings.incrementAndGet();
        ledger.append(LedgerAppend.unguarded(List.of(new Posting(PostingId.of(id), AccountId.ISSUANCE,
                AccountId.member(member), Posting.POINTS, points, "award", NOW, Map.of("rule", "snap-report")))));
        return id;
    }

    /** Appends one member event to a stream at its next version; returns the version. */
    long memberEvent(String stream, MemberEvent event) {
        long version = members.load(stream).size();
        members.append(new MemberAppend(stream, version, List.of(new MemberEnvelope(stream, version + 1, NOW,
                RIDER.id(), cmd(), event))));
        return version + 1;
    }

    /** A volunteer's member event, seen by other modules through type, member and attributes. */
    record Volunteered(String type, ActorId member, Map<String, String> attributes) implements MemberEvent {}
}
