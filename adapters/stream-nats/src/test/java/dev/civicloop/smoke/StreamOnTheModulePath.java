package dev.civicloop.smoke;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.core.command.Report;
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
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.Department;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.store.memory.InMemoryLedgerStore;
import dev.civicloop.store.memory.InMemoryMemberStore;
import dev.civicloop.store.memory.InMemoryTicketStore;
import dev.civicloop.stream.nats.Checkpoint;
import dev.civicloop.stream.nats.JetStreamPublisher;
import dev.civicloop.stream.nats.PollResult;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Run by {@code ModulePathSmokeTest} in a child JVM whose module path holds the stream module, its
 * runtime dependencies (jnats, Jackson, SLF4J), the engine and the in-memory stores: publishes a
 * ticket report, a posting and a member event to the server given as the first argument and reads
 * them back.
 */
public final class StreamOnTheModulePath {
    private StreamOnTheModulePath() {}

    /** A member event as an application defines it: a record in a package no one exports. */
    record Applied(ActorId member) implements MemberEvent {
        @Override
        public String type() {
            return "member.applied";
        }

        @Override
        public Map<String, String> attributes() {
            return Map.of("grid", "6");
        }
    }

    public static void main(String[] args) throws Exception {
        Instant now = Instant.parse("2026-11-23T01:00:00Z");
        InMemoryTicketStore tickets = new InMemoryTicketStore();
        InMemoryLedgerStore ledger = new InMemoryLedgerStore();
        InMemoryMemberStore members = new InMemoryMemberStore();
        GovernanceEngine engine = GovernanceEngine.builder()
                .store(tickets)
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .orgUnits(List.of(OrgUnit.of("daqing", OrgLevel.CITY, "大庆市", null),
                        OrgUnit.of("honggang", OrgLevel.DISTRICT, "红岗区", "daqing"),
                        OrgUnit.of("babaishang", OrgLevel.STREET, "八百垧街道", "honggang"),
                        OrgUnit.of("yuanhang", OrgLevel.COMMUNITY, "远航社区", "babaishang"),
                        OrgUnit.of("yuanhang-grid-6", OrgLevel.GRID, "第六网格", "yuanhang")))
                .departments(List.of(Department.of("municipal", "市政设施管理处", "Municipal facilities")))
                .categories(List.of(Category.builder("manhole_cover", "井盖破损", "Broken manhole cover").build()))
                .ticketIds(() -> TicketId.of("T1"))
                .build();
        Actor rider = Actor.reporter("wang-bin", Role.MOBILE_GRID_MEMBER);
        engine.handle(new Report(CommandId.of("c1"), rider, "manhole_cover", Location.address("尚溪小区"), "cover broken",
                List.of(), OrgUnitId.of("yuanhang-grid-6")));
        ledger.append(LedgerAppend.unguarded(List.of(new Posting(PostingId.of("award-1"), AccountId.ISSUANCE,
                AccountId.member(rider.id()), Posting.POINTS, 5, "award", now, Map.of()))));
        members.append(new MemberAppend("member:wang-bin", 0, List.of(new MemberEnvelope("member:wang-bin", 1, now,
                rider.id(), CommandId.of("m1"), new Applied(rider.id())))));

        try (JetStreamPublisher publisher = JetStreamPublisher.builder(args[0]).tickets(tickets).points(ledger)
                .members(members).checkpoint(Checkpoint.file(Path.of(args[1]))).build()) {
            PollResult result = publisher.poll();
            System.out.println("module " + JetStreamPublisher.class.getModule().getName());
            System.out.println("published " + result.published() + (result.complete() ? "" : " " + result.problem()));
        }
        try (Connection c = Nats.connect(args[0])) {
            JetStreamManagement jsm = c.jetStreamManagement();
            for (long seq = 1; seq <= 3; seq++) {
                MessageInfo m = jsm.getMessage("CIVICLOOP", seq);
                String body = new String(m.getData(), StandardCharsets.UTF_8);
                System.out.println(m.getSubject() + " " + m.getHeaders().getFirst("Nats-Msg-Id") + " "
                        + body.contains("\"type\":\"" + m.getHeaders().getFirst("CivicLoop-Type") + "\""));
            }
        }
    }
}
