package dev.civicloop.members;

import static dev.civicloop.members.TaskCity.YUANHANG;
import static dev.civicloop.members.TaskCity.YUANHANG_STAFF;
import static dev.civicloop.members.TaskCity.ZHANG_GUOLONG;
import static dev.civicloop.members.TaskCity.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.points.Award;
import dev.civicloop.points.MemberEventFeed;
import dev.civicloop.points.MemberProfile;
import dev.civicloop.points.PointsAwarder;
import dev.civicloop.points.PointsLedger;
import dev.civicloop.points.PointsRules;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.GeoPoint;
import dev.civicloop.spi.model.Occupation;
import dev.civicloop.spi.model.Role;
import dev.civicloop.store.memory.InMemoryLedgerStore;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The seed case: 张国龙, a part-time mobile grid member of grid 6, claims a medicine delivery to an
 * elderly resident living alone, checks in at the door and out 1.5 hours later, staff of 远航社区
 * confirm; the hours are recorded and become points (1.5 h × 4 = 6), once.
 */
class TaskSeedCaseTest {
    private static final String RULES = "{\"zone\": \"Asia/Shanghai\", \"rules\": ["
            + "{\"id\": \"task-hours\", \"description\": \"服务任务 hours\", \"on\": \"task.completed\","
            + " \"when\": {\"role\": [\"MOBILE_GRID_MEMBER\", \"VOLUNTEER\"]},"
            + " \"points\": {\"per\": \"hours\", \"rate\": 4}},"
            + "{\"id\": \"activity-attended\", \"on\": \"activity.attended\", \"points\": 5}]}";

    private final TaskCity city = new TaskCity();
    private final TaskBoard board = city.board;
    private final InMemoryLedgerStore ledgerStore = new InMemoryLedgerStore();
    private final PointsLedger ledger = new PointsLedger(ledgerStore, city.clock);
    private final PointsAwarder awarder = PointsAwarder.of(PointsRules.loader().clock(city.clock).load(RULES, "city-rules.json"),
            ledger, ledgerStore, TaskSeedCaseTest::profile);

    private static MemberProfile profile(ActorId id) {
        return MemberProfile.of(Set.of(Role.MOBILE_GRID_MEMBER), Occupation.RIDE_HAILING_DRIVER);
    }

    @Test
    void aGrid6MemberDeliversMedicineStaffConfirmAndTheHoursBecomePointsOnce() {
        ServiceTask medicine = city.medicine("med-1123", 1);
        board.publishTask(city.cmd(), YUANHANG_STAFF, medicine);
        MemberEventFeed feed = new MemberEventFeed(city.store, awarder, 0);

        board.claimTask(city.cmd(), ZHANG_GUOLONG, medicine.id());
        city.clock.set(at("2026-11-23T09:30"));
        GeoPoint door = GeoPoint.wgs84(46.58030, 124.86040); // ~27 m from 尚溪小区 3 栋
        board.checkIn(city.cmd(), ZHANG_GUOLONG, medicine.id(), door);
        assertEquals(List.of(), feed.poll(), "claiming and checking in earn nothing by these rules");

        city.clock.set(at("2026-11-23T11:00"));
        board.checkOut(city.cmd(), ZHANG_GUOLONG, medicine.id(), door);
        ServiceTaskView done = board.confirmTask(city.cmd(), YUANHANG_STAFF, medicine.id(), ZHANG_GUOLONG, null);

        TaskClaim claim = done.claimOf(ZHANG_GUOLONG).orElseThrow();
        assertEquals(TaskClaim.Status.COMPLETED, claim.status());
        assertEquals(new BigDecimal("1.5"), claim.hours());
        assertEquals(at("2026-11-23T09:30"), claim.checkedInAt());
        assertEquals(at("2026-11-23T11:00"), claim.checkedOutAt());
        TaskEvent.CheckedIn checkedIn = (TaskEvent.CheckedIn) city.store.load(medicine.id().stream()).get(2).event();
        assertTrue(checkedIn.distanceMetres() < 300, "distance recorded: " + checkedIn.distanceMetres());

        List<Award> awards = feed.poll();
        assertEquals(1, awards.size(), awards.toString());
        Award award = awards.get(0);
        assertEquals(Award.Outcome.AWARDED, award.outcome());
        assertEquals("task-hours", award.ruleId());
        assertEquals("task:med-1123@5", award.eventId());
        assertEquals(6, award.points(), "1.5 h × 4");
        assertEquals(6, ledger.balance(ZHANG_GUOLONG));
        assertTrue(award.explanation().text().contains("hours 1.5 × 4"), award.explanation().text());

        CommunityStatistics day = board.statistics(YUANHANG, at("2026-11-23T00:00"), at("2026-11-24T00:00"));
        assertEquals(1, day.tasksDone());
        assertEquals(new BigDecimal("1.5"), day.hoursServed());

        // a feed that lost its checkpoint replays everything and awards nothing more
        List<Award> replay = new MemberEventFeed(city.store, awarder, 0).poll();
        assertTrue(replay.stream().allMatch(a -> a.outcome() == Award.Outcome.ALREADY_AWARDED), replay.toString());
        assertEquals(1, replay.size());
        assertEquals(6, ledger.balance(ZHANG_GUOLONG));

        // a feed resumed from the checkpoint sees only what came after: an attended activity
        long checkpoint = feed.checkpoint();
        Activity talk = Activity.of(ActivityId.of("antifraud-1123"), YUANHANG, ActivityKind.ANTI_FRAUD_PUBLICITY,
                "反诈宣传进小区", city.trees("x", 1).place(), at("2026-11-23T14:00"), at("2026-11-23T15:00"), 20);
        board.publishActivity(city.cmd(), YUANHANG_STAFF, talk);
        board.signUp(city.cmd(), ZHANG_GUOLONG, talk.id());
        city.clock.set(at("2026-11-23T14:10"));
        board.takeAttendance(city.cmd(), YUANHANG_STAFF, talk.id(), Set.of(ZHANG_GUOLONG));
        List<Award> resumed = new MemberEventFeed(city.store, awarder, checkpoint).poll();
        assertEquals(List.of("activity-attended"), resumed.stream().map(Award::ruleId).toList());
        assertEquals(11, ledger.balance(ZHANG_GUOLONG));
    }
}
