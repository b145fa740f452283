package dev.civicloop.core.internal;

import dev.civicloop.core.Statistics;
import dev.civicloop.spi.event.DepartmentAccepted;
import dev.civicloop.spi.event.ResultConfirmed;
import dev.civicloop.spi.event.StoredEvent;
import dev.civicloop.spi.event.TicketClaimed;
import dev.civicloop.spi.event.TicketDispatched;
import dev.civicloop.spi.event.TicketEvent;
import dev.civicloop.spi.event.TicketReopened;
import dev.civicloop.spi.event.TicketReported;
import dev.civicloop.spi.event.TicketReturned;
import dev.civicloop.spi.model.CategoryKind;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import dev.civicloop.spi.store.TicketStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Statistics as a projection of the global event feed: it keeps a checkpoint (the last position
 * read) and a few facts per ticket, and catches up before each query.
 */
final class StatisticsProjection {
    private static final Set<TicketState> RESULT = Set.of(TicketState.RESOLVED, TicketState.ANSWERED);
    private static final Set<TicketState> RESOLVED_NOW = Set.of(TicketState.RESOLVED, TicketState.ANSWERED, TicketState.CLOSED);

    private final TicketStore store;
    private final OrgTree org;
    private final Function<String, CategoryKind> kinds;
    private final Map<TicketId, Facts> facts = new HashMap<>();
    private long checkpoint;

    StatisticsProjection(TicketStore store, OrgTree org, Function<String, CategoryKind> kinds) {
        this.store = store;
        this.org = org;
        this.kinds = kinds;
    }

    private static final class Facts {
        Instant reportedAt;
        String category;
        List<OrgUnitId> units;
        Instant dispatchedAt;
        Instant respondedAt;
        Instant firstResolvedAt;
        Instant lastResolvedAt;
        Instant resolveDue;
        Instant resolveDueAtResolution;
        TicketState state;
        boolean rated;
        boolean satisfied;
        int returns;
        boolean reopened;
    }

    synchronized Statistics query(OrgUnitId unit, Instant from, Instant to) {
        catchUp();
        long submitted = 0, dispatched = 0, responded = 0, resolved = 0, onTime = 0, rated = 0, satisfied = 0;
        long returns = 0, reopened = 0, everResolved = 0;
        List<Duration> claim = new ArrayList<>();
        List<Duration> resolve = new ArrayList<>();
        Map<String, Long> byCategory = new TreeMap<>();
        Map<CategoryKind, Long> byKind = new EnumMap<>(CategoryKind.class);
        for (Facts f : facts.values()) {
            if (f.reportedAt.isBefore(from) || !f.reportedAt.isBefore(to) || !f.units.contains(unit)) {
                continue;
            }
            submitted++;
            byCategory.merge(f.category, 1L, Long::sum);
            if (f.dispatchedAt != null) {
                dispatched++;
            }
            if (f.respondedAt != null) {
                responded++;
                if (f.dispatchedAt != null) {
                    claim.add(Duration.between(f.dispatchedAt, f.respondedAt));
                }
            }
            if (RESOLVED_NOW.contains(f.state) && f.lastResolvedAt != null) {
                resolved++;
                byKind.merge(kinds.apply(f.category), 1L, Long::sum);
                if (f.resolveDueAtResolution == null || !f.lastResolvedAt.isAfter(f.resolveDueAtResolution)) {
                    onTime++;
                }
                if (f.rated) {
                    rated++;
                    if (f.satisfied) {
                        satisfied++;
                    }
                }
            }
            if (f.firstResolvedAt != null) {
                everResolved++;
                resolve.add(Duration.between(f.reportedAt, f.firstResolvedAt));
            }
            returns += f.returns;
            if (f.reopened) {
                reopened++;
            }
        }
        return new Statistics(unit, from, to, submitted, dispatched, responded, resolved, onTime, rated, satisfied,
                returns, reopened, everResolved, median(claim), median(resolve), byCategory, byKind);
    }

    /** The median; for an even count, the mean of the two middle values. Null for none. */
    static Duration median(List<Duration> ds) {
        if (ds.isEmpty()) {
            return null;
        }
        List<Duration> s = new ArrayList<>(ds);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : s.get(n / 2 - 1).plus(s.get(n / 2)).dividedBy(2);
    }

    private void catchUp() {
        while (true) {
            List<StoredEvent> batch = store.readAfter(checkpoint, 500);
            if (batch.isEmpty()) {
                return;
            }
            for (StoredEvent s : batch) {
                apply(s);
                checkpoint = s.position();
            }
        }
    }

    private void apply(StoredEvent s) {
        TicketEvent e = s.envelope().event();
        Instant at = s.envelope().occurredAt();
        Facts f;
        if (e instanceof TicketReported r) {
            f = new Facts();
            f.reportedAt = at;
            f.category = r.category();
            f.units = org.path(r.orgUnit());
            f.resolveDue = r.resolveDueAt();
            if (r.claimDueAt() != null) {
                f.dispatchedAt = at; // the claim clock starts on report: it waits for a response from now
            }
            facts.put(s.envelope().ticketId(), f);
        } else {
            f = facts.get(s.envelope().ticketId());
            if (f == null) {
                return; // a ticket reported before this projection's data began
            }
        }
        if (e instanceof TicketDispatched d) {
            if (f.dispatchedAt == null) {
                f.dispatchedAt = at;
            }
            f.resolveDue = d.resolveDueAt();
        } else if (e instanceof TicketClaimed || (e instanceof DepartmentAccepted a && a.department() == null)) {
            if (f.respondedAt == null) {
                f.respondedAt = at;
            }
        } else if (e instanceof TicketReturned) {
            f.returns++;
        } else if (e instanceof TicketReopened r) {
            f.reopened = true;
            if (r.resolveDueAt() != null) {
                f.resolveDue = r.resolveDueAt();
            }
        } else if (e instanceof ResultConfirmed c && c.satisfaction() != null) {
            f.rated = true;
            f.satisfied = c.satisfaction().satisfied();
        }
        TicketState next = s.envelope().state();
        if (RESULT.contains(next) && !next.equals(f.state)) {
            if (f.firstResolvedAt == null) {
                f.firstResolvedAt = at;
            }
            f.lastResolvedAt = at;
            f.resolveDueAtResolution = f.resolveDue;
        }
        f.state = next;
    }
}
