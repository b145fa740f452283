package dev.civicloop.points;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.spi.GovernanceException;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.event.DepartmentResolved;
import dev.civicloop.spi.event.EventEnvelope;
import dev.civicloop.spi.event.ReportRejectedAsFalse;
import dev.civicloop.spi.event.ReportVerified;
import dev.civicloop.spi.event.ResultConfirmed;
import dev.civicloop.spi.event.StoredEvent;
import dev.civicloop.spi.event.TicketEvent;
import dev.civicloop.spi.event.TicketReported;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.TicketState;
import dev.civicloop.spi.store.TicketStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows the ticket event log ({@link TicketStore#readAfter}) from a checkpoint and feeds the
 * reporter's civic events to a {@link PointsAwarder}. Each civic event's id is
 * {@code <ticket>@<version>}, so reading the log again awards nothing more.
 *
 * <table>
 * <caption>Ticket events and the civic events they become (member: the ticket's reporter)</caption>
 * <tr><th>ticket event</th><th>civic event type</th><th>attributes</th></tr>
 * <tr><td>ReportVerified; TicketReported with verification skipped (urgent category or trusted
 *     reporter: the city already counts it as verified)</td><td>{@code report.verified}</td>
 *     <td>{@code verification} = ON_SITE, BY_PHOTO or SKIPPED</td></tr>
 * <tr><td>DepartmentResolved that resolves the ticket (the last department)</td>
 *     <td>{@code report.resolved}</td><td></td></tr>
 * <tr><td>ResultConfirmed (by the reporter or by the clock)</td><td>{@code report.closed}</td>
 *     <td>{@code satisfaction} (absent when closed by the clock), {@code byClock}</td></tr>
 * <tr><td>ReportRejectedAsFalse</td><td>{@code report.rejected_as_false}</td><td>{@code reason}</td></tr>
 * </table>
 *
 * <p>Every civic event also carries {@code category}, {@code kind} (the category's kind),
 * {@code urgency}, {@code orgUnit} and {@code workflow}. A merged duplicate, a rejected or a
 * cancelled report produce no civic event, so they earn nothing (points earned at verification
 * before a merge stay: postings are never edited).
 *
 * <pre>{@code
 * TicketEventFeed feed = new TicketEventFeed(ticketStore, engine, awarder, savedCheckpoint);
 * feed.poll();                       // e.g. every minute
 * save(feed.checkpoint());
 * }</pre>
 */
public final class TicketEventFeed {
    private static final int BATCH = 500;
    private final TicketStore store;
    private final GovernanceEngine engine;
    private final PointsAwarder awarder;
    private long checkpoint;

    /**
     * @param engine answers the categories (kind, urgency)
     * @param checkpoint the last position already fed (0 to start from the beginning)
     */
    public TicketEventFeed(TicketStore store, GovernanceEngine engine, PointsAwarder awarder, long checkpoint) {
        if (store == null || engine == null || awarder == null || checkpoint < 0) {
            throw new InvalidConfiguration("ticket event feed: store, engine and awarder are required, checkpoint ≥ 0");
        }
        this.store = store;
        this.engine = engine;
        this.awarder = awarder;
        this.checkpoint = checkpoint;
    }

    /** The last position fed; save it and pass it to the next feed after a restart. */
    public synchronized long checkpoint() {
        return checkpoint;
    }

    /** Feeds every event after the checkpoint; returns the decisions made. */
    public synchronized List<Award> poll() {
        List<Award> out = new ArrayList<>();
        while (true) {
            List<StoredEvent> batch = store.readAfter(checkpoint, BATCH);
            if (batch.isEmpty()) {
                return out;
            }
            for (StoredEvent e : batch) {
                for (CivicEvent c : civicEvents(e)) {
                    out.addAll(awarder.accept(c));
                }
                checkpoint = e.position();
            }
        }
    }

    /** The civic events one stored ticket event becomes (usually none or one). */
    public List<CivicEvent> civicEvents(StoredEvent stored) {
        EventEnvelope env = stored.envelope();
        TicketEvent ev = env.event();
        String type;
        Map<String, String> extra = new HashMap<>();
        if (ev instanceof TicketReported r) {
            if (!r.verificationSkipped()) {
                return List.of();
            }
            type = "report.verified";
            extra.put("verification", "SKIPPED");
        } else if (ev instanceof ReportVerified v) {
            type = "report.verified";
            extra.put("verification", v.method().name());
        } else if (ev instanceof DepartmentResolved && TicketState.RESOLVED.equals(env.state())) {
            type = "report.resolved";
        } else if (ev instanceof ResultConfirmed c) {
            type = "report.closed";
            if (c.satisfaction() != null) {
                extra.put("satisfaction", c.satisfaction().name());
            }
            extra.put("byClock", Boolean.toString(c.byClock()));
        } else if (ev instanceof ReportRejectedAsFalse f) {
            type = "report.rejected_as_false";
            if (f.reason() != null && !f.reason().isBlank()) {
                extra.put("reason", f.reason());
            }
        } else {
            return List.of();
        }
        EventEnvelope first = env.version() == 1 ? env : store.load(env.ticketId()).get(0);
        TicketReported report = (TicketReported) first.event();
        Map<String, String> attrs = new HashMap<>(extra);
        attrs.put("category", report.category());
        attrs.put("urgency", report.urgent() ? "URGENT" : "NORMAL");
        attrs.put("workflow", report.workflow());
        if (report.orgUnit() != null) {
            attrs.put("orgUnit", report.orgUnit().value());
        }
        category(report.category()).ifPresent(c -> attrs.put("kind", c.kind().name()));
        return List.of(new CivicEvent(env.ticketId().value() + "@" + env.version(), type, first.actor(),
                env.occurredAt(), env.ticketId(), attrs));
    }

    private Optional<Category> category(String code) {
        try {
            return Optional.of(engine.category(code));
        } catch (GovernanceException e) {
            return Optional.empty(); // a category the city has since removed: kind unknown
        }
    }
}
