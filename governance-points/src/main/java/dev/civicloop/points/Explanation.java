package dev.civicloop.points;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Why an award has the amount it has: the rule, the event, how the amount was computed and which
 * limit cut it. {@link #text()} says it in one line, e.g. {@code rule snap-report (Snap-report
 * verified): report.verified T1@2 at 2026-11-23 09:00 Asia/Shanghai, 10 points; daily limit 20: 15
 * already today, awarded 5 of 10}.
 *
 * @param at when the event happened, in the city's zone
 * @param basis how the requested amount was computed, e.g. {@code 10 points} or
 *     {@code hours 2.5 × 4 = 10 points (rounded down)}
 * @param requested what the rule asked for (negative for a penalty)
 * @param awarded what was given after limits (0 when a limit was reached or it was already awarded)
 * @param limitPeriod the limit that decided the amount, or null when no limit cut it
 * @param limit that limit's value (0 when none)
 * @param alreadyInPeriod what the member had from this rule in that period before (0 when none)
 * @param priorPosting the posting that already carried this award, when it was a replay; else null
 */
public record Explanation(
        String ruleId,
        String ruleDescription,
        String eventId,
        String eventType,
        ZonedDateTime at,
        String basis,
        long requested,
        long awarded,
        LimitPeriod limitPeriod,
        long limit,
        long alreadyInPeriod,
        String priorPosting) {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    /** The limit in words, e.g. {@code daily limit 20: 15 already today, awarded 5 of 10}; null when none applied. */
    public String limitApplied() {
        if (limitPeriod == null) {
            return null;
        }
        return limitPeriod.adjective() + " limit " + limit + ": " + alreadyInPeriod + " already " + limitPeriod.current()
                + ", awarded " + awarded + " of " + requested;
    }

    /** The whole explanation in one line. */
    public String text() {
        StringBuilder s = new StringBuilder("rule ").append(ruleId);
        if (ruleDescription != null) {
            s.append(" (").append(ruleDescription).append(')');
        }
        s.append(": ").append(eventType).append(' ').append(eventId).append(" at ").append(WHEN.format(at)).append(' ')
                .append(at.getZone().getId()).append(", ").append(basis);
        if (priorPosting != null) {
            s.append("; already awarded by posting ").append(priorPosting).append(", nothing more");
        } else if (requested < 0) {
            s.append("; penalty of ").append(-requested).append(" points");
        } else if (limitPeriod != null) {
            s.append("; ").append(limitApplied());
        } else {
            s.append("; awarded ").append(awarded);
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
