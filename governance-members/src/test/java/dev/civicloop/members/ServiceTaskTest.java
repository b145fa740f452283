package dev.civicloop.members;

import static dev.civicloop.members.TaskCity.GRID_STAFF;
import static dev.civicloop.members.TaskCity.JINGSHAN_RIDER;
import static dev.civicloop.members.TaskCity.JINGSHAN_STAFF;
import static dev.civicloop.members.TaskCity.SHANGXI;
import static dev.civicloop.members.TaskCity.WANG_BIN;
import static dev.civicloop.members.TaskCity.YUANHANG;
import static dev.civicloop.members.TaskCity.YUANHANG_STAFF;
import static dev.civicloop.members.TaskCity.ZHANG_GUOLONG;
import static dev.civicloop.members.TaskCity.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.DuplicateCommand;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotAuthorized;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.CoordinateSystem;
import dev.civicloop.spi.model.GeoPoint;
import dev.civicloop.spi.model.Location;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Service tasks: publish, claim, release, check in and out near the place, staff confirm, hours. */
class ServiceTaskTest {
    private final TaskCity city = new TaskCity();
    private final TaskBoard board = city.board;
    private final ServiceTask medicine = city.medicine("med-1123", 1);
    private final TaskId id = medicine.id();
    /** About 55 m from 尚溪小区 3 栋. */
    private final GeoPoint atTheDoor = GeoPoint.wgs84(46.58050, 124.86060);

    private static TaskRefused.Reason refusal(org.junit.jupiter.api.function.Executable step) {
        return assertThrows(TaskRefused.class, step).reason();
    }

    @Test
    void textsKeptInTheStreamCarryNoPhoneOrIdNumber() {
        InvalidInput title = assertThrows(InvalidInput.class, () -> ServiceTask.builder(TaskId.of("t"), YUANHANG,
                TaskKind.DELIVER_MEDICINE, "给张奶奶送药，电话 138-1234-5678").place(Location.at(SHANGXI))
                .window(at("2026-11-23T09:00"), at("2026-11-23T12:00")).slots(1).build());
        assertEquals("title", title.field());
        assertFalse(title.getMessage().contains("5678"), "the refusal does not repeat the number");
        InvalidInput beneficiary = assertThrows(InvalidInput.class, () -> ServiceTask.builder(TaskId.of("t"), YUANHANG,
                TaskKind.DELIVER_MEDICINE, "送药").beneficiary("张奶奶 13812345678").place(Location.at(SHANGXI))
                .window(at("2026-11-23T09:00"), at("2026-11-23T12:00")).slots(1).build());
        assertEquals("beneficiary", beneficiary.field());
        assertEquals("slots", assertThrows(InvalidInput.class, () -> city.medicine("t", 0)).field());
        assertEquals("checkInWithinMetres", assertThrows(InvalidInput.class, () -> ServiceTask.builder(TaskId.of("t"),
                YUANHANG, TaskKind.GUIDE_TRAFFIC, "疏导交通").place(Location.address("远航农贸市场"))
                .window(at("2026-11-23T09:00"), at("2026-11-23T12:00")).slots(2).checkInWithinMetres(100).build()).field(),
                "a radius needs a point on the map");
    }

    @Test
    void onlyStaffOfTheTasksCommunityPublishAndConfirm() {
        assertThrows(NotAuthorized.class, () -> board.publishTask(city.cmd(), JINGSHAN_STAFF, medicine));
        assertThrows(NotAuthorized.class, () -> board.publishTask(city.cmd(), GRID_STAFF, medicine));
        assertThrows(NotFound.class, () -> board.task(id));

        board.publishTask(city.cmd(), YUANHANG_STAFF, medicine);
        board.claimTask(city.cmd(), ZHANG_GUOLONG, id);
        city.clock.set(at("2026-11-23T09:30"));
        board.checkIn(city.cmd(), ZHANG_GUOLONG, id, atTheDoor);
        city.clock.set(at("2026-11-23T10:00"));
        board.checkOut(city.cmd(), ZHANG_GUOLONG, id, atTheDoor);
        assertThrows(NotAuthorized.class, () -> board.confirmTask(city.cmd(), JINGSHAN_STAFF, id, ZHANG_GUOLONG, null));
        assertEquals(TaskClaim.Status.CHECKED_OUT, board.task(id).claimOf(ZHANG_GUOLONG).orElseThrow().status());
    }

    @Test
    void onlyActiveMembersOfTheCommunityClaim() {
        board.publishTask(city.cmd(), YUANHANG_STAFF, medicine);
        assertThrows(NotAuthorized.class, () -> board.claimTask(city.cmd(), JINGSHAN_RIDER, id));
        city.suspend(ZHANG_GUOLONG);
        assertThrows(NotAuthorized.class, () -> board.claimTask(city.cmd(), ZHANG_GUOLONG, id));
        assertEquals(1, board.task(id).slotsLeft());
    }

