package dev.civicloop.spi.model;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.internal.Check;
import java.util.Set;

/**
 * Who issues a command: an id, roles, the org units their authority covers (a unit covers the
 * units below it) and, for handlers, the departments they act for.
 *
 * <pre>{@code
 * Actor staff = Actor.of("li-na", Set.of(Role.COMMUNITY_STAFF), Set.of(OrgUnitId.of("yuanhang")), Set.of());
 * }</pre>
 */
public record Actor(ActorId id, Set<Role> roles, Set<OrgUnitId> orgScope, Set<DepartmentId> departments) {
    public Actor {
        Check.notNull("id", id);
        roles = Set.copyOf(Check.noNulls("roles", roles));
        orgScope = Set.copyOf(Check.noNulls("orgScope", orgScope));
        departments = Set.copyOf(Check.noNulls("departments", departments));
        if (roles.isEmpty()) {
            throw new InvalidInput("roles", "must name at least one role");
        }
    }

    public static Actor of(String id, Set<Role> roles, Set<OrgUnitId> orgScope, Set<DepartmentId> departments) {
        return new Actor(ActorId.of(id), roles, orgScope, departments);
    }

    /** A resident or member who reports; no org scope. */
    public static Actor reporter(String id, Role role) {
        return new Actor(ActorId.of(id), Set.of(role), Set.of(), Set.of());
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }
}
