package dev.civicloop.members;

import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.OrgUnitId;
import java.util.Map;

/** {@code member.suspended}: community staff suspended an active member, with a reason (masked); they may do nothing until reinstated. */
public record MemberSuspended(ActorId member, OrgUnitId community, String reason) implements EnrolmentEvent {
    public static final String TYPE = "member.suspended";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> attributes() {
        return Map.of("community", community.value());
    }
}
