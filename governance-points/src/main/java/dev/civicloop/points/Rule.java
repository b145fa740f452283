package dev.civicloop.points;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One points rule as loaded from the rules file (see {@link PointsRules}): what it listens to,
 * what it checks, what it awards and how it is limited. Read-only; the engine evaluates a
 * compiled form of it.
 *
 * @param eventType the {@link CivicEvent#type()} the rule listens to
 * @param priority higher first among the rules of one event type; ties keep file order
 * @param stop when the rule matches (conditions and validity hold), later rules of the event are
 *     not evaluated, even if a limit left nothing to award
 * @param points the fixed award, or the rate per unit when {@code perUnit} is set; negative = a
 *     penalty
 * @param perUnit the event attribute whose numeric value is multiplied by {@code rate} (rounded
 *     down to whole points), or null for a fixed award
 * @param rate the points per unit, or null
 * @param limits the most one member may receive from this rule per period (absent = no limit)
 * @param oncePerTicket at most one award from this rule per member and ticket
 * @param validFrom first instant the rule applies to (inclusive), or null
 * @param validUntil the instant it stops applying to (exclusive), or null
 * @param conditions the conditions in words, e.g. {@code category one of [gas_leak]}
 */
public record Rule(
        String id,
        String description,
        String eventType,
        int priority,
        boolean stop,
        long points,
        String perUnit,
        BigDecimal rate,
        Map<LimitPeriod, Long> limits,
        boolean oncePerTicket,
        Instant validFrom,
        Instant validUntil,
        List<String> conditions) {
    public Rule {
        limits = Map.copyOf(limits);
        conditions = List.copyOf(conditions);
    }

    /** A penalty rule: its awards are negative. */
    public boolean penalty() {
        return perUnit == null ? points < 0 : rate.signum() < 0;
    }
}
