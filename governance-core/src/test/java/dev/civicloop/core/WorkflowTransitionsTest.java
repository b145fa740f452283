package dev.civicloop.core;

import static dev.civicloop.core.SeedCity.COORDINATOR;
import static dev.civicloop.core.SeedCity.DRIVER;
import static dev.civicloop.core.SeedCity.FIRE;
import static dev.civicloop.core.SeedCity.FIRE_HANDLER;
import static dev.civicloop.core.SeedCity.FLYING_WIRE;
import static dev.civicloop.core.SeedCity.GAS;
import static dev.civicloop.core.SeedCity.GAS_LEAK;
import static dev.civicloop.core.SeedCity.GRID6_STAFF;
import static dev.civicloop.core.SeedCity.GRID_6;
import static dev.civicloop.core.SeedCity.MANHOLE;
import static dev.civicloop.core.SeedCity.MUNICIPAL;
import static dev.civicloop.core.SeedCity.MUNICIPAL_HANDLER;
import static dev.civicloop.core.SeedCity.RESIDENT;
import static dev.civicloop.core.SeedCity.RIDER;
import static dev.civicloop.core.SeedCity.SUPERVISOR;
import static dev.civicloop.core.SeedCity.URBAN;
import static dev.civicloop.core.SeedCity.URBAN_HANDLER;
import static dev.civicloop.core.SeedCity.YUANHANG;
import static dev.civicloop.core.SeedCity.YUANHANG_STAFF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.core.command.Accept;
import dev.civicloop.core.command.Answer;
import dev.civicloop.core.command.Cancel;
import dev.civicloop.core.command.Claim;
import dev.civicloop.core.command.Confirm;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.command.Escalate;
import dev.civicloop.core.command.Merge;
import dev.civicloop.core.command.NoteProgress;
import dev.civicloop.core.command.Reject;
import dev.civicloop.core.command.RejectAsFalse;
import dev.civicloop.core.command.Reopen;
import dev.civicloop.core.command.Resolve;
import dev.civicloop.core.command.Return;
import dev.civicloop.core.command.TicketCommand;
import dev.civicloop.core.command.Verify;
import dev.civicloop.core.workflow.Workflow;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.TransitionNotAllowed;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.Satisfaction;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import dev.civicloop.spi.model.Urgency;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The built-in workflows, transition by transition: every row of DESIGN §4's table works, and
 * every command a state does not allow is refused with {@link TransitionNotAllowed} naming the
 * state and what is allowed there, leaving the store exactly as it was.
 */
class WorkflowTransitionsTest {

    /**
     * DESIGN §4, written out by hand (not read from the code under test): the commands each state
     * of the closed loop allows. SUBMITTED allows dispatch only when verification was skipped.
     */
    static final Map<TicketState, Set<String>> CLOSED_LOOP_ALLOWED = new LinkedHashMap<>();
    static {
        CLOSED_LOOP_ALLOWED.put(TicketState.SUBMITTED, Set.of("verify", "reject_as_false", "reject", "merge", "cancel", "escalate"));
        CLOSED_LOOP_ALLOWED.put(TicketState.VERIFIED, Set.of("dispatch", "reject", "merge", "escalate"));
        CLOSED_LOOP_ALLOWED.put(TicketState.DISPATCHED, Set.of("claim", "return", "escalate"));
        CLOSED_LOOP_ALLOWED.put(TicketState.CLAIMED, Set.of("accept", "return", "escalate"));
        CLOSED_LOOP_ALLOWED.put(TicketState.IN_HANDLING, Set.of("return", "note_progress", "resolve", "escalate"));
        CLOSED_LOOP_ALLOWED.put(TicketState.RESOLVED, Set.of("confirm", "reopen", "escalate"));
        CLOSED_LOOP_ALLOWED.put(TicketState.CLOSED, Set.of());
        CLOSED_LOOP_ALLOWED.put(TicketState.REJECTED, Set.of());
        CLOSED_LOOP_ALLOWED.put(TicketState.MERGED, Set.of());
        CLOSED_LOOP_ALLOWED.put(TicketState.CANCELLED, Set.of());
    }

