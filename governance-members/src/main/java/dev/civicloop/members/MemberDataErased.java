package dev.civicloop.members;

import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.OrgUnitId;
import java.util.Map;

/** {@code member.erased}: the member's personal data were erased after the retention period; the stream stays, pseudonymised. */
public record MemberDataErased(ActorId member, OrgUnitId community) implements EnrolmentEvent {
    public static final String TYPE = "member.erased";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> attributes() {
        return Map.of("community", community.value());
    }
}
