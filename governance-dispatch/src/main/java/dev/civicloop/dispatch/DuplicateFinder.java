package dev.civicloop.dispatch;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.event.EventEnvelope;
import dev.civicloop.spi.event.MeTooAdded;
import dev.civicloop.spi.event.StoredEvent;
import dev.civicloop.spi.event.TicketReported;
import dev.civicloop.spi.model.GeoPoint;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.store.TicketStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds open tickets that may report the same problem: same category, within a radius and a time
 * window (per category), nearest first. Kept current from the event stream ({@link #catchUp()}),
 * never by scanning the store's tickets. Merging a duplicate is the core's {@code Merge} command:
 * it adds a "me too" to the original and links the reporter, who then gets its feedback.
 *
 * <p>Thread-safe: every method is synchronised; lookups touch only the open tickets of one
 * category.
 */
public final class DuplicateFinder {
    private final GovernanceEngine engine;
    private final TicketStore events;
    private final Map<String, Rule> rules;
    private final Rule defaultRule;
    private final Map<String, Map<TicketId, Open>> openByCategory = new HashMap<>();
    private final Map<TicketId, Open> open = new HashMap<>();
    private long checkpoint;

    /**
     * @param engine the engine, for each ticket's workflow (which states are terminal)
     * @param events the store whose event stream is followed, from the beginning
     * @param rules radius and window per category code
     * @param defaultRule for categories without a rule of their own
     */
    public DuplicateFinder(GovernanceEngine engine, TicketStore events, Map<String, Rule> rules, Rule defaultRule) {
        if (engine == null || events == null || rules == null || defaultRule == null) {
            throw new InvalidConfiguration("duplicate finder: engine, events, rules and defaultRule are required");
        }
        this.engine = engine;
        this.events = events;
        this.rules = Map.copyOf(rules);
        this.defaultRule = defaultRule;
    }

    /** Applies every event since the last call. Returns how many events were read. */
    public synchronized int catchUp() {
        int read = 0;
        while (true) {
            List<StoredEvent> batch = events.readAfter(checkpoint, 1000);
            if (batch.isEmpty()) {
                return read;
            }
            for (StoredEvent e : batch) {
                apply(e.envelope());
            }
            read += batch.size();
            checkpoint = batch.get(batch.size() - 1).position();
        }
    }

    private void apply(EventEnvelope e) {
        if (e.event() instanceof TicketReported r) {
            if (r.location().point() == null) {
                return; // an address alone cannot be compared by distance
            }
            Open o = new Open(e.ticketId(), r.workflow(), r.category(), Coordinates.toWgs84(r.location().point()),
                    e.occurredAt(), 0);
            add(o);
        }
        Open o = open.get(e.ticketId());
        if (o == null) {
            return;
        }
        if (engine.workflow(o.workflow()).isTerminal(e.state())) {
            open.remove(o.ticketId());
            openByCategory.get(o.category()).remove(o.ticketId());
        } else if (e.event() instanceof MeTooAdded m) {
            add(new Open(o.ticketId(), o.workflow(), o.category(), o.point(), o.reportedAt(), m.meTooCount()));
        }
    }

    private void add(Open o) {
        open.put(o.ticketId(), o);
        openByCategory.computeIfAbsent(o.category(), c -> new LinkedHashMap<>()).put(o.ticketId(), o);
    }

    /**
     * Open tickets of {@code category} within the category's radius of {@code point}, reported
     * within its window before {@code at}, nearest first (then oldest). Call {@link #catchUp()}
     * first for the latest state.
     */
    public synchronized List<Candidate> candidates(String category, GeoPoint point, Instant at) {
        if (category == null || point == null || at == null) {
            throw new InvalidInput(category == null ? "category" : point == null ? "point" : "at", "is required");
        }
        Rule rule = rules.getOrDefault(category, defaultRule);
        GeoPoint p = Coordinates.toWgs84(point);
        List<Candidate> out = new ArrayList<>();
        for (Open o : openByCategory.getOrDefault(category, Map.of()).values()) {
            if (o.reportedAt().isBefore(at.minus(rule.window())) || o.reportedAt().isAfter(at)) {
                continue;
            }
            double d = Coordinates.distanceMetres(p, o.point());
            if (d <= rule.radiusMetres()) {
                out.add(new Candidate(o.ticketId(), d, o.reportedAt(), o.meToo()));
            }
        }
        out.sort(Comparator.comparingDouble(Candidate::distanceMetres).thenComparing(Candidate::reportedAt));
        return out;
    }

    /** Candidates for an existing ticket: the others near it, reported before it within the window. */
    public synchronized List<Candidate> candidatesFor(TicketId ticketId) {
        Open o = open.get(ticketId);
        if (o == null) {
            return List.of();
        }
        return candidates(o.category(), o.point(), o.reportedAt()).stream()
                .filter(c -> !c.ticketId().equals(ticketId))
                .toList();
    }

    private record Open(TicketId ticketId, String workflow, String category, GeoPoint point, Instant reportedAt, int meToo) {}

    /**
     * How close two reports must be to count as possible duplicates.
     *
     * @param radiusMetres at most this far apart
     * @param window the earlier one reported at most this long before
     */
    public record Rule(double radiusMetres, Duration window) {
        public Rule {
            if (!(radiusMetres > 0) || Double.isInfinite(radiusMetres)) {
                throw new InvalidConfiguration("duplicate rule: radiusMetres must be positive, was " + radiusMetres);
            }
            if (window == null || window.isNegative() || window.isZero()) {
                throw new InvalidConfiguration("duplicate rule: window must be positive, was " + window);
            }
        }
    }

    /**
     * An open ticket that may report the same problem.
     *
     * @param meToo how many reports were already merged into it
     */
    public record Candidate(TicketId ticketId, double distanceMetres, Instant reportedAt, int meToo) {}
}
