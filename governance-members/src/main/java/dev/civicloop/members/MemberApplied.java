package dev.civicloop.members;

import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Occupation;
import dev.civicloop.spi.model.OrgUnitId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code member.applied}: a worker applied to a community and consented to the processing of
 * their personal data (the consent is kept here, the data themselves in the vault).
 */
public record MemberApplied(ActorId member, OrgUnitId community, Occupation occupation, String platform,
        boolean partyMember, Instant consentAt, String consentText) implements EnrolmentEvent {
    public static final String TYPE = "member.applied";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> attributes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("community", community.value());
        m.put("occupation", occupation.name());
        if (platform != null) {
            m.put("platform", platform);
        }
        m.put("party", Boolean.toString(partyMember));
        return Map.copyOf(m);
    }
}
