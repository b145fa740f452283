package dev.civicloop.smoke;

import dev.civicloop.members.Application;
import dev.civicloop.members.Approval;
import dev.civicloop.members.Members;
import dev.civicloop.members.ServiceTask;
import dev.civicloop.members.TaskBoard;
import dev.civicloop.members.TaskId;
import dev.civicloop.members.TaskKind;
import dev.civicloop.spi.member.PersonalData;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.Occupation;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import dev.civicloop.store.memory.InMemoryMemberStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * Run by {@code ModulePathSmokeTest} in a child JVM whose module path holds governance-members,
 * its runtime dependencies and the in-memory store: enrols a rider and lets him claim a task.
 */
public final class MembersOnTheModulePath {
    private MembersOnTheModulePath() {}

    public static void main(String[] args) {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T01:00:00Z"), ZoneOffset.UTC);
        List<OrgUnit> units = List.of(OrgUnit.of("daqing", OrgLevel.CITY, "大庆市", null),
                OrgUnit.of("yuanhang", OrgLevel.COMMUNITY, "远航社区", "daqing"),
                OrgUnit.of("grid-6", OrgLevel.GRID, "第六网格", "yuanhang"));
        OrgUnitId community = OrgUnitId.of("yuanhang");
        Actor staff = Actor.of("li-na", Set.of(Role.COMMUNITY_STAFF), Set.of(community), Set.of());
        InMemoryMemberStore store = new InMemoryMemberStore();
        Members members = Members.builder().store(store).clock(clock).orgUnits(units).build();
        ActorId rider = ActorId.of("wang-bin");
        members.apply(CommandId.of("a-1"), Application.of(rider, community, Occupation.DELIVERY_RIDER, "meituan",
                new PersonalData("王斌", "13812345678", null, clock.instant(), "privacy-v1")));
        members.approve(CommandId.of("a-2"), staff, rider, Approval.toGrid(OrgUnitId.of("grid-6")));
        TaskBoard board = TaskBoard.builder().store(store).members(members.lookup()).clock(clock).orgUnits(units).build();
        ServiceTask task = ServiceTask.builder(TaskId.of("market-1"), community, TaskKind.GUIDE_TRAFFIC, "早市疏导交通")
                .place(Location.address("远航农贸市场"))
                .window(Instant.parse("2026-11-22T23:00:00Z"), Instant.parse("2026-11-23T11:00:00Z"))
                .slots(2).build();
        board.publishTask(CommandId.of("t-1"), staff, task);
        board.claimTask(CommandId.of("t-2"), rider, task.id());
        System.out.println("module " + Members.class.getModule().getName());
        System.out.println("member " + members.member(rider).status() + " " + members.member(rider).maskedPhone());
        System.out.println("claims " + board.task(task.id()).claims().size());
    }
}
