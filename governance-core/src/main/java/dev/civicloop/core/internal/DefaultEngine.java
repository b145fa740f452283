package dev.civicloop.core.internal;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.core.RunningDeadline;
import dev.civicloop.core.Statistics;
import dev.civicloop.core.TicketView;
import dev.civicloop.core.TimelineEntry;
import dev.civicloop.core.WorkingCalendar;
import dev.civicloop.core.command.Accept;
import dev.civicloop.core.command.Answer;
import dev.civicloop.core.command.Cancel;
import dev.civicloop.core.command.Claim;
import dev.civicloop.core.command.Confirm;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.command.Escalate;
import dev.civicloop.core.command.Merge;
import dev.civicloop.core.command.NoteProgress;
import dev.civicloop.core.command.RejectAsFalse;
import dev.civicloop.core.command.Reject;
import dev.civicloop.core.command.Reopen;
import dev.civicloop.core.command.Report;
import dev.civicloop.core.command.Resolve;
import dev.civicloop.core.command.Return;
import dev.civicloop.core.command.TicketCommand;
import dev.civicloop.core.command.Verify;
import dev.civicloop.core.workflow.Guard;
import dev.civicloop.core.workflow.Scope;
import dev.civicloop.core.workflow.Transition;
import dev.civicloop.core.workflow.Workflow;
import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.DuplicateCommand;
import dev.civicloop.spi.GovernanceException;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotAuthorized;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.TransitionNotAllowed;
import dev.civicloop.spi.event.DepartmentAccepted;
import dev.civicloop.spi.event.DepartmentResolved;
import dev.civicloop.spi.event.EventEnvelope;
import dev.civicloop.spi.event.GrievanceAnswered;
import dev.civicloop.spi.event.MeTooAdded;
import dev.civicloop.spi.event.ProgressNoted;
import dev.civicloop.spi.event.ReportRejectedAsFalse;
import dev.civicloop.spi.event.ReportVerified;
import dev.civicloop.spi.event.ResultConfirmed;
import dev.civicloop.spi.event.TicketCancelled;
import dev.civicloop.spi.event.TicketClaimed;
import dev.civicloop.spi.event.TicketDispatched;
import dev.civicloop.spi.event.TicketEscalated;
import dev.civicloop.spi.event.TicketEvent;
import dev.civicloop.spi.event.TicketMerged;
import dev.civicloop.spi.event.TicketRejected;
import dev.civicloop.spi.event.TicketReminded;
import dev.civicloop.spi.event.TicketReopened;
import dev.civicloop.spi.event.TicketReported;
import dev.civicloop.spi.event.TicketReturned;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorDirectory;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.Department;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Notifier;
import dev.civicloop.spi.notify.PermanentDeliveryFailure;
import dev.civicloop.spi.store.AppendRequest;
import dev.civicloop.spi.store.CommandRecord;
import dev.civicloop.spi.store.DeadLetter;
import dev.civicloop.spi.store.OutboxEntry;
import dev.civicloop.spi.store.OutboxStore;
import dev.civicloop.spi.store.Page;
import dev.civicloop.spi.store.TicketQuery;
import dev.civicloop.spi.store.TicketStore;
import dev.civicloop.spi.store.TicketSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine behind {@link GovernanceEngine}: stateless per ticket, so one instance serves all threads. */
public final class DefaultEngine implements GovernanceEngine {
    private static final Logger log = LoggerFactory.getLogger(DefaultEngine.class);
    /** The actor the engine uses for urgent dispatch on report. */
    public static final ActorId AUTO_DISPATCH = ActorId.of("auto-dispatch");
    /** The actor of clock-driven reminders, escalations and closures. */
    public static final ActorId CLOCK = ActorId.of("clock");

    /** Everything the builder gathered. */
    public record Config(
            TicketStore store,
            OutboxStore outbox,
            Notifier notifier,
            Clock clock,
            WorkingCalendar calendar,
            List<OrgUnit> orgUnits,
            List<Department> departments,
            List<Category> categories,
            Map<String, Workflow> workflows,
            Predicate<ActorId> trustedReporters,
            Duration commandRetention,
            Duration feedbackWindow,
            Duration remindBefore,
            Duration retryInitial,
            Duration retryMax,
            int deliveryMaxAttempts,
            Supplier<TicketId> ticketIds,
            ActorDirectory actors) {}

