package dev.civicloop.points;

import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.OrgUnitId;
import java.util.Optional;

/**
 * The city's answer to "which community does this member belong to?", used by {@link Honours}
 * to place a member on a community's and a street's leaderboard and to check who may nominate
 * them. Asked when a board is read, so a member counts for the community they belong to then.
 *
 * <pre>{@code
 * Membership m = member -> Optional.ofNullable(roster.get(member)); // roster: ActorId -> community id
 * }</pre>
 */
@FunctionalInterface
public interface Membership {
    /** The member's COMMUNITY unit, or empty for a member of no community (on no board). */
    Optional<OrgUnitId> communityOf(ActorId member);
}