    @Test
    void aMemberClaimsOnceWhileTheWindowIsOpenAndASlotIsLeft() {
        board.publishTask(city.cmd(), YUANHANG_STAFF, medicine);
        ServiceTaskView claimed = board.claimTask(city.cmd(), ZHANG_GUOLONG, id);
        assertEquals(0, claimed.slotsLeft());
        assertEquals(TaskRefused.Reason.ALREADY_CLAIMED, refusal(() -> board.claimTask(city.cmd(), ZHANG_GUOLONG, id)));
        TaskRefused full = assertThrows(TaskRefused.class, () -> board.claimTask(city.cmd(), WANG_BIN, id));
        assertEquals(TaskRefused.Reason.NO_SLOT_LEFT, full.reason());
        assertTrue(full.getMessage().contains("no slot left"), full.getMessage());

        board.releaseTask(city.cmd(), ZHANG_GUOLONG, id);
        assertEquals(1, board.task(id).slotsLeft(), "a released slot is free again");
        city.clock.set(at("2026-11-23T12:00"));
        assertEquals(TaskRefused.Reason.OUTSIDE_TIME_WINDOW, refusal(() -> board.claimTask(city.cmd(), WANG_BIN, id)));
    }

    @Test
    void aClaimIsReleasedOnlyBeforeCheckIn() {
        board.publishTask(city.cmd(), YUANHANG_STAFF, medicine);
        assertEquals(TaskRefused.Reason.NOT_CLAIMED, refusal(() -> board.releaseTask(city.cmd(), ZHANG_GUOLONG, id)));
        board.claimTask(city.cmd(), ZHANG_GUOLONG, id);
        board.checkIn(city.cmd(), ZHANG_GUOLONG, id, atTheDoor);
        assertEquals(TaskRefused.Reason.WRONG_STEP, refusal(() -> board.releaseTask(city.cmd(), ZHANG_GUOLONG, id)));
    }

    @Test
    void checkInHappensInTheWindowAndNearThePlaceOrIsRefusedNamingTheDistance() {
        board.publishTask(city.cmd(), YUANHANG_STAFF, medicine);
        assertEquals(TaskRefused.Reason.NOT_CLAIMED, refusal(() -> board.checkIn(city.cmd(), ZHANG_GUOLONG, id, atTheDoor)));
        city.clock.set(at("2026-11-23T08:00"));
        board.claimTask(city.cmd(), ZHANG_GUOLONG, id);
        assertEquals(TaskRefused.Reason.OUTSIDE_TIME_WINDOW,
                refusal(() -> board.checkIn(city.cmd(), ZHANG_GUOLONG, id, atTheDoor)), "before 09:00");
        city.clock.set(at("2026-11-23T09:10"));

        GeoPoint acrossTown = GeoPoint.wgs84(46.59000, 124.86020); // ~1.1 km north
        TaskRefused far = assertThrows(TaskRefused.class, () -> board.checkIn(city.cmd(), ZHANG_GUOLONG, id, acrossTown));
        assertEquals(TaskRefused.Reason.TOO_FAR, far.reason());
        assertEquals(300, far.maxMetres().orElseThrow());
        long d = far.distanceMetres().orElseThrow();
        assertTrue(d > 1000 && d < 1200, "distance " + d);
        assertTrue(far.getMessage().contains(d + " m") && far.getMessage().contains("within 300 m"), far.getMessage());

        assertEquals("position", assertThrows(InvalidInput.class,
                () -> board.checkIn(city.cmd(), ZHANG_GUOLONG, id, null)).field(), "the task checks the distance");
        assertEquals("position", assertThrows(InvalidInput.class, () -> board.checkIn(city.cmd(), ZHANG_GUOLONG, id,
                GeoPoint.of(46.58050, 124.86060, CoordinateSystem.GCJ02))).field(), "another coordinate system");
        assertEquals(TaskClaim.Status.CLAIMED, board.task(id).claimOf(ZHANG_GUOLONG).orElseThrow().status());

        ServiceTaskView in = board.checkIn(city.cmd(), ZHANG_GUOLONG, id, atTheDoor);
        assertEquals(TaskClaim.Status.CHECKED_IN, in.claimOf(ZHANG_GUOLONG).orElseThrow().status());
        assertEquals(at("2026-11-23T09:10"), in.claimOf(ZHANG_GUOLONG).orElseThrow().checkedInAt());
        assertEquals(TaskRefused.Reason.TOO_FAR,
                refusal(() -> board.checkOut(city.cmd(), ZHANG_GUOLONG, id, acrossTown)), "check-out near the place too");
    }