    private final Config cfg;
    private final TicketStore store;
    private final OrgTree org;
    private final Map<DepartmentId, Department> departments;
    private final Map<String, Category> categories;
    private final Notifications notifications;
    private final StatisticsProjection statistics;
    private final Notifier notifier;
    private final Supplier<TicketId> ticketIds;

    public DefaultEngine(Config cfg) {
        this.cfg = cfg;
        this.store = cfg.store();
        this.org = new OrgTree(cfg.orgUnits());
        Map<DepartmentId, Department> ds = new HashMap<>();
        for (Department d : cfg.departments()) {
            if (ds.put(d.id(), d) != null) {
                throw new InvalidConfiguration("department " + d.id() + " is defined twice");
            }
        }
        this.departments = Map.copyOf(ds);
        Map<String, Category> cs = new HashMap<>();
        for (Category c : cfg.categories()) {
            if (cs.put(c.code(), c) != null) {
                throw new InvalidConfiguration("category " + c.code() + " is defined twice");
            }
            if (!cfg.workflows().containsKey(c.workflow())) {
                throw new InvalidConfiguration("category " + c.code() + ": unknown workflow '" + c.workflow()
                        + "'; known: " + cfg.workflows().keySet());
            }
            List<DepartmentId> named = new ArrayList<>();
            c.leadIfAny().ifPresent(named::add);
            named.addAll(c.coHandlers());
            Set<DepartmentId> distinct = new HashSet<>();
            for (DepartmentId d : named) {
                if (!ds.containsKey(d)) {
                    throw new InvalidConfiguration("category " + c.code() + ": department " + d + " is not defined");
                }
                // Dispatch refuses a department named twice, so a category's default route must not name one twice either.
                if (!distinct.add(d)) {
                    throw new InvalidConfiguration("category " + c.code() + ": department " + d + " is named twice"
                            + (d.equals(c.leadDepartment()) ? " (it is the lead and also a co-handler)" : " among the co-handlers"));
                }
            }
        }
        if (cs.isEmpty()) {
            throw new InvalidConfiguration("categories are required: a city handles at least one kind of problem");
        }
        this.categories = Map.copyOf(cs);
        this.notifications = new Notifications(org);
        this.statistics = new StatisticsProjection(store, org, code -> categories.get(code).kind());
        this.notifier = cfg.notifier() != null ? cfg.notifier() : new LogNotifier();
        this.ticketIds = cfg.ticketIds() != null ? cfg.ticketIds() : DefaultEngine::newTicketId;
    }

    private static TicketId newTicketId() {
        UUID u = UUID.randomUUID();
        return TicketId.of("T" + Long.toString(System.currentTimeMillis(), 36) + "-"
                + Long.toString(u.getLeastSignificantBits() & Long.MAX_VALUE, 36));
    }

    // ---------------------------------------------------------------- commands

    @Override
    public TicketView handle(TicketCommand command) {
        if (command == null) {
            throw new InvalidInput("command", "is required");
        }
        String fingerprint = Fingerprint.of((Record) command);
        // Optimistic: the store refuses a command id it has recorded (DuplicateCommand), so the
        // record is read only when something refused the command, not on every command's path.
        try {
            Actor actor = resolve(command.actor());
            return command instanceof Report r ? report(r, fingerprint, actor)
                    : onTicket((TicketCommand.OnTicket) command, fingerprint, actor);
        } catch (GovernanceException e) {
            // Applied before (a retry), or raced with the same command id from another thread or
            // node: the first one wins, and a retry or a twin that lost (duplicate id, version
            // conflict, or a state the first one already left) gets the first result.
            CommandRecord rec = store.findCommand(command.commandId()).orElseThrow(() -> e);
            return replay(rec, fingerprint);
        }
    }

