package dev.civicloop.points;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.model.Occupation;
import dev.civicloop.spi.model.Role;
import java.util.Set;

/**
 * What rules may know about a member: roles and occupation. The city supplies them through a
 * {@code Function<ActorId, MemberProfile>} given to {@link PointsAwarder} (members and enrolment
 * arrive later; until then the city's own directory answers).
 *
 * <pre>{@code
 * Function<ActorId, MemberProfile> members = id -> MemberProfile.of(Set.of(Role.MOBILE_GRID_MEMBER),
 *         Occupation.DELIVERY_RIDER);
 * }</pre>
 *
 * @param occupation null when the member is not a new-employment worker
 */
public record MemberProfile(Set<Role> roles, Occupation occupation) {
    /** Nothing known: role and occupation conditions do not match. */
    public static final MemberProfile UNKNOWN = new MemberProfile(Set.of(), null);

    public MemberProfile {
        if (roles == null) {
            throw new InvalidInput("roles", "is required (may be empty)");
        }
        roles = Set.copyOf(roles);
    }

    public static MemberProfile of(Set<Role> roles, Occupation occupation) {
        return new MemberProfile(roles, occupation);
    }
}
