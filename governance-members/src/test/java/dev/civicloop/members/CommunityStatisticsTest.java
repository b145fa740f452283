package dev.civicloop.members;

import static dev.civicloop.members.TaskCity.JINGSHAN;
import static dev.civicloop.members.TaskCity.YUANHANG;
import static dev.civicloop.members.TaskCity.YUANHANG_STAFF;
import static dev.civicloop.members.TaskCity.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.model.ActorId;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The seeds' figures: "60+ riders joined", "20+ mobile grid members, 10+ activities". */
class CommunityStatisticsTest {
    private final TaskCity city = new TaskCity();
    private final TaskBoard board = city.board;

    @Test
    void aCommunitysFiguresForAPeriodCountActiveMembersTeamsHoursTasksAndAttendance() {
        // 62 riders join 骑聚三营; 22 further grid members are enrolled in no team; one rider is suspended
        List<ActorId> riders = new ArrayList<>();
        TeamId team = TeamId.of("qiju-3");
        board.createTeam(city.cmd(), YUANHANG_STAFF, team, YUANHANG, "骑聚三营");
        for (int i = 1; i <= 62; i++) {
            ActorId rider = ActorId.of("rider-" + i);
            city.enrol(rider, YUANHANG, TaskCity.GRID_6);
            board.addTeamMember(city.cmd(), YUANHANG_STAFF, team, rider);
            riders.add(rider);
        }
        for (int i = 1; i <= 22; i++) {
            city.enrol(ActorId.of("grid-member-" + i), YUANHANG, TaskCity.GRID_1);
        }
        city.suspend(riders.get(61));
        // 3 enrolled before this helper's fixture: 张国龙 and 王斌 in 远航, one rider in 景山

        // before the period: a task done on the 22nd does not count
        city.clock.set(at("2026-11-22T09:00"));
        completeTraffic("market-1122", riders.get(0), Duration.ofHours(2));

        // in the period: two tasks done by one rider each; 11 activities of one hour, 3 attending each
        city.clock.set(at("2026-11-23T09:00"));
        completeTraffic("market-1123", riders.get(1), Duration.ofMinutes(90));
        completeTraffic("market-1123b", riders.get(2), Duration.ofMinutes(60));
        for (int a = 0; a < 11; a++) {
            Activity activity = Activity.of(ActivityId.of("talk-" + a), YUANHANG, ActivityKind.ANTI_FRAUD_PUBLICITY,
                    "反诈宣传进小区", city.trees("x", 1).place(), at("2026-11-23T14:00"), at("2026-11-23T15:00"), 10);
            board.publishActivity(city.cmd(), YUANHANG_STAFF, activity);
            Set<ActorId> present = new HashSet<>();
            for (int r = 0; r < 3; r++) {
                board.signUp(city.cmd(), riders.get(3 + r), activity.id());
                present.add(riders.get(3 + r));
            }
            city.clock.set(at("2026-11-23T14:30"));
            board.takeAttendance(city.cmd(), YUANHANG_STAFF, activity.id(), present);
            city.clock.set(at("2026-11-23T09:00"));
        }

        CommunityStatistics day = board.statistics(YUANHANG, at("2026-11-23T00:00"), at("2026-11-24T00:00"));
        assertEquals(62 - 1 + 22 + 2, day.activeMembers(), "every active member of 远航, in a team or not");
        assertEquals(1, day.teams());
        assertEquals(62, day.teamMembers(), "60+ riders joined");
        assertEquals(2, day.tasksPublished());
        assertEquals(2, day.tasksDone());
        assertEquals(2, day.taskCompletions());
        assertEquals(11, day.activitiesHeld(), "10+ activities");
        assertEquals(33, day.attendance());
        assertEquals(new BigDecimal("35.5"), day.hoursServed(), "1.5 + 1.0 task hours + 33 × 1.0 h attended");

        CommunityStatistics twoDays = board.statistics(YUANHANG, at("2026-11-22T00:00"), at("2026-11-24T00:00"));
        assertEquals(3, twoDays.tasksDone());
        assertEquals(new BigDecimal("37.5"), twoDays.hoursServed());

        CommunityStatistics jingshan = board.statistics(JINGSHAN, at("2026-11-22T00:00"), at("2026-11-24T00:00"));
        assertEquals(1, jingshan.activeMembers());
        assertEquals(0, jingshan.tasksDone());
        assertEquals(0, jingshan.teamMembers());
        assertThrows(InvalidInput.class, () -> board.statistics(YUANHANG, at("2026-11-24T00:00"), at("2026-11-23T00:00")));
    }

    private void completeTraffic(String id, ActorId rider, Duration served) {
        ServiceTask task = ServiceTask.builder(TaskId.of(id), YUANHANG, TaskKind.GUIDE_TRAFFIC, "早市疏导交通")
                .place(city.traffic("x", 1).place()).window(city.clock.instant(), city.clock.instant().plus(Duration.ofHours(8)))
                .slots(2).build();
        board.publishTask(city.cmd(), YUANHANG_STAFF, task);
        board.claimTask(city.cmd(), rider, task.id());
        board.checkIn(city.cmd(), rider, task.id(), null);
        city.clock.advance(served);
        board.checkOut(city.cmd(), rider, task.id(), null);
        board.confirmTask(city.cmd(), YUANHANG_STAFF, task.id(), rider, null);
        city.clock.advance(served.negated());
    }
}
