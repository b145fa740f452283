package dev.civicloop.core;

import static dev.civicloop.core.SeedCity.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.civicloop.core.command.Accept;
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
import dev.civicloop.spi.DuplicateCommand;
import dev.civicloop.spi.GovernanceException;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotAuthorized;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.TransitionNotAllowed;
import dev.civicloop.spi.event.DepartmentResolved;
import dev.civicloop.spi.event.StoredEvent;
import dev.civicloop.spi.event.TicketReminded;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.CategoryKind;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.model.Satisfaction;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Model-based test in the manner of TigerBeetle's VOPR: random command sequences (reports,
 * verifications, dispatches to 1–3 departments, claims, joint accepts and resolves, returns,
 * confirmations, reopenings, escalations, merges, retries of earlier command ids, the same id with
 * another payload, clock advances with the reminder and escalation passes) run against a fresh engine and against
 * a small model written here from DESIGN §4. After every step the outcome, the appended events,
 * every ticket and the street's statistics must agree with the model.
 *
 * <p>Replay a failure with {@code -Dcivicloop.seed=<seed>}; the seed is printed in the failure.
 */
class TicketModelProperties {
    private static final int SEQUENCES = 1000;
    private static final Instant FROM = MONDAY_9AM.minus(Duration.ofDays(1));
    private static final Instant TO = MONDAY_9AM.plus(Duration.ofDays(3650));
    private static final WorkingCalendar CALENDAR = WorkingCalendar.chinaDefault();
    private static final Duration FEEDBACK_WINDOW = Duration.ofDays(3);
    /** The engine's default remindBefore. */
    private static final Duration REMIND_BEFORE = Duration.ofHours(4);
    private static final TicketId NO_SUCH_TICKET = TicketId.of("T-none");

    /** Grid staff of 第一网格, which the seed city leaves without one. */
    private static final Actor GRID1_STAFF = SeedCity.staff("grid1-staff", Role.GRID_STAFF, GRID_1);

    private static final List<DepartmentId> HANDLED = List.of(GAS, FIRE, MUNICIPAL, HOUSING, URBAN);
    private static final Map<DepartmentId, Actor> HANDLER = Map.of(GAS, GAS_HANDLER, FIRE, FIRE_HANDLER,
            MUNICIPAL, MUNICIPAL_HANDLER, HOUSING, HOUSING_HANDLER, URBAN, URBAN_HANDLER);
    private static final List<Actor> EVERYONE = List.of(RIDER, DRIVER, RESIDENT, GRID6_STAFF, GRID1_STAFF,
            JINGSHAN_GRID_STAFF, YUANHANG_STAFF, JINGSHAN_STAFF, COORDINATOR, SUPERVISOR, GAS_HANDLER, FIRE_HANDLER,
            MUNICIPAL_HANDLER, HOUSING_HANDLER, URBAN_HANDLER);
    private static final List<Category> REPORTABLE = List.of(MANHOLE, FLYING_WIRE, DISPUTE, SUGGESTION, GAS_LEAK);

    /** The model's own copy of the jurisdiction tree: each unit and the units above it. */
    private static final Map<OrgUnitId, List<OrgUnitId>> PATH = Map.of(
            GRID_6, List.of(GRID_6, YUANHANG, STREET, DISTRICT, CITY),
            GRID_1, List.of(GRID_1, YUANHANG, STREET, DISTRICT, CITY),
            JINGSHAN_GRID, List.of(JINGSHAN_GRID, JINGSHAN, STREET, DISTRICT, CITY),
            YUANHANG, List.of(YUANHANG, STREET, DISTRICT, CITY),
            JINGSHAN, List.of(JINGSHAN, STREET, DISTRICT, CITY));
    private static final Set<OrgUnitId> COMMUNITIES = Set.of(YUANHANG, JINGSHAN);

    private static final TicketState SUBMITTED = TicketState.SUBMITTED;
    private static final TicketState VERIFIED = TicketState.VERIFIED;
    private static final TicketState DISPATCHED = TicketState.DISPATCHED;
    private static final TicketState CLAIMED = TicketState.CLAIMED;
    private static final TicketState IN_HANDLING = TicketState.IN_HANDLING;
    private static final TicketState RESOLVED = TicketState.RESOLVED;
    private static final Set<TicketState> TERMINAL = Set.of(TicketState.CLOSED, TicketState.REJECTED,
            TicketState.MERGED, TicketState.CANCELLED);
    private static final Set<Role> REPORTING_ROLES = Set.of(Role.REPORTER, Role.MOBILE_GRID_MEMBER, Role.VOLUNTEER,
            Role.GRID_STAFF);

    /** What the sequences reached, counted over the whole run, so a run that only bounces off the engine fails. */
    private static final Map<String, Integer> COVERAGE = new java.util.concurrent.ConcurrentHashMap<>();

    private static void covered(String what) {
        COVERAGE.merge(what, 1, Integer::sum);
    }

