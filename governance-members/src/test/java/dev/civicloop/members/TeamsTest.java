package dev.civicloop.members;

import static dev.civicloop.members.TaskCity.JINGSHAN_RIDER;
import static dev.civicloop.members.TaskCity.JINGSHAN_STAFF;
import static dev.civicloop.members.TaskCity.GRID_STAFF;
import static dev.civicloop.members.TaskCity.STREET_STAFF;
import static dev.civicloop.members.TaskCity.WANG_BIN;
import static dev.civicloop.members.TaskCity.YUANHANG;
import static dev.civicloop.members.TaskCity.YUANHANG_STAFF;
import static dev.civicloop.members.TaskCity.ZHANG_GUOLONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.DuplicateCommand;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotAuthorized;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** 骑聚三营: a volunteer team attached to 远航社区, with members and a leader. */
class TeamsTest {
    private final TaskCity city = new TaskCity();
    private final TaskBoard board = city.board;
    private final TeamId team = TeamId.of("qiju-3");

    @Test
    void communityStaffFormTheRiderTeamAddRidersAndAppointALeaderFromAmongThem() {
        TeamView created = board.createTeam(city.cmd(), YUANHANG_STAFF, team, YUANHANG, "骑聚三营");
        assertEquals(Set.of(), created.members());
        assertTrue(created.leaderIfAny().isEmpty());
        board.addTeamMember(city.cmd(), YUANHANG_STAFF, team, ZHANG_GUOLONG);
        board.addTeamMember(city.cmd(), YUANHANG_STAFF, team, WANG_BIN);
        TeamView led = board.appointTeamLeader(city.cmd(), YUANHANG_STAFF, team, WANG_BIN);

        assertEquals(Set.of(ZHANG_GUOLONG, WANG_BIN), led.members());
        assertEquals(WANG_BIN, led.leader());
        assertEquals(YUANHANG, led.community());
        assertEquals("骑聚三营", led.name());
        assertEquals(led, board.team(team), "the view is what the stream folds to");
    }

    @Test
    void theLeaderMustBeAMemberOfTheTeam() {
        board.createTeam(city.cmd(), YUANHANG_STAFF, team, YUANHANG, "骑聚三营");
        InvalidInput e = assertThrows(InvalidInput.class,
                () -> board.appointTeamLeader(city.cmd(), YUANHANG_STAFF, team, ZHANG_GUOLONG));
        assertEquals("leader", e.field());
        assertTrue(board.team(team).leaderIfAny().isEmpty());
    }

    @Test
    void theLeaderLeavesTheTeamOnlyAfterAnotherLeaderIsAppointed() {
        board.createTeam(city.cmd(), YUANHANG_STAFF, team, YUANHANG, "骑聚三营");
        board.addTeamMember(city.cmd(), YUANHANG_STAFF, team, ZHANG_GUOLONG);
        board.addTeamMember(city.cmd(), YUANHANG_STAFF, team, WANG_BIN);
        board.appointTeamLeader(city.cmd(), YUANHANG_STAFF, team, WANG_BIN);

        InvalidInput e = assertThrows(InvalidInput.class,
                () -> board.removeTeamMember(city.cmd(), YUANHANG_STAFF, team, WANG_BIN));
        assertTrue(e.getMessage().contains("appoint another leader first"), e.getMessage());

        board.appointTeamLeader(city.cmd(), YUANHANG_STAFF, team, ZHANG_GUOLONG);
        TeamView after = board.removeTeamMember(city.cmd(), YUANHANG_STAFF, team, WANG_BIN);
        assertEquals(Set.of(ZHANG_GUOLONG), after.members());
        assertEquals(ZHANG_GUOLONG, after.leader());
        assertThrows(InvalidInput.class, () -> board.removeTeamMember(city.cmd(), YUANHANG_STAFF, team, WANG_BIN),
                "not a member any more");
    }

    @Test
    void onlyCommunityStaffOfThatCommunityOrAUnitAboveItManageTheTeam() {
        assertThrows(NotAuthorized.class, () -> board.createTeam(city.cmd(), JINGSHAN_STAFF, team, YUANHANG, "骑聚三营"));
        assertThrows(NotAuthorized.class, () -> board.createTeam(city.cmd(), GRID_STAFF, team, YUANHANG, "骑聚三营"),
                "grid staff are not community staff");
        assertThrows(NotFound.class, () -> board.team(team), "nothing was created");

        board.createTeam(city.cmd(), STREET_STAFF, team, YUANHANG, "骑聚三营"); // the street covers its communities
        assertThrows(NotAuthorized.class, () -> board.addTeamMember(city.cmd(), JINGSHAN_STAFF, team, ZHANG_GUOLONG));
        board.addTeamMember(city.cmd(), YUANHANG_STAFF, team, ZHANG_GUOLONG);
        assertEquals(Set.of(ZHANG_GUOLONG), board.team(team).members());
    }

    @Test
    void onlyActiveMembersOfTheTeamsCommunityJoin() {
        board.createTeam(city.cmd(), YUANHANG_STAFF, team, YUANHANG, "骑聚三营");
        assertThrows(NotAuthorized.class, () -> board.addTeamMember(city.cmd(), YUANHANG_STAFF, team, JINGSHAN_RIDER),
                "serves another community");
        assertThrows(NotAuthorized.class,
                () -> board.addTeamMember(city.cmd(), YUANHANG_STAFF, team, ActorId.of("never-enrolled")));
        city.suspend(WANG_BIN);
        assertThrows(NotAuthorized.class, () -> board.addTeamMember(city.cmd(), YUANHANG_STAFF, team, WANG_BIN));
        assertEquals(Set.of(), board.team(team).members());
    }

    @Test
    void aTeamIdIsTakenOnceAndACommandIdIsAnIdempotencyKey() {
        CommandId create = city.cmd();
        TeamView first = board.createTeam(create, YUANHANG_STAFF, team, YUANHANG, "骑聚三营");
        assertEquals(first, board.createTeam(create, YUANHANG_STAFF, team, YUANHANG, "骑聚三营"), "a retry changes nothing");
        assertThrows(InvalidInput.class, () -> board.createTeam(city.cmd(), YUANHANG_STAFF, team, YUANHANG, "骑聚四营"));

        CommandId add = city.cmd();
        board.addTeamMember(add, YUANHANG_STAFF, team, ZHANG_GUOLONG);
        assertEquals(2, board.addTeamMember(add, YUANHANG_STAFF, team, ZHANG_GUOLONG).version());
        assertThrows(DuplicateCommand.class, () -> board.appointTeamLeader(add, YUANHANG_STAFF, team, ZHANG_GUOLONG),
                "the same id for another change");
        assertThrows(NotFound.class, () -> board.addTeamMember(city.cmd(), YUANHANG_STAFF, TeamId.of("no-such"), WANG_BIN));
    }
}