    @Test
    void aTaskWithoutARadiusTakesCheckInsAnywhere() {
        ServiceTask traffic = city.traffic("market-1123", 3);
        board.publishTask(city.cmd(), YUANHANG_STAFF, traffic);
        board.claimTask(city.cmd(), WANG_BIN, traffic.id());
        ServiceTaskView in = board.checkIn(city.cmd(), WANG_BIN, traffic.id(), null);
        assertEquals(TaskClaim.Status.CHECKED_IN, in.claimOf(WANG_BIN).orElseThrow().status());
    }

    @Test
    void stepsComeInOrderAndStaffConfirmOnceAfterCheckOut() {
        board.publishTask(city.cmd(), YUANHANG_STAFF, medicine);
        board.claimTask(city.cmd(), ZHANG_GUOLONG, id);
        assertEquals(TaskRefused.Reason.WRONG_STEP, refusal(() -> board.checkOut(city.cmd(), ZHANG_GUOLONG, id, atTheDoor)));
        assertEquals(TaskRefused.Reason.WRONG_STEP,
                refusal(() -> board.confirmTask(city.cmd(), YUANHANG_STAFF, id, ZHANG_GUOLONG, null)));
        board.checkIn(city.cmd(), ZHANG_GUOLONG, id, atTheDoor);
        assertEquals(TaskRefused.Reason.WRONG_STEP, refusal(() -> board.checkIn(city.cmd(), ZHANG_GUOLONG, id, atTheDoor)));
        assertEquals(TaskRefused.Reason.WRONG_STEP,
                refusal(() -> board.confirmTask(city.cmd(), YUANHANG_STAFF, id, ZHANG_GUOLONG, null)), "still checked in");
        city.clock.advance(Duration.ofMinutes(87));
        board.checkOut(city.cmd(), ZHANG_GUOLONG, id, atTheDoor);
        assertEquals(TaskRefused.Reason.NOT_CLAIMED,
                refusal(() -> board.confirmTask(city.cmd(), YUANHANG_STAFF, id, WANG_BIN, null)));

        ServiceTaskView done = board.confirmTask(city.cmd(), YUANHANG_STAFF, id, ZHANG_GUOLONG, null);
        TaskClaim claim = done.claimOf(ZHANG_GUOLONG).orElseThrow();
        assertEquals(TaskClaim.Status.COMPLETED, claim.status());
        assertEquals(new BigDecimal("1.5"), claim.hours(), "87 minutes = 1.45 h, rounded to 0.1 h");
        assertEquals(TaskRefused.Reason.WRONG_STEP,
                refusal(() -> board.confirmTask(city.cmd(), YUANHANG_STAFF, id, ZHANG_GUOLONG, null)), "confirmed once");
        assertEquals(0, done.slotsLeft(), "a completed claim keeps its slot");
    }

    @Test
    void staffMayAdjustTheHoursWithinADay() {
        ServiceTask traffic = city.traffic("market-1123", 3);
        board.publishTask(city.cmd(), YUANHANG_STAFF, traffic);
        board.claimTask(city.cmd(), WANG_BIN, traffic.id());
        board.checkIn(city.cmd(), WANG_BIN, traffic.id(), null);
        city.clock.advance(Duration.ofMinutes(20));
        board.checkOut(city.cmd(), WANG_BIN, traffic.id(), null);
        assertEquals("hours", assertThrows(InvalidInput.class, () -> board.confirmTask(city.cmd(), YUANHANG_STAFF,
                traffic.id(), WANG_BIN, new BigDecimal("25"))).field());
        ServiceTaskView done = board.confirmTask(city.cmd(), YUANHANG_STAFF, traffic.id(), WANG_BIN, new BigDecimal("2"));
        assertEquals(new BigDecimal("2.0"), done.claimOf(WANG_BIN).orElseThrow().hours());
        TaskEvent.Completed completed = (TaskEvent.Completed) city.store.load(traffic.id().stream()).get(4).event();
        assertTrue(completed.adjusted());
        assertEquals("2.0", completed.attributes().get("hours"));
    }

    @Test
    void aRetriedClaimChangesNothingAndItsIdCannotBeReusedByAnotherMember() {
        board.publishTask(city.cmd(), YUANHANG_STAFF, city.traffic("market-1123", 3));
        TaskId market = TaskId.of("market-1123");
        CommandId claim = city.cmd();
        ServiceTaskView first = board.claimTask(claim, ZHANG_GUOLONG, market);
        assertEquals(first, board.claimTask(claim, ZHANG_GUOLONG, market));
        assertThrows(DuplicateCommand.class, () -> board.claimTask(claim, WANG_BIN, market));
        assertEquals(List.of(ZHANG_GUOLONG), board.task(market).claims().stream().map(TaskClaim::member).toList());
    }
}
