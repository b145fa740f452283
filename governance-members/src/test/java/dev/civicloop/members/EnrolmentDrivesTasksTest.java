package dev.civicloop.members;

import static dev.civicloop.members.EnrolmentCity.GRID_6;
import static dev.civicloop.members.EnrolmentCity.YUANHANG;
import static dev.civicloop.members.EnrolmentCity.YUANHANG_STAFF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.civicloop.spi.NotAuthorized;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Location;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The task board asks enrolment who may act: the same source the ticket engine authorises with. */
class EnrolmentDrivesTasksTest {
    private final EnrolmentCity city = new EnrolmentCity();
    private final Members members = city.members();
    private final TaskBoard board = TaskBoard.builder().store(city.store).members(members.lookup()).clock(city.clock)
            .orgUnits(EnrolmentCity.ORG_UNITS).build();
    private final ActorId rider = ActorId.of("wang-bin");

    @Test
    void onlyAnApprovedMemberWhoIsNotSuspendedClaimsATask() {
        ServiceTask task = ServiceTask.builder(TaskId.of("market-1"), YUANHANG, TaskKind.GUIDE_TRAFFIC, "早市疏导交通")
                .place(Location.address("远航农贸市场"))
                .window(Instant.parse("2026-11-22T23:00:00Z"), Instant.parse("2026-11-23T11:00:00Z"))
                .slots(3).build();
        board.publishTask(city.cmd(), YUANHANG_STAFF, task);
        members.apply(city.cmd(), EnrolmentCity.wangBin());

        assertThrows(NotAuthorized.class, () -> board.claimTask(city.cmd(), rider, task.id()), "still applying");

        members.approve(city.cmd(), YUANHANG_STAFF, rider, Approval.toGrid(GRID_6));
        assertEquals(1, board.claimTask(city.cmd(), rider, task.id()).claims().size());
        board.releaseTask(city.cmd(), rider, task.id());

        members.suspend(city.cmd(), YUANHANG_STAFF, rider, "repeated false reports");
        assertThrows(NotAuthorized.class, () -> board.claimTask(city.cmd(), rider, task.id()), "suspended");
        assertEquals(1, members.lookup().membersOf(YUANHANG).size());
    }
}
