package dev.civicloop.store.jdbc;

import dev.civicloop.spi.member.MemberEvent;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.Occupation;
import dev.civicloop.spi.model.OrgUnitId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Event records shaped like the members module's (sealed interfaces of records, one sealed
 * interface nested in another, value records, enums, instants, decimals, nullable numbers), so
 * this module's tests show how an integrator registers governance-members' events without
 * store-jdbc depending on it.
 */
public final class CityEvents {
    private CityEvents() {}

    /** Like {@code EnrolmentEvent}: the records of a member's stream. */
    public sealed interface Enrolment extends MemberEvent permits Applied, Left {
        OrgUnitId community();
    }

    /** Like {@code MemberApplied}. */
    public record Applied(ActorId member, OrgUnitId community, Occupation occupation, String platform, Instant appliedAt)
            implements Enrolment {
        @Override
        public String type() {
            return "member.applied";
        }
    }

    /** Like {@code MemberLeft}. */
    public record Left(ActorId member, OrgUnitId community, String reason) implements Enrolment {
        @Override
        public String type() {
            return "member.left";
        }
    }

    /** Like {@code TaskEvent}: records nested in the interface, and a nested sealed interface of check-ins. */
    public sealed interface Task extends MemberEvent {
        String task();

        @Override
        default Map<String, String> attributes() {
            return Map.of("task", task());
        }

        /** A task as published: about no one member, with a place and a window. */
        record Published(String task, Location place, Instant from, Instant until, int slots, List<String> tags)
                implements Task {
            public Published {
                tags = List.copyOf(tags);
            }

            @Override
            public String type() {
                return "task.published";
            }

            @Override
            public ActorId member() {
                return null;
            }
        }

        /** Hours as a decimal whose scale must survive (2.50 is not 2.5 to {@code equals}). */
        record Completed(String task, ActorId member, BigDecimal hours, boolean adjusted) implements Task {
            @Override
            public String type() {
                return "task.completed";
            }

            @Override
            public Map<String, String> attributes() {
                return Map.of("task", task, "hours", hours.toPlainString());
            }
        }

        /** A nested sealed interface: its records are registered too. */
        sealed interface Presence extends Task {}

        /** A distance that may be null. */
        record CheckedIn(String task, ActorId member, Long distanceMetres) implements Presence {
            @Override
            public String type() {
                return "task.checked-in";
            }
        }
    }
}
