package dev.civicloop.members;

import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.OrgUnitId;
import java.util.Map;

/** {@code member.refused}: community staff refused the application, with a reason (masked). */
public record MemberRefused(ActorId member, OrgUnitId community, String reason) implements EnrolmentEvent {
    public static final String TYPE = "member.refused";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> attributes() {
        return Map.of("community", community.value());
    }
}