    /** The grievance workflow (诉求) as its description says: submitted → accepted → answered → closed, or reopened. */
    static final Map<TicketState, Set<String>> GRIEVANCE_ALLOWED = new LinkedHashMap<>();
    static {
        GRIEVANCE_ALLOWED.put(TicketState.SUBMITTED, Set.of("accept", "cancel", "escalate"));
        GRIEVANCE_ALLOWED.put(TicketState.ACCEPTED, Set.of("answer", "escalate"));
        GRIEVANCE_ALLOWED.put(TicketState.ANSWERED, Set.of("confirm", "reopen", "escalate"));
        GRIEVANCE_ALLOWED.put(TicketState.CLOSED, Set.of());
        GRIEVANCE_ALLOWED.put(TicketState.CANCELLED, Set.of());
    }

    /** The commands one can send to an existing ticket: every engine command but report. */
    static List<String> ticketCommands() {
        List<String> commands = new ArrayList<>(Workflow.COMMANDS);
        commands.remove("report");
        return commands;
    }

    final SeedCity city = new SeedCity();
    final GovernanceEngine engine = city.engine();
    final TicketDriver drive = new TicketDriver(city, engine);

    // ------------------------------------------------------------------ the table itself

    @Test
    void closedLoopHasExactlyTheStatesAndExitsOfDesign() {
        Workflow wf = engine.workflow(Category.CLOSED_LOOP);
        assertEquals(CLOSED_LOOP_ALLOWED.keySet(), wf.states());
        assertEquals(Set.of(TicketState.CLOSED, TicketState.REJECTED, TicketState.MERGED, TicketState.CANCELLED),
                wf.terminalStates());
        for (TicketState s : wf.states()) {
            Set<String> expected = new LinkedHashSet<>(CLOSED_LOOP_ALLOWED.get(s));
            if (s.equals(TicketState.SUBMITTED)) {
                expected.add("dispatch"); // guarded: only when verification was skipped
            }
            assertEquals(expected, Set.copyOf(wf.allowedCommands(s)), "commands allowed in " + s);
        }
    }

    @Test
    void grievanceHasExactlyTheStatesAndExitsOfItsDescription() {
        Workflow wf = engine.workflow(Category.GRIEVANCE);
        assertEquals(GRIEVANCE_ALLOWED.keySet(), wf.states());
        assertEquals(Set.of(TicketState.CLOSED, TicketState.CANCELLED), wf.terminalStates());
        for (TicketState s : wf.states()) {
            assertEquals(GRIEVANCE_ALLOWED.get(s), Set.copyOf(wf.allowedCommands(s)), "commands allowed in " + s);
        }
    }

    // ------------------------------------------------------------------ closed loop: allowed

    @Nested
    class ClosedLoopAllowed {

        @Test
        void driverReportsBrokenManholeCover_ticketIsSubmittedAwaitingVerification() {
            TicketView t = engine.handle(city.report(DRIVER, MANHOLE, GRID_6));
            assertEquals(TicketState.SUBMITTED, t.state());
            assertEquals(1, t.version());
            assertEquals(DRIVER.id(), t.reporter());
            assertEquals(GRID_6, t.orgUnit());
            assertEquals(Category.CLOSED_LOOP, t.workflow());
            assertFalse(t.verificationSkipped());
            assertFalse(t.terminal());
        }

        @Test
        void gridStaffVerifyByPhoto_ticketIsVerified() {
            TicketView t = drive.closedLoop(TicketState.SUBMITTED, DRIVER);
            TicketView v = engine.handle(new Verify(city.cmd(), GRID6_STAFF, t.ticketId(), VerificationMethod.BY_PHOTO, "photo clear"));
            assertEquals(TicketState.VERIFIED, v.state());
            assertEquals(2, v.version());
        }

