package dev.civicloop.points;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.OrgUnitId;
import java.time.YearMonth;
import java.util.List;

/**
 * A member nominated as 金牌先锋 (gold pioneer) for a month, and what the street decided: the
 * fold of its {@link PioneerDecision decisions}, oldest first. Its id is the nominating decision's id.
 *
 * <pre>{@code
 * Nomination n = honours.nominate(CommandId.of("nom-1"), communityStaff, rider, YearMonth.of(2026, 11), "led 12 patrols");
 * n = honours.approve(CommandId.of("ok-1"), streetCoordinator, n.id(), "confirmed with the station");
 * n.status(); // APPROVED
 * }</pre>
 */
public record Nomination(
        CommandId id, ActorId member, YearMonth month, OrgUnitId community, OrgUnitId street, Status status,
        List<PioneerDecision> decisions) {
    public Nomination {
        decisions = List.copyOf(decisions);
    }

    public enum Status {
        /** Nominated, waiting for the street. */
        PENDING,
        APPROVED,
        REFUSED
    }

    /** Rebuilds a nomination from its decisions, oldest first (the first one is the nomination). */
    public static Nomination of(List<PioneerDecision> decisions) {
        if (decisions == null || decisions.isEmpty() || decisions.get(0).kind() != PioneerDecision.Kind.NOMINATED) {
            throw new InvalidInput("decisions", "must start with the nomination");
        }
        PioneerDecision first = decisions.get(0);
        Status status = Status.PENDING;
        for (PioneerDecision d : decisions.subList(1, decisions.size())) {
            if (!d.nomination().equals(first.id())) {
                throw new InvalidInput("decisions", d.id() + " belongs to nomination " + d.nomination() + ", not " + first.id());
            }
            if (d.kind() == PioneerDecision.Kind.APPROVED) {
                status = Status.APPROVED;
            } else if (d.kind() == PioneerDecision.Kind.REFUSED) {
                status = Status.REFUSED;
            }
        }
        return new Nomination(first.id(), first.member(), first.month(), first.community(), first.street(), status,
                decisions);
    }

    /** The number of decisions: the version a store appends the next one under. */
    public int version() {
        return decisions.size();
    }
}