    private TicketView replay(CommandRecord rec, String fingerprint) {
        if (!rec.fingerprint().equals(fingerprint)) {
            throw new DuplicateCommand(rec.commandId().value(),
                    "was already used for another command on ticket " + rec.ticketId() + "; use a new command id");
        }
        List<EventEnvelope> events = store.load(rec.ticketId());
        return fold(events.subList(0, (int) Math.min(rec.version(), events.size())));
    }

    private TicketView report(Report r, String fingerprint, Actor actor) {
        Category category = categories.get(r.category());
        if (category == null) {
            throw new InvalidInput("category", "unknown category '" + r.category() + "'; known: "
                    + categories.keySet().stream().sorted().toList());
        }
        if (org.find(r.orgUnit()).isEmpty()) {
            throw new InvalidInput("orgUnit", "unknown org unit '" + r.orgUnit() + "'");
        }
        Workflow wf = cfg.workflows().get(category.workflow());
        Transition t = wf.reportTransition();
        requireRole(t, actor, "report", null);
        Instant now = cfg.clock().instant();
        TicketId id = ticketIds.get();
        boolean skip = category.urgent() || cfg.trustedReporters().test(r.actor().id());
        Instant claimDue = t.starts().contains("claim") ? cfg.calendar().due(now, category.claimDeadline()) : null;
        Instant resolveDue = t.starts().contains("resolve") ? cfg.calendar().due(now, category.resolveDeadline()) : null;
        List<EventEnvelope> events = new ArrayList<>();
        events.add(new EventEnvelope(id, 1, now, r.actor().id(), r.commandId(), t.to(),
                new TicketReported(wf.id(), category.code(), r.location(), r.description(), r.media(), r.orgUnit(),
                        category.urgent(), skip, claimDue, resolveDue)));
        autoDispatchIfUrgent(category, wf, r, id, now, events);
        return commit(id, 0, events, r.commandId(), fingerprint, null);
    }

    /** Urgent categories (gas leak, fire) go to the grid's community and the category's departments at once. */
    private void autoDispatchIfUrgent(Category c, Workflow wf, Report r, TicketId id, Instant now, List<EventEnvelope> events) {
        if (!c.urgent() || c.leadIfAny().isEmpty()) {
            return;
        }
        Optional<Transition> t = wf.transition(wf.initial(), "dispatch");
        Optional<OrgUnitId> community = org.ancestorAt(r.orgUnit(), OrgLevel.COMMUNITY);
        if (t.isEmpty() || community.isEmpty()) {
            log.warn("urgent report {} ({}) cannot be auto-dispatched: no dispatch from {} or no community above {}",
                    id, c.code(), wf.initial(), r.orgUnit());
            return;
        }
        String reason = "urgent category " + c.code() + ": grid " + r.orgUnit() + " → " + community.get() + "; "
                + c.code() + " → " + c.leadDepartment() + " (lead)"
                + (c.coHandlers().isEmpty() ? "" : ", " + c.coHandlers().stream().map(DepartmentId::value)
                        .collect(Collectors.joining(", ")));
        events.add(new EventEnvelope(id, 2, now, AUTO_DISPATCH, r.commandId(), t.get().to(),
                new TicketDispatched(community.get(), c.leadDepartment(), c.coHandlers(),
                        cfg.calendar().due(now, c.claimDeadline()), cfg.calendar().due(now, c.resolveDeadline()), reason)));
    }