        @Test
        void gridStaffRejectFalseReport_ticketIsRejectedAndTerminal() {
            TicketView t = drive.closedLoop(TicketState.SUBMITTED, DRIVER);
            TicketView r = engine.handle(new RejectAsFalse(city.cmd(), GRID6_STAFF, t.ticketId(), "cover is intact"));
            assertEquals(TicketState.REJECTED, r.state());
            assertTrue(r.terminal());
        }

        @Test
        void coordinatorDispatchesVerifiedTicket_toCommunityAndDepartmentsLeadFirst() {
            TicketView t = drive.closedLoop(TicketState.VERIFIED, DRIVER);
            TicketView d = engine.handle(new Dispatch(city.cmd(), COORDINATOR, t.ticketId(), YUANHANG, URBAN,
                    List.of(FIRE), "flying wire → urban management + fire"));
            assertEquals(TicketState.DISPATCHED, d.state());
            assertEquals(YUANHANG, d.community());
            assertEquals(List.of(URBAN, FIRE), d.departments());
            assertTrue(d.deadline("claim").isPresent(), "dispatch starts the claim deadline");
        }

        @Test
        void unverifiedTicketCannotBeDispatched_butCanOnceVerified() {
            TicketView t = drive.closedLoop(TicketState.SUBMITTED, DRIVER);
            TransitionNotAllowed e = assertThrows(TransitionNotAllowed.class, () -> engine.handle(
                    drive.command("dispatch", city.cmd(), COORDINATOR, t.ticketId())));
            assertFalse(e.allowedCommands().contains("dispatch"));
            assertEquals(CLOSED_LOOP_ALLOWED.get(TicketState.SUBMITTED), Set.copyOf(e.allowedCommands()));
        }

        @Test
        void trustedReporterSkipsVerification_coordinatorDispatchesFromSubmitted() {
            SeedCity c = new SeedCity();
            GovernanceEngine trusting = c.builder().trustedReporters(id -> id.equals(DRIVER.id())).build();
            TicketView t = trusting.handle(c.report(DRIVER, MANHOLE, GRID_6));
            assertEquals(TicketState.SUBMITTED, t.state());
            assertTrue(t.verificationSkipped());
            TicketView d = trusting.handle(new Dispatch(c.cmd(), COORDINATOR, t.ticketId(), YUANHANG, MUNICIPAL, List.of(), "trusted"));
            assertEquals(TicketState.DISPATCHED, d.state());

            // An untrusted reporter on the same engine still needs verification.
            TicketView other = trusting.handle(c.report(RIDER, MANHOLE, GRID_6));
            assertFalse(other.verificationSkipped());
            assertThrows(TransitionNotAllowed.class, () -> trusting.handle(
                    new Dispatch(c.cmd(), COORDINATOR, other.ticketId(), YUANHANG, MUNICIPAL, List.of(), "untrusted")));
        }

        @Test
        void urgentCategoryWithoutDefaultRoute_skipsVerificationAndCoordinatorDispatchesFromSubmitted() {
            Category collapse = Category.builder("collapse_risk", "墙体坍塌隐患", "Collapsing wall")
                    .urgency(Urgency.URGENT).build();
            SeedCity c = new SeedCity();
            GovernanceEngine e = c.builder().categories(List.of(collapse)).build();
            TicketView t = e.handle(c.report(RIDER, collapse, GRID_6));
            assertEquals(TicketState.SUBMITTED, t.state(), "no default department, so no auto-dispatch");
            assertTrue(t.verificationSkipped());
            TicketView d = e.handle(new Dispatch(c.cmd(), COORDINATOR, t.ticketId(), YUANHANG, SeedCity.HOUSING, List.of(), "urgent"));
            assertEquals(TicketState.DISPATCHED, d.state());
        }

        @Test
        void riderSmellsGas_urgentReportIsAutoDispatchedToCommunityGasCompanyAndFire() {
            TicketView t = engine.handle(city.report(RIDER, GAS_LEAK, GRID_6));
            assertEquals(TicketState.DISPATCHED, t.state());
            assertTrue(t.verificationSkipped());
            assertEquals(YUANHANG, t.community());
            assertEquals(List.of(GAS, FIRE), t.departments());
        }

