package dev.civicloop.members;

import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Occupation;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import java.time.Instant;
import java.util.Set;

/**
 * A member as staff see them: enrolment status, community, grid and team, roles, and personal data
 * masked. The phone appears only as {@code 138****5678} and the ID number only with its middle
 * masked; there is no accessor for either unmasked. After a member left and the retention period
 * passed, name and phone read {@link #ERASED} and {@link #personalDataErased()} is true, while the
 * member's events (and tickets, points) stay under the pseudonymous id.
 *
 * @param grid the grid they report in, once approved; null before
 * @param team the team id, if staff assigned one
 * @param roles the roles approval granted ({@code MOBILE_GRID_MEMBER}, maybe {@code VOLUNTEER});
 *     they act only while {@link #status()} is ACTIVE
 * @param name the name, {@link #ERASED} once erased, null if the vault holds none
 * @param maskedPhone {@code 138****5678}, {@link #ERASED} once erased, null if the vault holds none
 * @param maskedIdNumber the ID number's first 6 and last 4 characters, or null
 * @param consentAt when the member consented to the processing of their personal data (kept after erasure)
 * @param consentText the consent text or version they agreed to
 * @param reason the reason of the last refusal, suspension or leave (phone and ID numbers masked); null otherwise
 * @param updatedAt when the last event happened
 * @param version the version of the member's stream this view folds
 */
public record MemberView(
        ActorId member,
        MemberStatus status,
        OrgUnitId community,
        OrgUnitId grid,
        String team,
        Occupation occupation,
        String platform,
        boolean partyMember,
        Set<Role> roles,
        String name,
        String maskedPhone,
        String maskedIdNumber,
        boolean personalDataErased,
        Instant consentAt,
        String consentText,
        Instant appliedAt,
        Instant approvedAt,
        Instant updatedAt,
        String reason,
        long version) {
    /** What name and phone read after the personal data were erased. */
    public static final String ERASED = "已注销 / erased";

    public MemberView {
        roles = Set.copyOf(roles);
    }

    /** True while the member may act (report, claim tasks…). */
    public boolean active() {
        return status == MemberStatus.ACTIVE;
    }
}