    private TicketView onTicket(TicketCommand.OnTicket cmd, String fingerprint, Actor actor) {
        List<EventEnvelope> history = store.load(cmd.ticketId());
        if (history.isEmpty()) {
            throw new NotFound("ticket " + cmd.ticketId());
        }
        TicketView view = fold(history);
        Workflow wf = workflow(view.workflow());
        Transition t = transitionFor(wf, view, cmd.command());
        authorize(t, actor, view);
        Instant now = cfg.clock().instant();
        Category category = categories.get(view.category());
        TicketEvent event;
        TicketState to = t.to();
        if (cmd instanceof Verify v) {
            event = new ReportVerified(v.method(), v.note());
        } else if (cmd instanceof RejectAsFalse r) {
            event = new ReportRejectedAsFalse(r.reason());
        } else if (cmd instanceof Dispatch d) {
            event = dispatchEvent(d, t, category, now);
        } else if (cmd instanceof Claim) {
            event = new TicketClaimed(view.community());
        } else if (cmd instanceof Accept) {
            DepartmentId dep = t.joint() ? pendingDepartment(actor, view, view.accepted(), "accepted") : null;
            event = new DepartmentAccepted(dep);
            to = jointTarget(t, view, view.accepted(), dep);
        } else if (cmd instanceof Return r) {
            DepartmentId dep = actor.hasRole(Role.DEPARTMENT_HANDLER) ? firstAssigned(actor, view).orElse(null) : null;
            event = new TicketReturned(dep, r.reason(), view.returnCount() + 1);
        } else if (cmd instanceof NoteProgress n) {
            event = new ProgressNoted(firstAssigned(actor, view).orElse(null), n.note());
        } else if (cmd instanceof Resolve r) {
            DepartmentId dep = pendingDepartment(actor, view, view.resolved(), "resolved");
            event = new DepartmentResolved(dep, r.result(), r.evidence());
            to = jointTarget(t, view, view.resolved(), dep);
        } else if (cmd instanceof Answer a) {
            event = new GrievanceAnswered(a.answer());
        } else if (cmd instanceof Confirm c) {
            event = new ResultConfirmed(c.satisfaction(), c.comment(), false);
        } else if (cmd instanceof Reopen r) {
            event = new TicketReopened(r.reason(), view.redoCount() + 1, due(t, "claim", now, category),
                    due(t, "resolve", now, category));
        } else if (cmd instanceof Reject r) {
            event = new TicketRejected(r.reason());
        } else if (cmd instanceof Merge m) {
            addMeToo(m, view);
            event = new TicketMerged(m.into());
        } else if (cmd instanceof Cancel c) {
            event = new TicketCancelled(c.reason());
        } else if (cmd instanceof Escalate e) {
            int level = view.supervisionLevel() + 1;
            event = new TicketEscalated("manual", level, null, org.supervisor(view.orgUnit(), level));
        } else {
            throw new IllegalStateException("unhandled command " + cmd);
        }
        EventEnvelope env = new EventEnvelope(view.ticketId(), view.version() + 1, now, actor.id(), cmd.commandId(), to, event);
        return commit(view.ticketId(), view.version(), List.of(env), cmd.commandId(), fingerprint, history);
    }

    private Transition transitionFor(Workflow wf, TicketView view, String command) {
        List<String> allowed = wf.allowedCommands(view.state()).stream()
                .filter(c -> guardHolds(wf.transition(view.state(), c).orElseThrow(), view))
                .toList();
        Optional<Transition> t = wf.transition(view.state(), command).filter(tr -> guardHolds(tr, view));
        if (t.isEmpty()) {
            throw new TransitionNotAllowed(view.ticketId().value(), view.state().name(), command, allowed);
        }
        return t.get();
    }

    private static boolean guardHolds(Transition t, TicketView view) {
        return t.guard() == Guard.NONE || (t.guard() == Guard.VERIFICATION_SKIPPED && view.verificationSkipped());
    }

    private TicketEvent dispatchEvent(Dispatch d, Transition t, Category category, Instant now) {
        OrgUnit community = org.find(d.community())
                .orElseThrow(() -> new InvalidInput("community", "unknown org unit '" + d.community() + "'"));
        if (community.level() != OrgLevel.COMMUNITY) {
            throw new InvalidInput("community", d.community() + " is a " + community.level() + ", not a COMMUNITY");
        }
        Set<DepartmentId> seen = new HashSet<>();
        List<DepartmentId> all = new ArrayList<>();
        all.add(d.lead());
        all.addAll(d.coHandlers());
        for (int i = 0; i < all.size(); i++) {
            String field = i == 0 ? "lead" : "coHandlers[" + (i - 1) + "]";
            if (!departments.containsKey(all.get(i))) {
                throw new InvalidInput(field, "unknown department '" + all.get(i) + "'");
            }
            if (!seen.add(all.get(i))) {
                throw new InvalidInput(field, "department " + all.get(i) + " is named twice");
            }
        }
        return new TicketDispatched(d.community(), d.lead(), d.coHandlers(), due(t, "claim", now, category),
                due(t, "resolve", now, category), d.reason());
    }

