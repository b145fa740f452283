package dev.civicloop.members;

import dev.civicloop.members.internal.Checks;
import dev.civicloop.spi.model.OrgUnitId;

/**
 * What community staff decide when they approve an application: the grid of their community the
 * member reports in, optionally a team (志愿服务队) id, and whether the member is also a volunteer
 * (志愿骑手) besides a mobile grid member.
 *
 * <pre>{@code
 * Approval a = Approval.toGrid(OrgUnitId.of("yuanhang-grid-6")).inTeam("qiju-3").asVolunteer();
 * }</pre>
 */
public record Approval(OrgUnitId grid, String team, boolean volunteer) {
    public Approval {
        Checks.required("grid", grid);
        Checks.optionalId("team", team);
    }

    public static Approval toGrid(OrgUnitId grid) {
        return new Approval(grid, null, false);
    }

    public Approval inTeam(String team) {
        return new Approval(grid, team, volunteer);
    }

    public Approval asVolunteer() {
        return new Approval(grid, team, true);
    }
}