        @Test
        void coordinatorRejectsFromSubmittedAndFromVerified() {
            for (TicketState from : List.of(TicketState.SUBMITTED, TicketState.VERIFIED)) {
                TicketView t = drive.closedLoop(from, DRIVER);
                TicketView r = engine.handle(new Reject(city.cmd(), COORDINATOR, t.ticketId(), "private property"));
                assertEquals(TicketState.REJECTED, r.state(), "reject from " + from);
                assertTrue(r.terminal());
            }
        }

        @Test
        void coordinatorMergesFromSubmittedAndFromVerified_duplicateReporterFollowsTheOriginal() {
            TicketId original = drive.mergeTarget();
            List<Actor> reporters = List.of(DRIVER, RIDER);
            List<TicketState> froms = List.of(TicketState.SUBMITTED, TicketState.VERIFIED);
            for (int i = 0; i < froms.size(); i++) {
                TicketView t = drive.closedLoop(froms.get(i), reporters.get(i));
                TicketView m = engine.handle(new Merge(city.cmd(), COORDINATOR, t.ticketId(), original));
                assertEquals(TicketState.MERGED, m.state(), "merge from " + froms.get(i));
                assertTrue(m.terminal());
                assertEquals(original, m.mergedInto());
            }
            TicketView target = engine.ticket(original);
            assertEquals(List.of(DRIVER.id(), RIDER.id()), target.meTooReporters());
            assertEquals(TicketState.SUBMITTED, target.state(), "a me-too does not move the original");
        }

        @Test
        void reporterCancelsSubmittedReport() {
            TicketView t = drive.closedLoop(TicketState.SUBMITTED, DRIVER);
            TicketView c = engine.handle(new Cancel(city.cmd(), DRIVER, t.ticketId(), "cover was put back"));
            assertEquals(TicketState.CANCELLED, c.state());
            assertTrue(c.terminal());
        }