    private Instant due(Transition t, String deadline, Instant now, Category c) {
        if (!t.starts().contains(deadline)) {
            return null;
        }
        return cfg.calendar().due(now, deadline.equals("claim") ? c.claimDeadline() : c.resolveDeadline());
    }

    private static Optional<DepartmentId> firstAssigned(Actor actor, TicketView view) {
        return view.departments().stream().filter(actor.departments()::contains).findFirst();
    }

    /** The first of the actor's assigned departments that has not done this yet. */
    private static DepartmentId pendingDepartment(Actor actor, TicketView view, Set<DepartmentId> done, String what) {
        return view.departments().stream()
                .filter(actor.departments()::contains)
                .filter(d -> !done.contains(d))
                .findFirst()
                .orElseThrow(() -> new InvalidInput("actor.departments",
                        "every department " + actor.id() + " acts for has already " + what + " ticket " + view.ticketId()));
    }

    private static TicketState jointTarget(Transition t, TicketView view, Set<DepartmentId> done, DepartmentId dep) {
        if (!t.joint()) {
            return t.to();
        }
        Set<DepartmentId> after = new HashSet<>(done);
        after.add(dep);
        return after.containsAll(view.departments()) ? t.to() : view.state();
    }

    private void addMeToo(Merge m, TicketView duplicate) {
        if (m.into().equals(duplicate.ticketId())) {
            throw new InvalidInput("into", "a ticket cannot be merged into itself");
        }
        List<EventEnvelope> targetEvents = store.load(m.into());
        if (targetEvents.isEmpty()) {
            throw new InvalidInput("into", "ticket " + m.into() + " does not exist");
        }
        TicketView target = fold(targetEvents);
        if (target.terminal()) {
            throw new InvalidInput("into", "ticket " + m.into() + " is " + target.state() + "; merge only into an open ticket");
        }
        // The "me too" on the original is its own idempotent write, so a retried merge never adds it twice.
        CommandId derived = CommandId.of(Fingerprint.boundedId("me-too/", m.commandId().value() + "/me-too"));
        if (store.findCommand(derived).isPresent()) {
            return;
        }
        EventEnvelope env = new EventEnvelope(target.ticketId(), target.version() + 1, cfg.clock().instant(),
                m.actor().id(), derived, target.state(),
                new MeTooAdded(duplicate.ticketId(), duplicate.reporter(), target.meTooReporters().size() + 1));
        commit(target.ticketId(), target.version(), List.of(env), derived, Fingerprint.of(m), targetEvents);
    }

    // ---------------------------------------------------------------- authorisation

    /** With a directory, the city's records say who the actor is now, not the caller's command. */
    private Actor resolve(Actor claimed) {
        if (cfg.actors() == null) {
            return claimed;
        }
        return cfg.actors().find(claimed.id()).orElseThrow(() -> new NotAuthorized(claimed.id()
                + " is not an active member or staff the city knows: suspended, left, refused or unknown"));
    }

    private void authorize(Transition t, Actor actor, TicketView view) {
        requireRole(t, actor, t.command(), view.ticketId());
        for (Scope s : t.scopes()) {
            if (inScope(s, actor, view)) {
                return;
            }
        }
        throw new NotAuthorized(actor.id() + " may not '" + t.command() + "' ticket " + view.ticketId()
                + ": needs to be " + t.scopes().stream().map(s -> describe(s, view)).collect(Collectors.joining(" or ")));
    }

    private static void requireRole(Transition t, Actor actor, String command, TicketId ticket) {
        if (actor.roles().stream().noneMatch(t.roles()::contains)) {
            throw new NotAuthorized(actor.id() + " (roles " + actor.roles().stream().sorted().toList() + ") may not '"
                    + command + "'" + (ticket == null ? "" : " ticket " + ticket) + ": needs one of the roles "
                    + t.roles().stream().sorted().toList());
        }
    }

    private boolean inScope(Scope s, Actor actor, TicketView view) {
        return switch (s) {
            case ANY -> true;
            case REPORTER -> actor.id().equals(view.reporter());
            case TICKET_ORG -> org.covers(actor, view.orgUnit());
            case ASSIGNED_COMMUNITY -> view.community() != null && org.covers(actor, view.community());
            case ASSIGNED_DEPARTMENT -> view.departments().stream().anyMatch(actor.departments()::contains);
        };
    }

