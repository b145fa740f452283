package dev.civicloop.members;

import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.OrgUnitId;
import java.util.Map;

/**
 * {@code member.left}: the member left (or withdrew their application); their personal data are
 * erased after the city's retention period. The reason is optional and stored masked.
 */
public record MemberLeft(ActorId member, OrgUnitId community, String reason) implements EnrolmentEvent {
    public static final String TYPE = "member.left";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> attributes() {
        return Map.of("community", community.value());
    }
}
