package dev.civicloop.points.internal;

import dev.civicloop.points.CivicEvent;
import dev.civicloop.points.MemberProfile;
import dev.civicloop.spi.model.Occupation;
import dev.civicloop.spi.model.Role;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;

/** One compiled condition of a rule's {@code when}. */
interface Condition {
    /** @param local the event's instant in the city's zone */
    boolean test(CivicEvent e, MemberProfile m, LocalDateTime local);

    /** The condition in words, for {@link dev.civicloop.points.Rule#conditions()}. */
    String describe();

    /** The attribute has one of the values (also the built-in category, kind, urgency, satisfaction). */
    record AttributeIn(String attribute, Set<String> values) implements Condition {
        @Override
        public boolean test(CivicEvent e, MemberProfile m, LocalDateTime local) {
            String v = e.attributes().get(attribute);
            return v != null && values.contains(v);
        }

        @Override
        public String describe() {
            return attribute + " one of " + values;
        }
    }

    /** The attribute is a number within [min, max] (either bound may be absent). */
    record AttributeBetween(String attribute, Double min, Double max) implements Condition {
        @Override
        public boolean test(CivicEvent e, MemberProfile m, LocalDateTime local) {
            String v = e.attributes().get(attribute);
            if (v == null) {
                return false;
            }
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (NumberFormatException nfe) {
                return false;
            }
            return (min == null || d >= min) && (max == null || d <= max);
        }

        @Override
        public String describe() {
            return attribute + (min != null ? " ≥ " + min : "") + (min != null && max != null ? " and" : "")
                    + (max != null ? " ≤ " + max : "");
        }
    }

    /** The member has any of the roles. */
    record RoleIn(EnumSet<Role> roles) implements Condition {
        @Override
        public boolean test(CivicEvent e, MemberProfile m, LocalDateTime local) {
            for (Role r : m.roles()) {
                if (roles.contains(r)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String describe() {
            return "role one of " + roles;
        }
    }

    record OccupationIn(EnumSet<Occupation> occupations) implements Condition {
        @Override
        public boolean test(CivicEvent e, MemberProfile m, LocalDateTime local) {
            return m.occupation() != null && occupations.contains(m.occupation());
        }

        @Override
        public String describe() {
            return "occupation one of " + occupations;
        }
    }

    /** Local time of day in [from, until); wraps past midnight when from is after until. */
    record TimeOfDay(LocalTime from, LocalTime until) implements Condition {
        @Override
        public boolean test(CivicEvent e, MemberProfile m, LocalDateTime local) {
            LocalTime t = local.toLocalTime();
            if (from.isBefore(until)) {
                return !t.isBefore(from) && t.isBefore(until);
            }
            return !t.isBefore(from) || t.isBefore(until);
        }

        @Override
        public String describe() {
            return "local time in [" + from + ", " + until + ")";
        }
    }

    /** Local date in [from, until], both inclusive; either may be absent. */
    record DateRange(LocalDate from, LocalDate until) implements Condition {
        @Override
        public boolean test(CivicEvent e, MemberProfile m, LocalDateTime local) {
            LocalDate d = local.toLocalDate();
            return (from == null || !d.isBefore(from)) && (until == null || !d.isAfter(until));
        }

        @Override
        public String describe() {
            return "local date from " + (from == null ? "any" : from) + " through " + (until == null ? "any" : until);
        }
    }
}