    private static String describe(Scope s, TicketView view) {
        return switch (s) {
            case ANY -> "anyone";
            case REPORTER -> "the reporter " + view.reporter();
            case TICKET_ORG -> "in charge of " + view.orgUnit() + " or a unit above it";
            case ASSIGNED_COMMUNITY -> "staff of the assigned community " + view.community();
            case ASSIGNED_DEPARTMENT -> "acting for an assigned department " + view.departments();
        };
    }

    // ---------------------------------------------------------------- writing

    private TicketView commit(TicketId id, long expected, List<EventEnvelope> events, CommandId commandId, String fingerprint,
            List<EventEnvelope> history) {
        TicketFold fold = new TicketFold(this::workflow, cfg.feedbackWindow(), cfg.remindBefore());
        if (history != null) {
            history.forEach(fold::apply);
        }
        List<Notification> notes = new ArrayList<>();
        TicketState before = history == null || history.isEmpty() ? null : history.get(history.size() - 1).state();
        for (EventEnvelope e : events) {
            fold.apply(e);
            notes.addAll(notifications.forEvent(fold.view(), before, e));
            before = e.state();
        }
        TicketView after = fold.view();
        Instant now = events.get(events.size() - 1).occurredAt();
        CommandRecord record = commandId == null ? null : new CommandRecord(commandId, fingerprint, id, after.version(), now);
        store.append(new AppendRequest(id, expected, events, notes, record, summary(after)));
        log.debug("ticket {} v{} {}", id, after.version(), after.state());
        return after;
    }

    private TicketSummary summary(TicketView v) {
        Instant next = v.deadlines().stream().filter(d -> !d.escalated()).map(RunningDeadline::dueAt).min(Instant::compareTo)
                .orElse(null);
        return new TicketSummary(v.ticketId(), v.version(), v.workflow(), v.category(), v.state(), v.terminal(),
                org.membership(v.orgUnit(), v.community()), v.reportedAt(), v.updatedAt(), next);
    }

    private TicketView fold(List<EventEnvelope> events) {
        return TicketFold.fold(events, this::workflow, cfg.feedbackWindow(), cfg.remindBefore());
    }

    // ---------------------------------------------------------------- clock

    @Override
    public int remindDeadlines() {
        Instant now = cfg.clock().instant();
        int appended = 0;
        // A reminder is due at most remindBefore ahead of its deadline, so only tickets with a deadline
        // due before now + remindBefore can have one; the second's margin covers stores that keep microseconds.
        for (TicketId id : openTicketsDueBefore(now.plus(cfg.remindBefore()).plusSeconds(1))) {
            try {
                appended += remind(id, now);
            } catch (ConcurrencyConflict e) {
                log.info("ticket {} changed during the reminder pass; the next pass looks again", id);
            } catch (GovernanceException e) {
                // One ticket the pass cannot handle (its workflow left the configuration, a store
                // failure) must not keep every later ticket from its reminder.
                log.error("ticket {} skipped by the reminder pass; the next pass tries again: {}", id, e.toString());
            }
        }
        return appended;
    }

    private int remind(TicketId id, Instant now) {
        List<EventEnvelope> history = store.load(id);
        TicketView view = fold(history);
        Workflow wf = workflow(view.workflow());
        List<EventEnvelope> events = new ArrayList<>();
        long version = view.version();
        for (RunningDeadline d : view.deadlines()) {
            // From the reminder instant up to the due instant; a missed deadline is the escalation pass's.
            if (d.reminded() || d.escalated() || d.remindAt() == null || now.isBefore(d.remindAt())
                    || now.isAfter(d.dueAt())) {
                continue;
            }
            TicketReminded reminder = reminder(view, wf, d);
            if (reminder != null) {
                CommandId cmd = CommandId.of(Fingerprint.boundedId("clock/",
                        "clock/" + id.value() + "/" + d.name() + "/" + d.startedAt() + "/remind"));
                events.add(new EventEnvelope(id, ++version, now, CLOCK, cmd, view.state(), reminder));
            }
        }
        if (events.isEmpty()) {
            return 0;
        }
        commit(id, view.version(), events, null, null, history);
        return events.size();
    }