    @Test
    void random_command_sequences_keep_engine_and_model_in_step() {
        long seed = Long.getLong("civicloop.seed", new SecureRandom().nextLong());
        AtomicInteger sequences = new AtomicInteger();
        COVERAGE.clear();
        try {
            qt().withFixedSeed(seed)
                    .withExamples(SEQUENCES + SEQUENCES / 10)
                    .withShrinkCycles(300)
                    .forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(5, 40))
                    .checkAssert(steps -> {
                        sequences.incrementAndGet();
                        new Run(steps).execute();
                    });
        } catch (AssertionError e) {
            throw new AssertionError("seed=" + seed + ", rerun with -Dcivicloop.seed=" + seed + "\n" + e.getMessage(), e);
        }
        assertTrue(sequences.get() >= SEQUENCES, "ran " + sequences.get() + " sequences, seed=" + seed);
        System.out.println("TicketModelProperties seed=" + seed + ", " + sequences.get() + " sequences, reached "
                + new TreeMap<>(COVERAGE));
        for (String must : List.of("ok Report", "ok Dispatch", "ok Claim", "ok Accept", "ok Resolve", "ok Confirm",
                "ok Reopen", "ok Return", "ok Merge", "ok Escalate", "replay", "DuplicateCommand", "NotAuthorized",
                "TransitionNotAllowed", "InvalidInput", "NotFound", "state RESOLVED", "state CLOSED",
                "clock escalation", "clock close", "clock reminder claim", "clock reminder resolve")) {
            assertTrue(COVERAGE.getOrDefault(must, 0) >= 5, "too few '" + must + "' in " + COVERAGE + ", seed=" + seed);
        }
    }

    // ------------------------------------------------------------------ the model

    /** What the model knows of one ticket; nothing here is read back from the engine. */
    static final class MTicket {
        final TicketId id;
        final Category category;
        final OrgUnitId grid;
        final Actor reporter;
        TicketState state;
        long version;
        OrgUnitId community;
        List<DepartmentId> departments = List.of();
        final Set<DepartmentId> accepted = new HashSet<>();
        final Set<DepartmentId> resolved = new HashSet<>();
        int returnCount;
        int redoCount;
        int level;
        final Map<String, Instant> deadlines = new LinkedHashMap<>();
        final Map<String, Instant> started = new HashMap<>();
        final Set<String> escalated = new HashSet<>();
        final Set<String> reminded = new HashSet<>();
        // facts for statistics
        final Instant reportedAt;
        Instant firstDispatchedAt;
        Instant firstClaimedAt;
        Instant firstResolvedAt;
        Instant lastResolvedAt;
        Instant resolveDueForStats;
        Instant resolveDueAtLastResolution;
        boolean rated;
        boolean satisfied;
        boolean reopened;
        int returns;

        MTicket(TicketId id, Category category, OrgUnitId grid, Actor reporter, Instant at) {
            this.id = id;
            this.category = category;
            this.grid = grid;
            this.reporter = reporter;
            this.reportedAt = at;
        }

        boolean terminal() {
            return TERMINAL.contains(state);
        }

        void moveTo(TicketState s) {
            state = s;
            if (terminal()) {
                deadlines.clear();
                started.clear();
                escalated.clear();
                reminded.clear();
            }
        }

        void start(String deadline, Instant due, Instant now) {
            deadlines.put(deadline, due);
            started.put(deadline, now);
            escalated.remove(deadline);
            reminded.remove(deadline);
        }

        void stop(String deadline) {
            deadlines.remove(deadline);
            started.remove(deadline);
            escalated.remove(deadline);
            reminded.remove(deadline);
        }

        /** DESIGN: the later of due − remindBefore and halfway; feedback reminds nobody. */
        Instant remindAt(String deadline) {
            if (deadline.equals("feedback")) {
                return null;
            }
            Instant due = deadlines.get(deadline);
            Instant start = started.get(deadline);
            Instant byLead = due.minus(REMIND_BEFORE);
            Instant halfway = start.plus(Duration.between(start, due).dividedBy(2));
            return byLead.isAfter(halfway) ? byLead : halfway;
        }

        void dispatch(OrgUnitId to, List<DepartmentId> deps, Instant now) {
            community = to;
            departments = List.copyOf(deps);
            accepted.clear();
            resolved.clear();
            Instant resolveDue = CALENDAR.due(now, category.resolveDeadline());
            start("claim", CALENDAR.due(now, category.claimDeadline()), now);
            start("resolve", resolveDue, now);
            if (firstDispatchedAt == null) {
                firstDispatchedAt = now;
            }
            resolveDueForStats = resolveDue;
            moveTo(DISPATCHED);
        }
    }

    /** A command the model expects to fail with this exception, to replay, or to apply. */
    record Plan(Class<? extends GovernanceException> failure, Recorded replay, Map<TicketId, Integer> events,
            Runnable effect) {
        static Plan fail(Class<? extends GovernanceException> failure) {
            return new Plan(failure, null, Map.of(), null);
        }

        static Plan replayOf(Recorded r) {
            return new Plan(null, r, Map.of(), null);
        }

        static Plan apply(TicketId ticket, int events, Runnable effect) {
            return new Plan(null, null, Map.of(ticket, events), effect);
        }
    }

    /** What a successful command produced: the ticket, its version and state right after. */
    record Recorded(TicketId ticket, long version, TicketState state) {}

    /** One sequence: a fresh seed city, a fresh engine, a fresh model. */
    static final class Run {
        final List<Integer> steps;
        final SeedCity city = new SeedCity();
        final GovernanceEngine engine = city.engine();
        final List<MTicket> tickets = new ArrayList<>();
        final Map<TicketId, MTicket> byId = new HashMap<>();
        final Map<CommandId, Recorded> applied = new HashMap<>();
        final List<CommandId> appliedOrder = new ArrayList<>();
        final List<TicketCommand> sent = new ArrayList<>();
        final Set<CommandId> idsThatAppended = new HashSet<>();
        final StringBuilder log = new StringBuilder();
        long position;
        int step;

        Run(List<Integer> steps) {
            this.steps = steps;
        }

        void execute() {
            try {
                for (int v : steps) {
                    step++;
                    one(v);
                    checkAllTickets();
                    checkStatistics();
                }
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nsteps:\n" + log, e);
            } catch (RuntimeException e) {
                throw new AssertionError("unexpected " + e + "\nsteps:\n" + log, e);
            }
        }

        // ---- decoding a number into a step

        /**
         * One generated number is one step. It is mixed first, since QuickTheories favours small and
         * boundary values; shrinking still works on the number itself. 45% of the steps take the
         * chosen ticket's natural next step (so sequences get deep into the loop), the rest pick any
         * command from the table below.
         */
        void one(int v) {
            long h = mix(v) >>> 1;
            int mode = (int) (h % 100);
            int op = (int) (h / 100 % 100);
            int ticketSel = (int) (h / 10_000 % 16);
            int actorSel = (int) (h / 160_000 % 10);
            int p = (int) (h / 1_600_000 % 1_000_000);
            MTicket t = ticketSel == 15 || tickets.isEmpty() ? null : tickets.get(ticketSel % tickets.size());
            if (mode < 45) {
                op = naturalNext(t, p);
            } else if (tickets.isEmpty() && op < 84 && ticketSel != 15) {
                op = 0; // nothing to act on yet: report something
            }
            TicketId id = t == null ? NO_SUCH_TICKET : t.id;
            boolean intended = actorSel < 7;
            Actor random = EVERYONE.get(p % EVERYONE.size());
            CommandId cid = city.cmd();
            TicketCommand cmd;
            if (op < 10) {
                Category c = p % 11 == 10 ? null : REPORTABLE.get(p % 11 % REPORTABLE.size());
                OrgUnitId grid = List.of(GRID_6, GRID_1, JINGSHAN_GRID).get(p / 11 % 3);
                Actor who = intended ? List.of(RIDER, DRIVER, RESIDENT).get(p / 33 % 3) : random;
                cmd = new Report(cid, who, c == null ? "no_such_category" : c.code(), sanxi(), "step " + step,
                        List.of(), grid);
            } else if (op < 18) {
                cmd = new Verify(cid, intended ? gridStaff(t) : random, id, VerificationMethod.BY_PHOTO, null);
            } else if (op < 20) {
                cmd = new RejectAsFalse(cid, intended ? gridStaff(t) : random, id, "nothing there");
            } else if (op < 30) {
                OrgUnitId community = p % 8 == 7 ? GRID_6 : p % 8 >= 5 ? YUANHANG
                        : t == null ? JINGSHAN : PATH.get(t.grid).get(1);
                int count = 1 + p / 8 % 3;
                int offset = p / 24 % HANDLED.size();
                List<DepartmentId> deps = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    deps.add(HANDLED.get((offset + i) % HANDLED.size()));
                }
                cmd = new Dispatch(cid, intended ? COORDINATOR : random, id, community, deps.get(0),
                        deps.subList(1, deps.size()), "street dispatch");
            } else if (op < 39) {
                cmd = new Claim(cid, intended ? communityStaff(t) : random, id);
            } else if (op < 51) {
                cmd = new Accept(cid, intended ? handlerOfPending(t, t == null ? Set.of() : t.accepted) : random, id);
            } else if (op < 54) {
                cmd = new Return(cid, intended ? (p % 2 == 0 ? communityStaff(t)
                        : handlerOfPending(t, Set.of())) : random, id, "not ours");
            } else if (op < 56) {
                cmd = new NoteProgress(cid, intended ? handlerOfPending(t, Set.of()) : random, id, "progress");
            } else if (op < 68) {
                cmd = new Resolve(cid, intended ? handlerOfPending(t, t == null ? Set.of() : t.resolved) : random, id,
                        "fixed", List.of());
            } else if (op < 73) {
                cmd = new Confirm(cid, intended ? reporterOf(t) : random, id, Satisfaction.values()[p % 3], null);
            } else if (op < 76) {
                cmd = new Reopen(cid, intended ? reporterOf(t) : random, id, "still broken");
            } else if (op < 78) {
                cmd = new Reject(cid, intended ? COORDINATOR : random, id, "out of scope");
            } else if (op < 80) {
                cmd = new Cancel(cid, intended ? reporterOf(t) : random, id, "changed my mind");
            } else if (op < 82) {
                cmd = new Escalate(cid, intended ? SUPERVISOR : random, id, "manual supervision");
            } else if (op < 84) {
                TicketId into = tickets.isEmpty() ? NO_SUCH_TICKET : tickets.get(p % tickets.size()).id;
                cmd = new Merge(cid, intended ? COORDINATOR : random, id, into);
            } else if (op < 90) {
                if (sent.isEmpty()) {
                    log.append(step).append(": retry (nothing sent yet)\n");
                    return;
                }
                cmd = sent.get(p % sent.size());
                log.append(step).append(": retry of ");
                send(cmd);
                return;
            } else if (op < 92) {
                if (appliedOrder.isEmpty()) {
                    log.append(step).append(": duplicate probe (nothing applied yet)\n");
                    return;
                }
                CommandId reused = appliedOrder.get(p % appliedOrder.size());
                cmd = new NoteProgress(reused, GAS_HANDLER, id, "another payload at step " + step);
                log.append(step).append(": same id, other payload: ");
                send(cmd);
                return;
            } else {
                // 21 h lands a fresh 24-hour deadline in its reminder window (the last 4 h).
                Duration d = List.of(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(21),
                        Duration.ofHours(25), Duration.ofDays(2), Duration.ofDays(4), Duration.ofDays(8)).get(p % 8);
                advance(d);
                return;
            }
            sent.add(cmd);
            log.append(step).append(": ");
            send(cmd);
        }

        /** The op band of the step that moves the ticket on in the loop; a new report for none or a closed one. */
        static int naturalNext(MTicket t, int p) {
            if (t == null || t.terminal()) {
                return 0;
            }
            TicketState s = t.state;
            if (s.equals(SUBMITTED)) {
                return t.category.urgent() ? 20 : 10;
            } else if (s.equals(VERIFIED)) {
                return 20;
            } else if (s.equals(DISPATCHED)) {
                return 30;
            } else if (s.equals(CLAIMED)) {
                return 40;
            } else if (s.equals(IN_HANDLING)) {
                return 56;
            } else {
                return p % 4 == 0 ? 73 : 68; // RESOLVED: reopen or confirm
            }
        }

        static long mix(long z) {
            z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
            z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
            return z ^ (z >>> 33);
        }

        Actor gridStaff(MTicket t) {
            if (t == null) {
                return GRID6_STAFF;
            }
            return t.grid.equals(GRID_6) ? GRID6_STAFF : t.grid.equals(GRID_1) ? GRID1_STAFF : JINGSHAN_GRID_STAFF;
        }

        Actor communityStaff(MTicket t) {
            return t != null && JINGSHAN.equals(t.community) ? JINGSHAN_STAFF : YUANHANG_STAFF;
        }

        Actor handlerOfPending(MTicket t, Set<DepartmentId> done) {
            if (t == null || t.departments.isEmpty()) {
                return MUNICIPAL_HANDLER;
            }
            return t.departments.stream().filter(d -> !done.contains(d)).findFirst()
                    .map(HANDLER::get).orElse(HANDLER.get(t.departments.get(0)));
        }

        Actor reporterOf(MTicket t) {
            return t == null ? RIDER : t.reporter;
        }

        // ---- running one command against engine and model

        void send(TicketCommand cmd) {
            Instant now = city.clock.instant();
            Plan plan = plan(cmd, now);
            Set<TicketId> terminalBefore = terminalTickets();
            Map<TicketId, Long> versionsBefore = versions();
            TicketView view = null;
            GovernanceException thrown = null;
            try {
                view = engine.handle(cmd);
            } catch (GovernanceException e) {
                thrown = e;
            }
            log.append(describe(cmd)).append(" → ")
                    .append(thrown != null ? thrown.getClass().getSimpleName() : view.state() + " v" + view.version())
                    .append(" (model: ").append(plan.failure() != null ? plan.failure().getSimpleName()
                            : plan.replay() != null ? "replay" : "apply").append(")\n");

            covered(thrown != null ? thrown.getClass().getSimpleName()
                    : plan.replay() != null ? "replay" : "ok " + cmd.getClass().getSimpleName());
            if (thrown == null) {
                covered("state " + view.state());
            }
            List<StoredEvent> fresh = drainFeed();
            if (plan.failure() != null) {
                assertTrue(thrown != null && plan.failure().isInstance(thrown),
                        "step " + step + ": expected " + plan.failure().getSimpleName() + " but got "
                                + (thrown != null ? thrown : view));
                assertEquals(List.of(), fresh, "step " + step + ": a refused command appended events");
            } else if (plan.replay() != null) {
                assertTrue(thrown == null, "step " + step + ": a retry must return the first result, got " + thrown);
                assertEquals(plan.replay().ticket(), view.ticketId(), "step " + step + ": retry result ticket");
                assertEquals(plan.replay().version(), view.version(), "step " + step + ": retry returns the first result");
                assertEquals(plan.replay().state(), view.state(), "step " + step + ": retry returns the first result");
                assertEquals(List.of(), fresh, "step " + step + ": a retry appended events");
            } else {
                assertTrue(thrown == null, "step " + step + ": expected success but got " + thrown);
                TicketId ticket = cmd instanceof Report ? view.ticketId() : ((TicketCommand.OnTicket) cmd).ticketId();
                if (cmd instanceof Report r) {
                    assertTrue(!byId.containsKey(ticket), "step " + step + ": a report reused ticket id " + ticket);
                    Category c = REPORTABLE.stream().filter(x -> x.code().equals(r.category())).findFirst().orElseThrow();
                    MTicket m = new MTicket(ticket, c, r.orgUnit(), r.actor(), now);
                    m.state = SUBMITTED;
                    tickets.add(m);
                    byId.put(ticket, m);
                    plan = new Plan(null, null, Map.of(ticket, c.urgent() ? 2 : 1), () -> {
                        if (c.urgent()) {
                            m.dispatch(PATH.get(m.grid).get(1), urgentDepartments(c), now);
                        }
                    });
                    versionsBefore.put(ticket, 0L);
                }
                checkAppended(fresh, plan.events(), versionsBefore);
                plan.effect().run();
                plan.events().forEach((tid, n) -> byId.get(tid).version += n);
                MTicket m = byId.get(ticket);
                assertEquals(m.version, view.version(), "step " + step + ": version of the returned view");
                assertEquals(m.state, view.state(), "step " + step + ": state of the returned view");
                Recorded rec = new Recorded(ticket, m.version, m.state);
                assertTrue(applied.putIfAbsent(cmd.commandId(), rec) == null,
                        "step " + step + ": command id " + cmd.commandId() + " applied twice");
                appliedOrder.add(cmd.commandId());
            }
            for (TicketId tid : terminalBefore) {
                assertEquals(versionsBefore.get(tid), engine.ticket(tid).version(),
                        "step " + step + ": terminal ticket " + tid + " accepted an event");
            }
        }

        List<DepartmentId> urgentDepartments(Category c) {
            List<DepartmentId> ds = new ArrayList<>();
            ds.add(c.leadDepartment());
            ds.addAll(c.coHandlers());
            return ds;
        }

        /** The model's verdict, from the state before the command. */
        Plan plan(TicketCommand cmd, Instant now) {
            Recorded prior = applied.get(cmd.commandId());
            if (prior != null) {
                return cmd.equals(findSent(cmd.commandId())) ? Plan.replayOf(prior) : Plan.fail(DuplicateCommand.class);
            }
            Actor a = cmd.actor();
            if (cmd instanceof Report r) {
                if (REPORTABLE.stream().noneMatch(c -> c.code().equals(r.category()))) {
                    return Plan.fail(InvalidInput.class);
                }
                if (a.roles().stream().noneMatch(REPORTING_ROLES::contains)) {
                    return Plan.fail(NotAuthorized.class);
                }
                return Plan.apply(NO_SUCH_TICKET, 0, () -> {}); // completed in send, once the id is known
            }
            TicketCommand.OnTicket c = (TicketCommand.OnTicket) cmd;
            MTicket t = byId.get(c.ticketId());
            if (t == null) {
                return Plan.fail(NotFound.class);
            }
            if (!allowed(t, c.command())) {
                return Plan.fail(TransitionNotAllowed.class);
            }
            if (!authorised(t, c.command(), a)) {
                return Plan.fail(NotAuthorized.class);
            }
            if (c instanceof Verify) {
                return Plan.apply(t.id, 1, () -> t.moveTo(VERIFIED));
            } else if (c instanceof RejectAsFalse || c instanceof Reject) {
                return Plan.apply(t.id, 1, () -> t.moveTo(TicketState.REJECTED));
            } else if (c instanceof Cancel) {
                return Plan.apply(t.id, 1, () -> t.moveTo(TicketState.CANCELLED));
            } else if (c instanceof Dispatch d) {
                if (!COMMUNITIES.contains(d.community())) {
                    return Plan.fail(InvalidInput.class);
                }
                List<DepartmentId> deps = new ArrayList<>();
                deps.add(d.lead());
                deps.addAll(d.coHandlers());
                return Plan.apply(t.id, 1, () -> t.dispatch(d.community(), deps, now));
            } else if (c instanceof Claim) {
                return Plan.apply(t.id, 1, () -> {
                    t.stop("claim");
                    if (t.firstClaimedAt == null) {
                        t.firstClaimedAt = now;
                    }
                    t.moveTo(CLAIMED);
                });
            } else if (c instanceof Accept) {
                DepartmentId dep = pending(t, a, t.accepted);
                if (dep == null) {
                    return Plan.fail(InvalidInput.class);
                }
                return Plan.apply(t.id, 1, () -> {
                    t.accepted.add(dep);
                    if (t.accepted.containsAll(t.departments)) {
                        t.moveTo(IN_HANDLING);
                    }
                });
            } else if (c instanceof Return) {
                return Plan.apply(t.id, 1, () -> {
                    t.returnCount++;
                    t.returns++;
                    t.accepted.clear();
                    t.resolved.clear();
                    t.stop("claim");
                    t.stop("resolve");
                    t.moveTo(VERIFIED);
                });
            } else if (c instanceof NoteProgress) {
                return Plan.apply(t.id, 1, () -> {});
            } else if (c instanceof Resolve) {
                DepartmentId dep = pending(t, a, t.resolved);
                if (dep == null) {
                    return Plan.fail(InvalidInput.class);
                }
                return Plan.apply(t.id, 1, () -> {
                    t.resolved.add(dep);
                    if (t.resolved.containsAll(t.departments)) {
                        t.stop("resolve");
                        t.start("feedback", now.plus(FEEDBACK_WINDOW), now);
                        if (t.firstResolvedAt == null) {
                            t.firstResolvedAt = now;
                        }
                        t.lastResolvedAt = now;
                        t.resolveDueAtLastResolution = t.resolveDueForStats;
                        t.moveTo(RESOLVED);
                    }
                });
            } else if (c instanceof Confirm cf) {
                return Plan.apply(t.id, 1, () -> {
                    t.rated = true;
                    t.satisfied = cf.satisfaction() != Satisfaction.UNSATISFIED;
                    t.moveTo(TicketState.CLOSED);
                });
            } else if (c instanceof Reopen) {
                return Plan.apply(t.id, 1, () -> {
                    t.redoCount++;
                    t.reopened = true;
                    t.accepted.clear();
                    t.resolved.clear();
                    t.stop("feedback");
                    Instant resolveDue = CALENDAR.due(now, t.category.resolveDeadline());
                    t.start("claim", CALENDAR.due(now, t.category.claimDeadline()), now);
                    t.start("resolve", resolveDue, now);
                    t.resolveDueForStats = resolveDue;
                    t.moveTo(DISPATCHED);
                });
            } else if (c instanceof Escalate) {
                return Plan.apply(t.id, 1, () -> t.level++);
            } else if (c instanceof Merge mg) {
                MTicket into = byId.get(mg.into());
                if (into == null || into == t || into.terminal()) {
                    return Plan.fail(InvalidInput.class);
                }
                return new Plan(null, null, Map.of(t.id, 1, into.id, 1), () -> t.moveTo(TicketState.MERGED));
            }
            throw new AssertionError("the model does not know " + cmd);
        }

        TicketCommand findSent(CommandId id) {
            return sent.stream().filter(s -> s.commandId().equals(id)).findFirst().orElse(null);
        }

        static DepartmentId pending(MTicket t, Actor a, Set<DepartmentId> done) {
            return t.departments.stream().filter(a.departments()::contains).filter(d -> !done.contains(d))
                    .findFirst().orElse(null);
        }

        /** DESIGN §4, as the model reads it. */
        static boolean allowed(MTicket t, String command) {
            TicketState s = t.state;
            switch (command) {
                case "verify":
                case "reject_as_false":
                case "cancel":
                    return s.equals(SUBMITTED);
                case "dispatch":
                    return s.equals(VERIFIED) || (s.equals(SUBMITTED) && t.category.urgent());
                case "reject":
                case "merge":
                    return s.equals(SUBMITTED) || s.equals(VERIFIED);
                case "claim":
                    return s.equals(DISPATCHED);
                case "accept":
                    return s.equals(CLAIMED);
                case "return":
                    return s.equals(DISPATCHED) || s.equals(CLAIMED) || s.equals(IN_HANDLING);
                case "note_progress":
                case "resolve":
                    return s.equals(IN_HANDLING);
                case "confirm":
                case "reopen":
                    return s.equals(RESOLVED);
                case "escalate":
                    return !t.terminal();
                default:
                    throw new AssertionError("unknown command " + command);
            }
        }

        static boolean authorised(MTicket t, String command, Actor a) {
            boolean ticketOrg = covers(a, t.grid);
            boolean community = t.community != null && covers(a, t.community);
            boolean department = t.departments.stream().anyMatch(a.departments()::contains);
            boolean reporter = a.id().equals(t.reporter.id());
            switch (command) {
                case "verify":
                case "reject_as_false":
                    return a.hasRole(Role.GRID_STAFF) && ticketOrg;
                case "dispatch":
                case "reject":
                case "merge":
                    return a.hasRole(Role.STREET_COORDINATOR) && ticketOrg;
                case "cancel":
                case "confirm":
                case "reopen":
                    return a.roles().stream().anyMatch(REPORTING_ROLES::contains) && reporter;
                case "claim":
                    return a.hasRole(Role.COMMUNITY_STAFF) && community;
                case "accept":
                case "note_progress":
                case "resolve":
                    return a.hasRole(Role.DEPARTMENT_HANDLER) && department;
                case "return":
                    return (a.hasRole(Role.COMMUNITY_STAFF) || a.hasRole(Role.DEPARTMENT_HANDLER))
                            && (community || department);
                case "escalate":
                    return a.hasRole(Role.SUPERVISOR) && ticketOrg;
                default:
                    throw new AssertionError("unknown command " + command);
            }
        }

        static boolean covers(Actor a, OrgUnitId unit) {
            return PATH.get(unit).stream().anyMatch(a.orgScope()::contains);
        }

        // ---- the clock

        void advance(Duration d) {
            city.clock.advance(d);
            Instant now = city.clock.instant();
            log.append(step).append(": clock +").append(d).append('\n');
            remind(now);
            escalate(now);
        }

        /**
         * The reminder pass: each claim or resolve deadline not yet reminded or escalated whose
         * reminder instant has come and that is not yet missed reminds whoever must act on it.
         */
        void remind(Instant now) {
            Map<TicketId, Long> versionsBefore = versions();
            Map<TicketId, Integer> expected = new LinkedHashMap<>();
            Map<TicketId, List<TicketReminded>> reminders = new LinkedHashMap<>();
            for (MTicket t : tickets) {
                if (t.terminal()) {
                    continue;
                }
                for (Map.Entry<String, Instant> e : t.deadlines.entrySet()) {
                    String name = e.getKey();
                    Instant at = t.remindAt(name);
                    if (at == null || t.reminded.contains(name) || t.escalated.contains(name) || now.isBefore(at)
                            || now.isAfter(e.getValue())) {
                        continue;
                    }
                    // Claim: the community; resolve: the departments yet to resolve, lead first (joint handling).
                    TicketReminded r = name.equals("claim")
                            ? new TicketReminded(name, e.getValue(), t.community, List.of())
                            : new TicketReminded(name, e.getValue(), null,
                                    t.departments.stream().filter(dep -> !t.resolved.contains(dep)).toList());
                    reminders.computeIfAbsent(t.id, k -> new ArrayList<>()).add(r);
                    expected.merge(t.id, 1, Integer::sum);
                }
            }
            int appended = engine.remindDeadlines();
            log.append(step).append(": clock at ").append(now).append(", reminder pass appended ").append(appended)
                    .append(" (model: ").append(reminders).append(")\n");
            List<StoredEvent> fresh = drainFeed();
            assertEquals(expected.values().stream().mapToInt(Integer::intValue).sum(), appended,
                    "step " + step + ": events the reminder pass appended");
            checkAppended(fresh, expected, versionsBefore);
            Map<TicketId, List<TicketReminded>> got = new LinkedHashMap<>();
            for (StoredEvent e : fresh) {
                got.computeIfAbsent(e.envelope().ticketId(), k -> new ArrayList<>()).add((TicketReminded) e.envelope().event());
                assertEquals(byId.get(e.envelope().ticketId()).state, e.envelope().state(),
                        "step " + step + ": a reminder keeps the state");
            }
            assertEquals(reminders, got, "step " + step + ": the reminders and whom they name");
            reminders.forEach((tid, rs) -> {
                MTicket t = byId.get(tid);
                rs.forEach(r -> {
                    t.reminded.add(r.deadline());
                    covered("clock reminder " + r.deadline());
                });
                t.version += rs.size();
            });
        }

        void escalate(Instant now) {
            Set<TicketId> terminalBefore = terminalTickets();
            Map<TicketId, Long> versionsBefore = versions();
            Map<TicketId, Integer> expected = new LinkedHashMap<>();
            List<Runnable> effects = new ArrayList<>();
            for (MTicket t : tickets) {
                if (t.terminal()) {
                    continue;
                }
                Instant next = t.deadlines.entrySet().stream().filter(e -> !t.escalated.contains(e.getKey()))
                        .map(Map.Entry::getValue).min(Instant::compareTo).orElse(null);
                if (next == null || !next.isBefore(now)) {
                    continue; // the pass looks only at tickets due strictly before now
                }
                int events = 0;
                List<String> escalate = new ArrayList<>();
                boolean close = false;
                for (Map.Entry<String, Instant> e : t.deadlines.entrySet()) {
                    if (t.escalated.contains(e.getKey()) || !e.getValue().isBefore(now)) {
                        continue; // missed means strictly after the due instant
                    }
                    if (e.getKey().equals("feedback")) {
                        close = events == 0;
                        events += close ? 1 : 0;
                        break;
                    }
                    escalate.add(e.getKey());
                    events++;
                }
                if (events > 0) {
                    expected.put(t.id, events);
                    boolean closeIt = close;
                    effects.add(() -> {
                        for (String name : escalate) {
                            t.level++;
                            t.escalated.add(name);
                        }
                        if (closeIt) {
                            t.moveTo(TicketState.CLOSED);
                            covered("clock close");
                        }
                        if (!escalate.isEmpty()) {
                            covered("clock escalation");
                        }
                    });
                }
            }
            int appended = engine.escalateOverdue();
            log.append(step).append(": clock at ").append(now).append(", escalation pass appended ").append(appended)
                    .append(" (model: ").append(expected).append(")\n");
            List<StoredEvent> fresh = drainFeed();
            assertEquals(expected.values().stream().mapToInt(Integer::intValue).sum(), appended,
                    "step " + step + ": events the escalation pass appended");
            checkAppended(fresh, expected, versionsBefore);
            effects.forEach(Runnable::run);
            expected.forEach((tid, n) -> byId.get(tid).version += n);
            for (TicketId tid : terminalBefore) {
                assertEquals(versionsBefore.get(tid), engine.ticket(tid).version(),
                        "step " + step + ": terminal ticket " + tid + " changed on the clock");
            }
        }

        // ---- invariants

        Set<TicketId> terminalTickets() {
            Set<TicketId> s = new LinkedHashSet<>();
            tickets.stream().filter(MTicket::terminal).forEach(t -> s.add(t.id));
            return s;
        }

        Map<TicketId, Long> versions() {
            Map<TicketId, Long> m = new HashMap<>();
            tickets.forEach(t -> m.put(t.id, t.version));
            return m;
        }

        List<StoredEvent> drainFeed() {
            List<StoredEvent> out = new ArrayList<>();
            while (true) {
                List<StoredEvent> batch = city.store.readAfter(position, 100);
                if (batch.isEmpty()) {
                    return out;
                }
                for (StoredEvent e : batch) {
                    assertTrue(e.position() > position, "step " + step + ": feed positions must grow, "
                            + e.position() + " after " + position);
                    position = e.position();
                    out.add(e);
                }
            }
        }

        /** Exactly the expected number of events per ticket, each one version above the last. */
        void checkAppended(List<StoredEvent> fresh, Map<TicketId, Integer> expected, Map<TicketId, Long> before) {
            Map<TicketId, Integer> counted = new LinkedHashMap<>();
            Map<TicketId, Long> last = new HashMap<>(before);
            Set<CommandId> idsNow = new HashSet<>();
            for (StoredEvent e : fresh) {
                TicketId tid = e.envelope().ticketId();
                long prev = last.getOrDefault(tid, 0L);
                assertEquals(prev + 1, e.envelope().version(),
                        "step " + step + ": version of " + tid + " must grow by exactly one per event");
                last.put(tid, e.envelope().version());
                counted.merge(tid, 1, Integer::sum);
                String cid = e.envelope().commandId().value();
                if (!cid.startsWith("clock/") && !cid.endsWith("/me-too")) {
                    idsNow.add(e.envelope().commandId());
                }
                if (e.envelope().state().equals(RESOLVED) && e.envelope().event() instanceof DepartmentResolved) {
                    MTicket m = byId.get(tid);
                    Set<DepartmentId> done = new HashSet<>(m.resolved);
                    done.add(((DepartmentResolved) e.envelope().event()).department());
                    assertEquals(Set.copyOf(m.departments), done,
                            "step " + step + ": " + tid + " became RESOLVED before all its departments resolved");
                }
            }
            Map<TicketId, Integer> want = new LinkedHashMap<>();
            expected.forEach((k, v) -> {
                if (v > 0) {
                    want.put(k, v);
                }
            });
            assertEquals(want, counted, "step " + step + ": events appended per ticket");
            for (CommandId id : idsNow) {
                assertTrue(idsThatAppended.add(id), "step " + step + ": command id " + id + " appended a second time");
            }
        }

        void checkAllTickets() {
            for (MTicket m : tickets) {
                TicketView v = engine.ticket(m.id);
                String where = "step " + step + ", ticket " + m.id + ": ";
                assertEquals(m.state, v.state(), where + "state");
                assertEquals(m.version, v.version(), where + "version");
                assertEquals(m.terminal(), v.terminal(), where + "terminal");
                assertEquals(m.departments, v.departments(), where + "departments");
                assertEquals(m.accepted, v.accepted(), where + "accepted");
                assertEquals(m.resolved, v.resolved(), where + "resolved");
                assertEquals(m.returnCount, v.returnCount(), where + "return count");
                assertEquals(m.redoCount, v.redoCount(), where + "redo count");
                assertEquals(m.level, v.supervisionLevel(), where + "supervision level");
                Map<String, String> want = new TreeMap<>();
                m.deadlines.forEach((k, due) -> want.put(k, due + " remind " + m.remindAt(k)
                        + (m.reminded.contains(k) ? " reminded" : "") + (m.escalated.contains(k) ? " escalated" : "")));
                Map<String, String> got = new TreeMap<>();
                v.deadlines().forEach(d -> got.put(d.name(), d.dueAt() + " remind " + d.remindAt()
                        + (d.reminded() ? " reminded" : "") + (d.escalated() ? " escalated" : "")));
                assertEquals(want, got, where + "running deadlines");
                if (v.state().equals(RESOLVED)) {
                    assertEquals(Set.copyOf(v.departments()), v.resolved(),
                            where + "RESOLVED while a department has not resolved");
                }
                List<TimelineEntry> history = engine.history(m.id);
                assertEquals(m.version, history.size(), where + "history length");
                for (int i = 0; i < history.size(); i++) {
                    assertEquals(i + 1, history.get(i).version(), where + "history versions 1..n");
                }
            }
        }

        void checkStatistics() {
            long submitted = 0, dispatched = 0, responded = 0, resolved = 0, onTime = 0, rated = 0, satisfied = 0;
            long returns = 0, reopened = 0, everResolved = 0;
            List<Duration> toClaim = new ArrayList<>();
            List<Duration> toResolve = new ArrayList<>();
            Map<String, Long> byCategory = new HashMap<>();
            Map<CategoryKind, Long> byKind = new EnumMap<>(CategoryKind.class);
            for (MTicket t : tickets) {
                submitted++;
                byCategory.merge(t.category.code(), 1L, Long::sum);
                if (t.firstDispatchedAt != null) {
                    dispatched++;
                }
                if (t.firstClaimedAt != null) {
                    responded++;
                    toClaim.add(Duration.between(t.firstDispatchedAt, t.firstClaimedAt));
                }
                boolean resolvedNow = t.state.equals(RESOLVED) || t.state.equals(TicketState.CLOSED);
                if (resolvedNow) {
                    resolved++;
                    byKind.merge(t.category.kind(), 1L, Long::sum);
                    if (!t.lastResolvedAt.isAfter(t.resolveDueAtLastResolution)) {
                        onTime++;
                    }
                    if (t.rated) {
                        rated++;
                        if (t.satisfied) {
                            satisfied++;
                        }
                    }
                }
                if (t.firstResolvedAt != null) {
                    everResolved++;
                    toResolve.add(Duration.between(t.reportedAt, t.firstResolvedAt));
                }
                returns += t.returns;
                if (t.reopened) {
                    reopened++;
                }
            }
            Statistics want = new Statistics(STREET, FROM, TO, submitted, dispatched, responded, resolved, onTime, rated,
                    satisfied, returns, reopened, everResolved, median(toClaim), median(toResolve), byCategory, byKind);
            assertEquals(want, engine.statistics(STREET, FROM, TO), "step " + step + ": statistics of the street");
        }

        static Duration median(List<Duration> ds) {
            if (ds.isEmpty()) {
                return null;
            }
            List<Duration> s = new ArrayList<>(ds);
            Collections.sort(s);
            int n = s.size();
            return n % 2 == 1 ? s.get(n / 2) : s.get(n / 2 - 1).plus(s.get(n / 2)).dividedBy(2);
        }

        static String describe(TicketCommand c) {
            String target = c instanceof TicketCommand.OnTicket o ? " " + o.ticketId() : "";
            String extra = "";
            if (c instanceof Dispatch d) {
                extra = " → " + d.community() + " " + d.lead() + d.coHandlers();
            } else if (c instanceof Report r) {
                extra = " " + r.category() + " in " + r.orgUnit();
            } else if (c instanceof Merge m) {
                extra = " into " + m.into();
            } else if (c instanceof Confirm cf) {
                extra = " " + cf.satisfaction();
            }
            return c.getClass().getSimpleName() + "[" + c.commandId() + "]" + target + " by " + c.actor().id() + extra;
        }
    }
}
