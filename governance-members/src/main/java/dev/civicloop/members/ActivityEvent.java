package dev.civicloop.members;

import dev.civicloop.spi.member.MemberEvent;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.OrgUnitId;
import java.math.BigDecimal;
import java.util.Map;

/**
 * What happens to an activity, in its stream {@code activity:<id>}. Every event carries
 * {@code community} and {@code activity}; {@code activity.attended} also {@code kind} and
 * {@code hours} (the activity's length, one decimal), for rules such as "attended → 5 points".
 */
public sealed interface ActivityEvent extends MemberEvent {
    ActivityId activity();

    OrgUnitId community();

    @Override
    default Map<String, String> attributes() {
        return Map.of("community", community().value(), "activity", activity().value());
    }

    /** {@code activity.published}. */
    record Published(Activity spec) implements ActivityEvent {
        @Override
        public ActivityId activity() {
            return spec.id();
        }

        @Override
        public OrgUnitId community() {
            return spec.community();
        }

        @Override
        public String type() {
            return "activity.published";
        }

        @Override
        public ActorId member() {
            return null;
        }

        @Override
        public Map<String, String> attributes() {
            return Map.of("community", community().value(), "activity", activity().value(), "kind", spec.kind().name());
        }
    }

    /** {@code activity.signed_up}: the member took one of the places. */
    record SignedUp(ActivityId activity, OrgUnitId community, ActorId member) implements ActivityEvent {
        @Override
        public String type() {
            return "activity.signed_up";
        }
    }

    /** {@code activity.withdrawn}: the member gave the place back. */
    record Withdrawn(ActivityId activity, OrgUnitId community, ActorId member) implements ActivityEvent {
        @Override
        public String type() {
            return "activity.withdrawn";
        }
    }

    /** {@code activity.attended}: staff recorded the member as present. */
    record Attended(ActivityId activity, OrgUnitId community, ActivityKind kind, ActorId member, BigDecimal hours)
            implements ActivityEvent {
        @Override
        public String type() {
            return "activity.attended";
        }

        @Override
        public Map<String, String> attributes() {
            return Map.of("community", community.value(), "activity", activity.value(), "kind", kind.name(), "hours",
                    hours.toPlainString());
        }
    }
}