    /**
     * Who must act on a deadline. Claim: the community it was dispatched to, or before any dispatch the
     * unit it was reported in (the grid that verifies it; the unit a grievance was filed with). Resolve:
     * the departments that have not resolved yet where the workflow has them resolve jointly, else the
     * lead; without departments (a grievance) the unit that handles it. Feedback: nobody (the clock closes it).
     */
    private static TicketReminded reminder(TicketView view, Workflow wf, RunningDeadline d) {
        OrgUnitId unit = view.community() != null ? view.community() : view.orgUnit();
        if (d.name().equals("claim") || (d.name().equals("resolve") && view.departments().isEmpty())) {
            return new TicketReminded(d.name(), d.dueAt(), unit, List.of());
        }
        if (!d.name().equals("resolve")) {
            return null;
        }
        boolean joint = wf.transitions().stream().anyMatch(t -> t.command().equals("resolve") && t.joint());
        List<DepartmentId> pending = joint
                ? view.departments().stream().filter(dep -> !view.resolved().contains(dep)).toList()
                : List.of(view.departments().get(0));
        return pending.isEmpty() ? null : new TicketReminded(d.name(), d.dueAt(), null, pending);
    }

    @Override
    public int escalateOverdue() {
        Instant now = cfg.clock().instant();
        int appended = 0;
        for (TicketId id : openTicketsDueBefore(now)) {
            try {
                appended += escalate(id, now);
            } catch (ConcurrencyConflict e) {
                log.info("ticket {} changed during the escalation pass; the next pass looks again", id);
            } catch (GovernanceException e) {
                // One ticket the pass cannot handle (its workflow left the configuration, a store
                // failure) must not keep every later ticket from its escalation.
                log.error("ticket {} skipped by the escalation pass; the next pass tries again: {}", id, e.toString());
            }
        }
        return appended;
    }

    /** Open tickets whose next unescalated deadline is due strictly before {@code instant}. */
    private List<TicketId> openTicketsDueBefore(Instant instant) {
        TicketQuery q = TicketQuery.all().onlyOpen().withDueBefore(instant).limit(200);
        List<TicketId> ids = new ArrayList<>();
        while (true) {
            Page<TicketSummary> page = store.query(q);
            page.items().forEach(s -> ids.add(s.ticketId()));
            if (page.next().isEmpty()) {
                return ids;
            }
            q = q.after(page.nextCursor());
        }
    }

    private int escalate(TicketId id, Instant now) {
        List<EventEnvelope> history = store.load(id);
        TicketView view = fold(history);
        Workflow wf = workflow(view.workflow());
        List<EventEnvelope> events = new ArrayList<>();
        long version = view.version();
        int level = view.supervisionLevel();
        for (RunningDeadline d : view.deadlines()) {
            // Missed means strictly after the due instant, as the store's dueBefore query reads it.
            if (d.escalated() || !d.dueAt().isBefore(now)) {
                continue;
            }
            CommandId cmd = CommandId.of(Fingerprint.boundedId("clock/",
                    "clock/" + id.value() + "/" + d.name() + "/" + d.startedAt()));
            if (d.name().equals("feedback")) {
                Optional<Transition> confirm = wf.transition(view.state(), "confirm");
                if (confirm.isPresent() && events.isEmpty()) {
                    events.add(new EventEnvelope(id, ++version, now, CLOCK, cmd, confirm.get().to(),
                            new ResultConfirmed(null, null, true)));
                }
                break; // closing ends the ticket: nothing else to escalate
            }
            level++;
            events.add(new EventEnvelope(id, ++version, now, CLOCK, cmd, view.state(),
                    new TicketEscalated(d.name(), level, d.dueAt(), org.supervisor(view.orgUnit(), level))));
        }
        if (events.isEmpty()) {
            return 0;
        }
        commit(id, view.version(), events, null, null, history);
        return events.size();
    }

    // ---------------------------------------------------------------- reads

