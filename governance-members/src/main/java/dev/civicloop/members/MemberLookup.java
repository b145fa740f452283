package dev.civicloop.members;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.OrgUnitId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Who a member is now, as enrolment knows it: whether they are active, their community and grid.
 * The {@link TaskBoard} asks it before a member joins a team, claims a task or signs up for an
 * activity, so teams and tasks use the same source as the ticket engine's authorisation.
 *
 * <pre>{@code
 * MemberLookup lookup = id -> directory.find(id).map(m -> new MemberLookup.Standing(
 *         m.status() == MemberStatus.ACTIVE, m.community(), m.grid()));
 * }</pre>
 */
@FunctionalInterface
public interface MemberLookup {

    /** The member's standing now; empty for an id enrolment does not know. */
    Optional<Standing> find(ActorId member);

    /**
     * Every member enrolled in the community (any status), for {@link CommunityStatistics#activeMembers()}.
     * The default knows none, so statistics count only the members seen in teams, tasks and activities.
     */
    default Collection<ActorId> membersOf(OrgUnitId community) {
        return List.of();
    }

    /**
     * @param active approved and neither suspended nor left: only active members act
     * @param community the community the member serves
     * @param grid the grid the member reports in; may be null
     */
    record Standing(boolean active, OrgUnitId community, OrgUnitId grid) {
        public Standing {
            if (community == null) {
                throw new InvalidInput("community", "is required");
            }
        }
    }
}
