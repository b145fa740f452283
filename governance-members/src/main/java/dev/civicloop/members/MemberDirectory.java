package dev.civicloop.members;

import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorDirectory;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who an actor is now, from the member records and the city's staff directory: the
 * {@link ActorDirectory} to give the ticket engine ({@code GovernanceEngine.builder().actors(…)}).
 *
 * <ul>
 * <li>An ACTIVE member is an actor with the roles approval granted ({@code MOBILE_GRID_MEMBER},
 *     maybe {@code VOLUNTEER}) and no org scope: a member reports anywhere and acts on their own
 *     tickets, but has no authority over a unit (their grid is in {@link MemberView#grid()}).</li>
 * <li>An APPLIED, REFUSED, SUSPENDED or LEFT member is no actor, unless the staff directory lists
 *     the same id (staff who also volunteer keep their job when their membership is suspended).</li>
 * <li>An ACTIVE member the staff directory also lists gets both: roles, scopes and departments joined.</li>
 * </ul>
 *
 * <pre>{@code
 * GovernanceEngine engine = GovernanceEngine.builder().actors(members.directory())…build();
 * }</pre>
 */
public final class MemberDirectory implements ActorDirectory {
    private final Members members;
    private final ActorDirectory staff;

    MemberDirectory(Members members, ActorDirectory staff) {
        this.members = members;
        this.staff = staff;
    }

    @Override
    public Optional<Actor> find(ActorId id) {
        if (id == null) {
            return Optional.empty();
        }
        Optional<Actor> member = members.find(id).filter(MemberView::active)
                .map(v -> new Actor(id, v.roles(), Set.of(), Set.of()));
        Optional<Actor> asStaff = staff == null ? Optional.empty() : staff.find(id);
        if (member.isEmpty()) {
            return asStaff;
        }
        if (asStaff.isEmpty()) {
            return member;
        }
        Set<Role> roles = new HashSet<>(member.get().roles());
        roles.addAll(asStaff.get().roles());
        Set<OrgUnitId> scope = asStaff.get().orgScope();
        Set<DepartmentId> departments = asStaff.get().departments();
        return Optional.of(new Actor(id, roles, scope, departments));
    }
}
