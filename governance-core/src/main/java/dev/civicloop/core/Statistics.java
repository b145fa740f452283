package dev.civicloop.core;

import dev.civicloop.spi.model.CategoryKind;
import dev.civicloop.spi.model.OrgUnitId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Figures for one org unit and period, over the tickets reported in {@code [from, to)} whose org
 * unit lies in that unit. Rates are fractions in [0, 1]; a rate over nothing is 0.
 *
 * @param submitted tickets reported
 * @param dispatched tickets dispatched at least once
 * @param responded tickets claimed (or, for grievances, accepted) at least once
 * @param resolved tickets whose current state is resolved, answered or closed
 * @param resolvedOnTime resolved tickets whose last resolution came before their resolve deadline
 * @param rated resolved tickets whose reporter gave a satisfaction answer
 * @param satisfied rated tickets whose last answer was satisfied or basically satisfied
 * @param returns return (退单) events
 * @param reopened tickets reopened at least once
 * @param everResolved tickets resolved at least once (the base of the redo rate)
 * @param medianTimeToClaim from first dispatch (grievance: report) to first claim (or accept)
 * @param medianTimeToResolve from report to first resolution
 * @param byCategory tickets reported per category code
 * @param resolvedByKind resolved tickets per kind: hazards removed, disputes mediated, suggestions…
 */
public record Statistics(
        OrgUnitId orgUnit,
        Instant from,
        Instant to,
        long submitted,
        long dispatched,
        long responded,
        long resolved,
        long resolvedOnTime,
        long rated,
        long satisfied,
        long returns,
        long reopened,
        long everResolved,
        Duration medianTimeToClaim,
        Duration medianTimeToResolve,
        Map<String, Long> byCategory,
        Map<CategoryKind, Long> resolvedByKind) {
    public Statistics {
        byCategory = Map.copyOf(byCategory);
        resolvedByKind = Map.copyOf(resolvedByKind);
    }

    /** Responded over dispatched (grievances count as dispatched on report). */
    public double responseRate() {
        return ratio(responded, dispatched);
    }

    /** Resolved over submitted. */
    public double resolutionRate() {
        return ratio(resolved, submitted);
    }

    /** Resolved on time over resolved. */
    public double onTimeRate() {
        return ratio(resolvedOnTime, resolved);
    }

    /** Satisfied over rated. */
    public double satisfactionRate() {
        return ratio(satisfied, rated);
    }

    /** Reopened over resolved at least once. */
    public double redoRate() {
        return ratio(reopened, everResolved);
    }

    public Optional<Duration> medianClaim() {
        return Optional.ofNullable(medianTimeToClaim);
    }

    public Optional<Duration> medianResolve() {
        return Optional.ofNullable(medianTimeToResolve);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