    @Override
    public TicketView ticket(TicketId ticketId) {
        List<EventEnvelope> events = store.load(ticketId);
        if (events.isEmpty()) {
            throw new NotFound("ticket " + ticketId);
        }
        return fold(events);
    }

    @Override
    public List<TimelineEntry> history(TicketId ticketId) {
        List<EventEnvelope> events = store.load(ticketId);
        if (events.isEmpty()) {
            throw new NotFound("ticket " + ticketId);
        }
        return events.stream()
                .map(e -> new TimelineEntry(e.version(), e.occurredAt(), e.actor(), e.state(), e.event()))
                .toList();
    }

    @Override
    public Page<TicketSummary> tickets(TicketQuery query) {
        return store.query(query);
    }

    @Override
    public Statistics statistics(OrgUnitId orgUnit, Instant from, Instant to) {
        if (orgUnit == null) {
            throw new InvalidInput("orgUnit", "is required");
        }
        if (org.find(orgUnit).isEmpty()) {
            throw new InvalidInput("orgUnit", "unknown org unit '" + orgUnit + "'");
        }
        if (from == null || to == null || !from.isBefore(to)) {
            throw new InvalidInput("period", "needs from before to, was [" + from + ", " + to + ")");
        }
        return statistics.query(orgUnit, from, to);
    }

    // ---------------------------------------------------------------- outbox

    @Override
    public int deliverNotifications() {
        OutboxStore outbox = outbox();
        int delivered = 0;
        Instant now = cfg.clock().instant();
        for (OutboxEntry entry : outbox.due(now, 500)) {
            Notification n = entry.notification();
            try {
                notifier.deliver(n);
                outbox.markDelivered(n.id(), now);
                delivered++;
            } catch (Exception e) {
                int attempts = entry.attempts() + 1;
                boolean permanent = e instanceof PermanentDeliveryFailure;
                if (permanent || attempts >= cfg.deliveryMaxAttempts()) {
                    log.error("notification {} [{}] to {} is a dead letter after {} attempt(s) ({}): {}; list with"
                            + " deadLetters, fix the cause, then redeliver", n.id(), n.topic(), n.recipient(), attempts,
                            permanent ? "permanent failure" : "maximum reached", e.toString());
                    outbox.markDead(n.id(), attempts, now, e.toString());
                    continue;
                }
                Duration wait = backoff(attempts);
                log.warn("notification {} to {} failed (attempt {} of {}), retry in {}: {}", n.id(), n.recipient(),
                        attempts, cfg.deliveryMaxAttempts(), wait, e.toString());
                outbox.markFailed(n.id(), attempts, now.plus(wait), e.toString());
            }
        }
        return delivered;
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        return outbox().deadLetters(limit);
    }

    @Override
    public boolean redeliver(String notificationId) {
        if (notificationId == null) {
            throw new InvalidInput("notificationId", "is required");
        }
        boolean revived = outbox().redeliver(notificationId, cfg.clock().instant());
        if (revived) {
            log.warn("dead letter {} redelivered: pending again, due now", notificationId);
        }
        return revived;
    }

    private OutboxStore outbox() {
        OutboxStore outbox = cfg.outbox();
        if (outbox == null) {
            throw new InvalidConfiguration("no outbox: the store is not an OutboxStore and none was given to the builder");
        }
        return outbox;
    }

    private Duration backoff(int attempts) {
        Duration d = cfg.retryInitial();
        for (int i = 1; i < attempts && d.compareTo(cfg.retryMax()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(cfg.retryMax()) > 0 ? cfg.retryMax() : d;
    }

    @Override
    public int purgeExpiredCommands() {
        return store.purgeCommands(cfg.clock().instant().minus(cfg.commandRetention()));
    }

    @Override
    public Workflow workflow(String id) {
        Workflow wf = cfg.workflows().get(id);
        if (wf == null) {
            throw new NotFound("workflow '" + id + "'");
        }
        return wf;
    }

    @Override
    public dev.civicloop.spi.model.Category category(String code) {
        Category c = categories.get(code);
        if (c == null) {
            throw new NotFound("category '" + code + "'");
        }
        return c;
    }
}