        @Test
        void communityStaffClaimDispatchedTicket() {
            TicketView t = drive.closedLoop(TicketState.DISPATCHED, DRIVER);
            TicketView c = engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, t.ticketId()));
            assertEquals(TicketState.CLAIMED, c.state());
            assertTrue(c.deadline("claim").isEmpty(), "claiming stops the claim deadline");
        }

        @Test
        void jointAccept_inHandlingOnlyOnceEveryAssignedDepartmentAccepted() {
            TicketView t = flyingWireClaimed();
            TicketView first = engine.handle(new Accept(city.cmd(), URBAN_HANDLER, t.ticketId()));
            assertEquals(TicketState.CLAIMED, first.state(), "fire has not accepted yet");
            assertEquals(Set.of(URBAN), first.accepted());

            // The same department accepting twice does not count as the other one.
            StoreSnapshot before = StoreSnapshot.of(city.store);
            assertThrows(InvalidInput.class, () -> engine.handle(new Accept(city.cmd(), URBAN_HANDLER, t.ticketId())));
            assertEquals(before, StoreSnapshot.of(city.store));

            TicketView both = engine.handle(new Accept(city.cmd(), FIRE_HANDLER, t.ticketId()));
            assertEquals(TicketState.IN_HANDLING, both.state());
            assertEquals(Set.of(URBAN, FIRE), both.accepted());
        }

        @Test
        void jointResolve_resolvedOnlyOnceEveryAssignedDepartmentResolved() {
            TicketView t = flyingWireClaimed();
            engine.handle(new Accept(city.cmd(), FIRE_HANDLER, t.ticketId()));
            engine.handle(new Accept(city.cmd(), URBAN_HANDLER, t.ticketId()));
            TicketView first = engine.handle(new Resolve(city.cmd(), FIRE_HANDLER, t.ticketId(), "cable removed", List.of()));
            assertEquals(TicketState.IN_HANDLING, first.state(), "urban management has not resolved yet");
            assertEquals(Set.of(FIRE), first.resolved());
            TicketView both = engine.handle(new Resolve(city.cmd(), URBAN_HANDLER, t.ticketId(), "charging point installed", List.of()));
            assertEquals(TicketState.RESOLVED, both.state());
            assertTrue(both.deadline("feedback").isPresent(), "resolving starts the reporter's feedback window");
        }

        @Test
        void departmentNotesProgress_ticketStaysInHandling() {
            TicketView t = drive.closedLoop(TicketState.IN_HANDLING, DRIVER);
            TicketView n = engine.handle(new NoteProgress(city.cmd(), MUNICIPAL_HANDLER, t.ticketId(), "new cover ordered"));
            assertEquals(TicketState.IN_HANDLING, n.state());
            assertEquals(t.version() + 1, n.version());
        }

        @Test
        void returnFromDispatchedClaimedAndInHandling_backToVerifiedWithReturnCountKept() {
            TicketView t = drive.closedLoop(TicketState.DISPATCHED, DRIVER);
            TicketId id = t.ticketId();

            TicketView r1 = engine.handle(new Return(city.cmd(), YUANHANG_STAFF, id, "not our community"));
            assertEquals(TicketState.VERIFIED, r1.state());
            assertEquals(1, r1.returnCount());

            redispatch(id);
            engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, id));
            TicketView r2 = engine.handle(new Return(city.cmd(), YUANHANG_STAFF, id, "needs the housing bureau"));
            assertEquals(TicketState.VERIFIED, r2.state());
            assertEquals(2, r2.returnCount());

            redispatch(id);
            engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, id));
            engine.handle(new Accept(city.cmd(), MUNICIPAL_HANDLER, id));
            TicketView r3 = engine.handle(new Return(city.cmd(), MUNICIPAL_HANDLER, id, "cover belongs to the telecom operator"));
            assertEquals(TicketState.VERIFIED, r3.state());
            assertEquals(3, r3.returnCount());
            assertTrue(r3.accepted().isEmpty(), "a return clears the departments' acceptances");

            TicketView closed = city.confirm(engine, city.resolve(engine, redispatch(id), List.of(MUNICIPAL_HANDLER)), DRIVER);
            assertEquals(TicketState.CLOSED, closed.state());
            assertEquals(3, closed.returnCount(), "the return count survives to the end");
        }

        @Test
        void reporterConfirmsWithSatisfaction_ticketIsClosed() {
            TicketView t = drive.closedLoop(TicketState.RESOLVED, DRIVER);
            TicketView c = engine.handle(new Confirm(city.cmd(), DRIVER, t.ticketId(), Satisfaction.BASICALLY_SATISFIED, "ok"));
            assertEquals(TicketState.CLOSED, c.state());
            assertTrue(c.terminal());
            assertEquals(Satisfaction.BASICALLY_SATISFIED, c.satisfaction());
            assertTrue(c.deadlines().isEmpty());
        }

        @Test
        void unsatisfiedReporterReopens_backToDispatchedWithRedoCountKept() {
            TicketView t = drive.closedLoop(TicketState.RESOLVED, DRIVER);
            TicketId id = t.ticketId();
            TicketView r1 = engine.handle(new Reopen(city.cmd(), DRIVER, id, "still wobbles"));
            assertEquals(TicketState.DISPATCHED, r1.state());
            assertEquals(1, r1.redoCount());
            assertEquals(YUANHANG, r1.community(), "reopened to the same community");
            assertEquals(List.of(MUNICIPAL), r1.departments());
            assertTrue(r1.accepted().isEmpty() && r1.resolved().isEmpty());

            city.resolve(engine, r1, List.of(MUNICIPAL_HANDLER));
            TicketView r2 = engine.handle(new Reopen(city.cmd(), DRIVER, id, "wobbles again"));
            assertEquals(2, r2.redoCount());

            TicketView closed = city.confirm(engine, city.resolve(engine, r2, List.of(MUNICIPAL_HANDLER)), DRIVER);
            assertEquals(TicketState.CLOSED, closed.state());
            assertEquals(2, closed.redoCount());
        }

        @Test
        void supervisorEscalatesInEveryOpenState_sameStateOneLevelHigher() {
            for (TicketState s : List.of(TicketState.SUBMITTED, TicketState.VERIFIED, TicketState.DISPATCHED,
                    TicketState.CLAIMED, TicketState.IN_HANDLING, TicketState.RESOLVED)) {
                TicketView t = drive.closedLoop(s, DRIVER);
                TicketView e1 = engine.handle(new Escalate(city.cmd(), SUPERVISOR, t.ticketId(), "slow"));
                assertEquals(s, e1.state(), "escalation keeps the state");
                assertEquals(1, e1.supervisionLevel());
                TicketView e2 = engine.handle(new Escalate(city.cmd(), SUPERVISOR, t.ticketId(), "still slow"));
                assertEquals(s, e2.state());
                assertEquals(2, e2.supervisionLevel());
            }
        }

        @Test
        void manholeReportedByDriverRunsTheWholeLoopToClosed() {
            TicketView closed = drive.closedLoop(TicketState.CLOSED, DRIVER);
            List<TicketState> states = engine.history(closed.ticketId()).stream().map(TimelineEntry::state).toList();
            assertEquals(List.of(TicketState.SUBMITTED, TicketState.VERIFIED, TicketState.DISPATCHED, TicketState.CLAIMED,
                    TicketState.IN_HANDLING, TicketState.RESOLVED, TicketState.CLOSED), states);
        }

        private TicketView flyingWireClaimed() {
            TicketView t = engine.handle(city.report(RIDER, FLYING_WIRE, GRID_6));
            engine.handle(new Verify(city.cmd(), GRID6_STAFF, t.ticketId(), VerificationMethod.ON_SITE, null));
            engine.handle(new Dispatch(city.cmd(), COORDINATOR, t.ticketId(), YUANHANG, URBAN, List.of(FIRE), "flying wire"));
            return engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, t.ticketId()));
        }

        private TicketView redispatch(TicketId id) {
            return engine.handle(new Dispatch(city.cmd(), COORDINATOR, id, YUANHANG, MUNICIPAL, List.of(), "again"));
        }
    }

    // ------------------------------------------------------------------ grievance: allowed

    @Nested
    class GrievanceAllowed {

        @Test
        void riderAsksForRestPlace_serviceCentreAcceptsAnswers_riderConfirmsSatisfied() {
            TicketView t = engine.handle(city.report(RIDER, SeedCity.REST_PLACE, GRID_6));
            assertEquals(Category.GRIEVANCE, t.workflow());
            assertEquals(TicketState.SUBMITTED, t.state());
            TicketView a = engine.handle(new Accept(city.cmd(), YUANHANG_STAFF, t.ticketId()));
            assertEquals(TicketState.ACCEPTED, a.state());
            TicketView ans = engine.handle(new Answer(city.cmd(), COORDINATOR, t.ticketId(), "station 南六街 opens 24 h"));
            assertEquals(TicketState.ANSWERED, ans.state());
            TicketView c = engine.handle(new Confirm(city.cmd(), RIDER, t.ticketId(), Satisfaction.SATISFIED, null));
            assertEquals(TicketState.CLOSED, c.state());
            assertTrue(c.terminal());
            assertEquals(Satisfaction.SATISFIED, c.satisfaction());
        }

        @Test
        void unsatisfiedWorkerReopens_backToAcceptedWithRedoCount_thenAnsweredAgain() {
            TicketView t = drive.grievance(TicketState.ANSWERED, RIDER);
            TicketView r = engine.handle(new Reopen(city.cmd(), RIDER, t.ticketId(), "station is always full"));
            assertEquals(TicketState.ACCEPTED, r.state());
            assertEquals(1, r.redoCount());
            TicketView again = engine.handle(new Answer(city.cmd(), YUANHANG_STAFF, t.ticketId(), "a second station opens"));
            assertEquals(TicketState.ANSWERED, again.state());
            assertEquals(1, again.redoCount());
        }

        @Test
        void workerCancelsSubmittedGrievance() {
            TicketView t = drive.grievance(TicketState.SUBMITTED, RIDER);
            TicketView c = engine.handle(new Cancel(city.cmd(), RIDER, t.ticketId(), null));
            assertEquals(TicketState.CANCELLED, c.state());
            assertTrue(c.terminal());
        }

        @Test
        void supervisorEscalatesOpenGrievance() {
            for (TicketState s : List.of(TicketState.SUBMITTED, TicketState.ACCEPTED, TicketState.ANSWERED)) {
                TicketView t = drive.grievance(s, RIDER);
                TicketView e = engine.handle(new Escalate(city.cmd(), SUPERVISOR, t.ticketId(), "no answer"));
                assertEquals(s, e.state());
                assertEquals(1, e.supervisionLevel());
            }
        }

        @Test
        void grievanceIsNeverDispatchedToDepartments() {
            TicketView t = drive.grievance(TicketState.CLOSED, RESIDENT);
            assertNull(t.community());
            assertTrue(t.departments().isEmpty());
        }
    }

    // ------------------------------------------------------------------ disallowed

    @TestFactory
    Stream<DynamicTest> closedLoopRefusesEveryCommandItsStateDoesNotAllow() {
        return refusals(Category.CLOSED_LOOP, CLOSED_LOOP_ALLOWED, (d, s) -> d.closedLoop(s, DRIVER));
    }

    @TestFactory
    Stream<DynamicTest> grievanceRefusesEveryCommandItsStateDoesNotAllow() {
        return refusals(Category.GRIEVANCE, GRIEVANCE_ALLOWED, (d, s) -> d.grievance(s, RIDER));
    }

    /**
     * One dynamic test per (state, command) the state does not allow: the states come from the
     * workflow, the commands from the engine's command list, the verdict from the hand-written table.
     */
    private static Stream<DynamicTest> refusals(String workflowId, Map<TicketState, Set<String>> allowed,
            BiFunction<TicketDriver, TicketState, TicketView> toState) {
        Workflow wf = new SeedCity().engine().workflow(workflowId);
        List<DynamicTest> tests = new ArrayList<>();
        for (TicketState state : wf.states()) {
            Set<String> expectedAllowed = allowed.get(state);
            for (String command : ticketCommands()) {
                if (expectedAllowed.contains(command)) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(state + " refuses " + command,
                        () -> assertRefused(workflowId, state, command, expectedAllowed, toState)));
            }
        }
        return tests.stream();
    }

    private static void assertRefused(String workflowId, TicketState state, String command, Set<String> expectedAllowed,
            BiFunction<TicketDriver, TicketState, TicketView> toState) {
        SeedCity c = new SeedCity();
        TicketDriver d = new TicketDriver(c, c.engine());
        TicketView t = toState.apply(d, state);
        assertEquals(state, t.state());
        Actor reporter = workflowId.equals(Category.GRIEVANCE) ? RIDER : DRIVER;
        // Built before the snapshot: a merge command creates its target ticket once.
        TicketCommand cmd = d.command(command, c.cmd(), TicketDriver.rightfulActor(workflowId, command, reporter), t.ticketId());
        StoreSnapshot before = StoreSnapshot.of(c.store);

        TransitionNotAllowed e = assertThrows(TransitionNotAllowed.class, () -> d.engine.handle(cmd));

        assertEquals(state.name(), e.state());
        assertEquals(command, e.command());
        assertEquals(expectedAllowed, Set.copyOf(e.allowedCommands()));
        assertTrue(e.getMessage().contains(state.name()), e.getMessage());
        assertTrue(e.getMessage().contains("'" + command + "'"), e.getMessage());
        for (String a : expectedAllowed) {
            assertTrue(e.getMessage().contains(a), "message names allowed command " + a + ": " + e.getMessage());
        }
        assertEquals(before, StoreSnapshot.of(c.store), "store unchanged");
        assertEquals(before.eventCount(), StoreSnapshot.of(c.store).eventCount());
        assertEquals(t.version(), d.engine.ticket(t.ticketId()).version());
        assertEquals(t, d.engine.ticket(t.ticketId()));
    }
}
