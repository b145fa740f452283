package dev.civicloop.dispatch;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.core.RunningDeadline;
import dev.civicloop.core.TicketView;
import dev.civicloop.core.TimelineEntry;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.event.TicketReturned;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import dev.civicloop.spi.store.Page;
import dev.civicloop.spi.store.TicketQuery;
import dev.civicloop.spi.store.TicketSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The street's dispatch queue, as a dispatch board shows it: every ticket under the street that
 * awaits dispatch (verified, or submitted with verification skipped), oldest first, with its next
 * deadline and, for a returned ticket (退单), the latest return reason.
 */
public final class DispatchBoard {
    private final GovernanceEngine engine;

    public DispatchBoard(GovernanceEngine engine) {
        this.engine = engine;
    }

    /** At most {@code limit} queued tickets under {@code street} (or any unit), oldest first. */
    public List<QueuedTicket> queue(OrgUnitId street, int limit) {
        if (street == null) {
            throw new InvalidInput("street", "is required");
        }
        if (limit < 1 || limit > TicketQuery.MAX_LIMIT) {
            throw new InvalidInput("limit", "must be between 1 and " + TicketQuery.MAX_LIMIT + ", was " + limit);
        }
        List<QueuedTicket> out = new ArrayList<>();
        // Both states are read in full order and merged: a submitted ticket only counts when verification was skipped.
        for (TicketState s : List.of(TicketState.VERIFIED, TicketState.SUBMITTED)) {
            TicketQuery q = TicketQuery.all().withOrgUnit(street).withState(s).limit(limit);
            int found = 0;
            while (found < limit) {
                Page<TicketSummary> page = engine.tickets(q);
                for (TicketSummary summary : page.items()) {
                    TicketView t = engine.ticket(summary.ticketId());
                    if (t.state().equals(TicketState.VERIFIED) || t.verificationSkipped()) {
                        out.add(entry(t));
                        found++;
                    }
                }
                if (page.next().isEmpty()) {
                    break;
                }
                q = q.after(page.nextCursor());
            }
        }
        out.sort(Comparator.comparing(QueuedTicket::reportedAt).thenComparing(q -> q.ticketId().value()));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
    }

    private QueuedTicket entry(TicketView t) {
        Instant due = t.deadlines().stream().map(RunningDeadline::dueAt).min(Comparator.naturalOrder()).orElse(null);
        Optional<String> lastReturn = Optional.empty();
        if (t.returnCount() > 0) {
            for (TimelineEntry e : engine.history(t.ticketId())) {
                if (e.event() instanceof TicketReturned r) {
                    lastReturn = Optional.of(r.reason());
                }
            }
        }
        return new QueuedTicket(t.ticketId(), t.category(), t.orgUnit(), t.urgent(), t.reportedAt(), due, t.returnCount(),
                lastReturn);
    }

    /**
     * One line of the board.
     *
     * @param dueAt the next running deadline, null if none runs
     * @param lastReturnReason why it was last returned, if it was
     */
    public record QueuedTicket(TicketId ticketId, String category, OrgUnitId orgUnit, boolean urgent, Instant reportedAt,
            Instant dueAt, int returnCount, Optional<String> lastReturnReason) {}
}
