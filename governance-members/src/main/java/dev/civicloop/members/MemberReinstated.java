package dev.civicloop.members;

import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.OrgUnitId;
import java.util.Map;

/** {@code member.reinstated}: community staff reinstated a suspended member. */
public record MemberReinstated(ActorId member, OrgUnitId community) implements EnrolmentEvent {
    public static final String TYPE = "member.reinstated";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> attributes() {
        return Map.of("community", community.value());
    }
}
