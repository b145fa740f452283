package dev.civicloop.core.internal;

import dev.civicloop.core.RunningDeadline;
import dev.civicloop.core.TicketView;
import dev.civicloop.core.workflow.Transition;
import dev.civicloop.core.workflow.Workflow;
import dev.civicloop.spi.event.DepartmentAccepted;
import dev.civicloop.spi.event.DepartmentResolved;
import dev.civicloop.spi.event.EventEnvelope;
import dev.civicloop.spi.event.MeTooAdded;
import dev.civicloop.spi.event.ResultConfirmed;
import dev.civicloop.spi.event.TicketDispatched;
import dev.civicloop.spi.event.TicketEscalated;
import dev.civicloop.spi.event.TicketEvent;
import dev.civicloop.spi.event.TicketMerged;
import dev.civicloop.spi.event.TicketReminded;
import dev.civicloop.spi.event.TicketReopened;
import dev.civicloop.spi.event.TicketReported;
import dev.civicloop.spi.event.TicketReturned;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.Media;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Satisfaction;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Folds a ticket's events into its current view. Deadlines start from the due instants the
 * events carry (and the feedback window), and stop where the workflow's transition says so. Each
 * claim or resolve deadline gets its reminder instant from the engine's {@code remindBefore}
 * ({@link #remindAt}); it is computed on every fold, so a changed setting applies to running
 * deadlines too, while the reminder itself is a stored fact ({@link TicketReminded}).
 */
final class TicketFold {
    private final Function<String, Workflow> workflows;
    private final Duration feedbackWindow;
    private final Duration remindBefore;

    private TicketId ticketId;
    private String workflow;
    private String category;
    private TicketState state;
    private long version;
    private ActorId reporter;
    private Location location;
    private String description;
    private List<Media> media = List.of();
    private OrgUnitId orgUnit;
    private boolean urgent;
    private boolean verificationSkipped;
    private OrgUnitId community;
    private List<DepartmentId> departments = List.of();
    private final Set<DepartmentId> accepted = new LinkedHashSet<>();
    private final Set<DepartmentId> resolved = new LinkedHashSet<>();
    private int returnCount;
    private int redoCount;
    private int supervisionLevel;
    private Satisfaction satisfaction;
    private TicketId mergedInto;
    private final List<ActorId> meToo = new ArrayList<>();
    private final Map<String, RunningDeadline> deadlines = new LinkedHashMap<>();
    private Instant reportedAt;
    private Instant updatedAt;

    TicketFold(Function<String, Workflow> workflows, Duration feedbackWindow, Duration remindBefore) {
        this.workflows = workflows;
        this.feedbackWindow = feedbackWindow;
        this.remindBefore = remindBefore;
    }

    static TicketView fold(List<EventEnvelope> events, Function<String, Workflow> workflows, Duration feedbackWindow,
            Duration remindBefore) {
        TicketFold f = new TicketFold(workflows, feedbackWindow, remindBefore);
        events.forEach(f::apply);
        return f.view();
    }

    void apply(EventEnvelope env) {
        TicketEvent e = env.event();
        TicketState before = state;
        if (e instanceof TicketReported r) {
            ticketId = env.ticketId();
            workflow = r.workflow();
            category = r.category();
            reporter = env.actor();
            location = r.location();
            description = r.description();
            media = r.media();
            orgUnit = r.orgUnit();
            urgent = r.urgent();
            verificationSkipped = r.verificationSkipped();
            reportedAt = env.occurredAt();
            startClocks(env, r.claimDueAt(), r.resolveDueAt());
        } else if (e instanceof TicketDispatched d) {
            community = d.community();
            List<DepartmentId> ds = new ArrayList<>();
            ds.add(d.lead());
            ds.addAll(d.coHandlers());
            departments = List.copyOf(ds);
            accepted.clear();
            resolved.clear();
            startClocks(env, d.claimDueAt(), d.resolveDueAt());
        } else if (e instanceof DepartmentAccepted a) {
            if (a.department() != null) {
                accepted.add(a.department());
            }
        } else if (e instanceof TicketReturned r) {
            returnCount = r.returnCount();
            accepted.clear();
            resolved.clear();
        } else if (e instanceof DepartmentResolved r) {
            resolved.add(r.department());
        } else if (e instanceof ResultConfirmed c) {
            if (c.satisfaction() != null) {
                satisfaction = c.satisfaction();
            }
        } else if (e instanceof TicketReopened r) {
            redoCount = r.redoCount();
            accepted.clear();
            resolved.clear();
            startClocks(env, r.claimDueAt(), r.resolveDueAt());
        } else if (e instanceof TicketMerged m) {
            mergedInto = m.into();
        } else if (e instanceof MeTooAdded m) {
            meToo.add(m.reporter());
        } else if (e instanceof TicketEscalated x) {
            supervisionLevel = x.level();
            RunningDeadline d = deadlines.get(x.deadline());
            if (d != null) {
                deadlines.put(d.name(), new RunningDeadline(d.name(), d.dueAt(), d.startedAt(), true, d.remindAt(),
                        d.reminded()));
            }
        } else if (e instanceof TicketReminded r) {
            RunningDeadline d = deadlines.get(r.deadline());
            if (d != null) {
                deadlines.put(d.name(), new RunningDeadline(d.name(), d.dueAt(), d.startedAt(), d.escalated(),
                        d.remindAt(), true));
            }
        }
        Workflow wf = workflows.apply(workflow);
        Transition t = before == null ? wf.reportTransition() : wf.transition(before, e.command()).orElse(null);
        // A joint transition completes only when the event brings the ticket to the target state.
        if (t != null && env.state().equals(t.to()) && !(e instanceof MeTooAdded)) {
            t.stops().forEach(deadlines::remove);
            if (t.starts().contains("feedback")) {
                deadlines.put("feedback", new RunningDeadline("feedback", env.occurredAt().plus(feedbackWindow),
                        env.version(), false, null, false)); // nobody to remind: the clock closes it
            }
        }
        state = env.state();
        version = env.version();
        updatedAt = env.occurredAt();
        if (wf.isTerminal(state)) {
            deadlines.clear();
        }
    }

    private void startClocks(EventEnvelope env, Instant claimDue, Instant resolveDue) {
        if (claimDue != null) {
            deadlines.put("claim", new RunningDeadline("claim", claimDue, env.version(), false,
                    remindAt(env.occurredAt(), claimDue, remindBefore), false));
        }
        if (resolveDue != null) {
            deadlines.put("resolve", new RunningDeadline("resolve", resolveDue, env.version(), false,
                    remindAt(env.occurredAt(), resolveDue, remindBefore), false));
        }
    }

    /**
     * The later of {@code due - remindBefore} and the middle of {@code [start, due]}: a short
     * deadline (a one-hour urgent claim) is not reminded the moment it starts.
     */
    static Instant remindAt(Instant start, Instant due, Duration remindBefore) {
        Instant beforeDue = due.minus(remindBefore);
        Instant middle = start.plus(Duration.between(start, due).dividedBy(2));
        return beforeDue.isAfter(middle) ? beforeDue : middle;
    }

    TicketView view() {
        if (ticketId == null) {
            throw new IllegalStateException("no report event to fold");
        }
        return new TicketView(ticketId, workflow, category, state, workflows.apply(workflow).isTerminal(state), version,
                reporter, location, description, media, orgUnit, urgent, verificationSkipped, community, departments,
                accepted, resolved, returnCount, redoCount, supervisionLevel, satisfaction, mergedInto, meToo,
                List.copyOf(deadlines.values()), reportedAt, updatedAt);
    }
}
