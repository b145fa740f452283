package dev.civicloop.members;

import static dev.civicloop.members.TaskCity.JINGSHAN_RIDER;
import static dev.civicloop.members.TaskCity.JINGSHAN_STAFF;
import static dev.civicloop.members.TaskCity.WANG_BIN;
import static dev.civicloop.members.TaskCity.YUANHANG;
import static dev.civicloop.members.TaskCity.YUANHANG_STAFF;
import static dev.civicloop.members.TaskCity.ZHANG_GUOLONG;
import static dev.civicloop.members.TaskCity.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotAuthorized;
import dev.civicloop.spi.member.MemberEnvelope;
import dev.civicloop.spi.model.ActorId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Activities: sign-up within the capacity, withdrawal, attendance taken by staff. */
class ActivitiesTest {
    private final TaskCity city = new TaskCity();
    private final TaskBoard board = city.board;
    private final Activity trees = city.trees("trees-1124", 2);
    private final ActivityId id = trees.id();
    private final ActorId third = ActorId.of("li-min");

    private static ActivityRefused.Reason refusal(org.junit.jupiter.api.function.Executable step) {
        return assertThrows(ActivityRefused.class, step).reason();
    }

    @Test
    void membersSignUpUntilTheCapacityIsTakenAndAWithdrawalFreesAPlace() {
        city.enrol(third, YUANHANG, TaskCity.GRID_1);
        board.publishActivity(city.cmd(), YUANHANG_STAFF, trees);
        board.signUp(city.cmd(), ZHANG_GUOLONG, id);
        assertEquals(ActivityRefused.Reason.ALREADY_SIGNED_UP, refusal(() -> board.signUp(city.cmd(), ZHANG_GUOLONG, id)));
        board.signUp(city.cmd(), WANG_BIN, id);
        ActivityRefused full = assertThrows(ActivityRefused.class, () -> board.signUp(city.cmd(), third, id));
        assertEquals(ActivityRefused.Reason.NO_PLACE_LEFT, full.reason());
        assertTrue(full.getMessage().contains("no place left"), full.getMessage());

        assertEquals(1, board.withdraw(city.cmd(), WANG_BIN, id).placesLeft());
        assertEquals(ActivityRefused.Reason.NOT_SIGNED_UP, refusal(() -> board.withdraw(city.cmd(), WANG_BIN, id)));
        assertEquals(List.of(ZHANG_GUOLONG, third), board.signUp(city.cmd(), third, id).signedUp());
    }

    @Test
    void onlyActiveMembersOfTheCommunitySignUpAndOnlyItsStaffPublish() {
        assertThrows(NotAuthorized.class, () -> board.publishActivity(city.cmd(), JINGSHAN_STAFF, trees));
        board.publishActivity(city.cmd(), YUANHANG_STAFF, trees);
        assertThrows(NotAuthorized.class, () -> board.signUp(city.cmd(), JINGSHAN_RIDER, id));
        city.suspend(WANG_BIN);
        assertThrows(NotAuthorized.class, () -> board.signUp(city.cmd(), WANG_BIN, id));
        assertEquals(2, board.activity(id).placesLeft());
        assertEquals("title", assertThrows(InvalidInput.class, () -> Activity.of(ActivityId.of("x"), YUANHANG,
                ActivityKind.HEALTH_CHECK, "义诊，联系 139 1234 5678", trees.place(), trees.from(), trees.until(), 10)).field());
    }

    @Test
    void staffTakeAttendanceOnceItBeginsOfThoseWhoSignedUpAndEachIsRecordedOnce() {
        board.publishActivity(city.cmd(), YUANHANG_STAFF, trees);
        board.signUp(city.cmd(), ZHANG_GUOLONG, id);
        board.signUp(city.cmd(), WANG_BIN, id);
        assertEquals(ActivityRefused.Reason.OUTSIDE_TIME_WINDOW,
                refusal(() -> board.takeAttendance(city.cmd(), YUANHANG_STAFF, id, Set.of(ZHANG_GUOLONG))));

        city.clock.set(at("2026-11-24T09:20"));
        assertThrows(NotAuthorized.class, () -> board.takeAttendance(city.cmd(), JINGSHAN_STAFF, id, Set.of(ZHANG_GUOLONG)));
        ActivityRefused stranger = assertThrows(ActivityRefused.class,
                () -> board.takeAttendance(city.cmd(), YUANHANG_STAFF, id, Set.of(ZHANG_GUOLONG, third)));
        assertEquals(ActivityRefused.Reason.NOT_SIGNED_UP, stranger.reason());
        assertTrue(stranger.getMessage().contains("li-min"), stranger.getMessage());
        assertEquals(Set.of(), board.activity(id).attended(), "nothing recorded from a refused list");

        board.takeAttendance(city.cmd(), YUANHANG_STAFF, id, Set.of(ZHANG_GUOLONG));
        ActivityView late = board.takeAttendance(city.cmd(), YUANHANG_STAFF, id, Set.of(ZHANG_GUOLONG, WANG_BIN));
        assertEquals(Set.of(ZHANG_GUOLONG, WANG_BIN), late.attended());
        List<MemberEnvelope> attended = city.store.load(id.stream()).stream()
                .filter(e -> e.event().type().equals("activity.attended")).toList();
        assertEquals(2, attended.size(), "a second pass records only the late arrival");
        assertEquals(Map.of("community", "yuanhang", "activity", "trees-1124", "kind", "TREE_PLANTING", "hours", "2.5"),
                attended.get(0).event().attributes());
        assertEquals(ActivityRefused.Reason.ALREADY_ATTENDED, refusal(() -> board.withdraw(city.cmd(), WANG_BIN, id)));

        city.clock.set(at("2026-11-24T11:30"));
        city.enrol(third, YUANHANG, TaskCity.GRID_1);
        assertEquals(ActivityRefused.Reason.OUTSIDE_TIME_WINDOW, refusal(() -> board.signUp(city.cmd(), third, id)),
                "it is over");
    }
}
