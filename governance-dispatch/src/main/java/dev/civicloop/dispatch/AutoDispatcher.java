package dev.civicloop.dispatch;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.core.TicketView;
import dev.civicloop.core.TimelineEntry;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.workflow.Guard;
import dev.civicloop.core.workflow.Transition;
import dev.civicloop.dispatch.internal.OrgPaths;
import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.TransitionNotAllowed;
import dev.civicloop.spi.event.ReportVerified;
import dev.civicloop.spi.event.StoredEvent;
import dev.civicloop.spi.event.TicketEvent;
import dev.civicloop.spi.event.TicketReported;
import dev.civicloop.spi.event.TicketReturned;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.store.TicketStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches tickets through the core's public {@link Dispatch} command, as an "auto-dispatch"
 * actor, so every decision is an event with its reason ("grid yuanhang-grid-6 → 远航社区;
 * category manhole_cover → municipal (lead)"). Urgent categories are always dispatched; others
 * only where their {@link Route} is automatic; the rest wait in the street's queue (see
 * {@link DispatchBoard}). A department that returned a ticket (退单) is never chosen again
 * automatically for that ticket.
 *
 * <p>Follow the event stream with {@link #catchUp()} (from a scheduler, after each command, or
 * both); it keeps its own checkpoint and is safe to run from several threads or nodes, since the
 * dispatch command id is derived from the ticket and its version.
 */
public final class AutoDispatcher {
    private static final Logger log = LoggerFactory.getLogger(AutoDispatcher.class);

    private final GovernanceEngine engine;
    private final TicketStore events;
    private final RoutingMatrix matrix;
    private final OrgPaths org;
    private final Actor actor;
    private final AtomicLong checkpoint;

    /**
     * @param engine the engine to dispatch through
     * @param events the store whose event stream is followed
     * @param matrix the routing matrix
     * @param orgUnits the org tree (to find a grid's community)
     * @param actor who dispatches: needs the STREET_COORDINATOR role with the city (or the streets)
     *     in its org scope; see {@link #actorFor(OrgUnitId)}
     * @param fromPosition the last event position already handled (0 to start from the beginning)
     */
    public AutoDispatcher(GovernanceEngine engine, TicketStore events, RoutingMatrix matrix, List<OrgUnit> orgUnits,
            Actor actor, long fromPosition) {
        if (engine == null || events == null || matrix == null || orgUnits == null || actor == null) {
            throw new InvalidConfiguration("auto-dispatcher: engine, events, matrix, orgUnits and actor are required");
        }
        this.engine = engine;
        this.events = events;
        this.matrix = matrix;
        this.org = new OrgPaths(orgUnits);
        this.actor = actor;
        this.checkpoint = new AtomicLong(fromPosition);
    }

    /** The usual auto-dispatch actor: id {@code auto-dispatch}, street coordinator for the whole city. */
    public static Actor actorFor(OrgUnitId city) {
        return Actor.of("auto-dispatch", Set.of(Role.STREET_COORDINATOR), Set.of(city), Set.of());
    }

    /** The last event position handled. */
    public long checkpoint() {
        return checkpoint.get();
    }

    /**
     * Reads the events since the checkpoint and considers every ticket that was reported,
     * verified or returned in them. Returns the decisions taken, dispatches and queueings alike.
     */
    public synchronized List<Decision> catchUp() {
        List<Decision> out = new ArrayList<>();
        while (true) {
            List<StoredEvent> batch = events.readAfter(checkpoint.get(), 500);
            if (batch.isEmpty()) {
                return out;
            }
            Set<TicketId> touched = new LinkedHashSet<>();
            for (StoredEvent e : batch) {
                TicketEvent ev = e.envelope().event();
                if (ev instanceof TicketReported || ev instanceof ReportVerified || ev instanceof TicketReturned) {
                    touched.add(e.envelope().ticketId());
                }
            }
            for (TicketId id : touched) {
                consider(id).ifPresent(out::add);
            }
            checkpoint.set(batch.get(batch.size() - 1).position());
        }
    }

