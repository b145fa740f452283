package dev.civicloop.members;

import dev.civicloop.spi.member.MemberEvent;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.OrgUnitId;
import java.util.Map;

/**
 * What happens to a team (志愿服务队), in its stream {@code team:<id>}. Every event names the
 * team's community in its attributes ({@code community}, {@code team}).
 */
public sealed interface TeamEvent extends MemberEvent {
    TeamId team();

    OrgUnitId community();

    @Override
    default Map<String, String> attributes() {
        return Map.of("community", community().value(), "team", team().value());
    }

    /** {@code team.created}: staff formed the team, e.g. "骑聚三营". */
    record Created(TeamId team, OrgUnitId community, String name) implements TeamEvent {
        @Override
        public String type() {
            return "team.created";
        }

        @Override
        public ActorId member() {
            return null;
        }
    }

    /** {@code team.member_added}. */
    record MemberAdded(TeamId team, OrgUnitId community, ActorId member) implements TeamEvent {
        @Override
        public String type() {
            return "team.member_added";
        }
    }

    /** {@code team.member_removed}. */
    record MemberRemoved(TeamId team, OrgUnitId community, ActorId member) implements TeamEvent {
        @Override
        public String type() {
            return "team.member_removed";
        }
    }

    /** {@code team.leader_appointed}: the member, already in the team, leads it from now on. */
    record LeaderAppointed(TeamId team, OrgUnitId community, ActorId member) implements TeamEvent {
        @Override
        public String type() {
            return "team.leader_appointed";
        }
    }
}
