package dev.civicloop.members;

import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code member.approved}: community staff approved the member into a grid (and a team), with these roles. */
public record MemberApproved(ActorId member, OrgUnitId community, OrgUnitId grid, String team, Set<Role> roles)
        implements EnrolmentEvent {
    public static final String TYPE = "member.approved";

    public MemberApproved {
        roles = Set.copyOf(roles);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> attributes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("community", community.value());
        m.put("grid", grid.value());
        if (team != null) {
            m.put("team", team);
        }
        m.put("roles", roles.stream().map(Role::name).sorted().collect(Collectors.joining(",")));
        return Map.copyOf(m);
    }
}