    /**
     * Decides for one ticket now: dispatches it if it awaits dispatch and a route allows, or says
     * why it stays in the queue. Empty when the ticket does not await dispatch.
     */
    public Optional<Decision> consider(TicketId ticketId) {
        TicketView t = engine.ticket(ticketId);
        if (!awaitsDispatch(t)) {
            return Optional.empty();
        }
        Optional<OrgUnitId> community = org.ancestorAt(t.orgUnit(), OrgLevel.COMMUNITY);
        if (community.isEmpty()) {
            return Optional.of(queued(t, "unit " + t.orgUnit() + " has no community above it; the street decides"));
        }
        Optional<Route> route = matrix.route(t.category(), t.orgUnit());
        if (route.isEmpty()) {
            return Optional.of(queued(t, "no route for category " + t.category() + "; the street decides"));
        }
        Route r = route.get();
        if (!r.auto() && !t.urgent()) {
            return Optional.of(queued(t, "route for " + t.category() + " is not automatic; suggested: " + describe(r.lead(),
                    r.coHandlers())));
        }
        Set<DepartmentId> returned = returnedBy(ticketId);
        if (returned.contains(r.lead())) {
            return Optional.of(queued(t, r.lead() + " returned this ticket before; the street chooses another department"));
        }
        List<DepartmentId> co = r.coHandlers().stream().filter(d -> !returned.contains(d)).toList();
        String reason = "grid " + t.orgUnit() + " → " + org.name(community.get()) + "; category " + t.category() + " → "
                + describe(r.lead(), co) + (r.area().isPresent() ? " (route of " + org.name(r.area().get()) + ")" : "");
        CommandId id = dispatchCommand(ticketId, t.version());
        try {
            TicketView after = engine.handle(new Dispatch(id, actor, ticketId, community.get(), r.lead(), co, reason));
            log.info("ticket {} auto-dispatched: {}", ticketId, reason);
            return Optional.of(new Decision(ticketId, true, reason, after.version()));
        } catch (ConcurrencyConflict | TransitionNotAllowed e) {
            // Someone else (a coordinator, another node) moved the ticket first: their decision stands.
            log.debug("ticket {} moved while auto-dispatching: {}", ticketId, e.getMessage());
            return Optional.empty();
        }
    }

    private Decision queued(TicketView t, String reason) {
        return new Decision(t.ticketId(), false, reason, t.version());
    }

    private boolean awaitsDispatch(TicketView t) {
        Optional<Transition> d = engine.workflow(t.workflow()).transition(t.state(), "dispatch");
        return d.isPresent() && (d.get().guard() == Guard.NONE
                || (d.get().guard() == Guard.VERIFICATION_SKIPPED && t.verificationSkipped()));
    }

    private Set<DepartmentId> returnedBy(TicketId ticketId) {
        Set<DepartmentId> out = new LinkedHashSet<>();
        for (TimelineEntry e : engine.history(ticketId)) {
            if (e.event() instanceof TicketReturned r && r.department() != null) {
                out.add(r.department());
            }
        }
        return out;
    }

    private static String describe(DepartmentId lead, List<DepartmentId> co) {
        return lead + " (lead)" + (co.isEmpty() ? "" : ", " + co.stream().map(DepartmentId::value).collect(Collectors.joining(", ")));
    }

    /**
     * What the dispatcher decided about one ticket.
     *
     * @param dispatched true if it was dispatched, false if it stays in the street's queue
     * @param reason why, for the timeline and the dispatch board
     * @param version the ticket's version after the decision
     */
    public record Decision(TicketId ticketId, boolean dispatched, String reason, long version) {}

    /**
     * The same id from every dispatcher for one ticket version, so racing dispatchers apply it
     * once; hashed when a long ticket id would make it longer than an id may be (128 characters).
     */
    static CommandId dispatchCommand(TicketId ticketId, long version) {
        String readable = "auto-dispatch/" + ticketId.value() + "/v" + version;
        if (readable.length() <= 128) {
            return CommandId.of(readable);
        }
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(readable.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return CommandId.of("auto-dispatch/" + java.util.HexFormat.of().formatHex(d));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
