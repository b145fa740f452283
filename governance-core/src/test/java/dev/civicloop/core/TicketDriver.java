package dev.civicloop.core;

import static dev.civicloop.core.SeedCity.COORDINATOR;
import static dev.civicloop.core.SeedCity.GRID6_STAFF;
import static dev.civicloop.core.SeedCity.GRID_6;
import static dev.civicloop.core.SeedCity.MANHOLE;
import static dev.civicloop.core.SeedCity.MUNICIPAL;
import static dev.civicloop.core.SeedCity.MUNICIPAL_HANDLER;
import static dev.civicloop.core.SeedCity.RESIDENT;
import static dev.civicloop.core.SeedCity.REST_PLACE;
import static dev.civicloop.core.SeedCity.SUPERVISOR;
import static dev.civicloop.core.SeedCity.YUANHANG;
import static dev.civicloop.core.SeedCity.YUANHANG_STAFF;

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
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.Satisfaction;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import java.util.List;

/**
 * Brings a ticket of the seed city into any state of the two built-in workflows through the
 * public API, and builds any workflow command with a plain payload. Closed-loop tickets are broken
 * manhole covers in grid 6, dispatched to 远航社区 with the municipal facilities department as the
 * only department; grievances are rest-place requests in grid 6.
 */
final class TicketDriver {
    final SeedCity city;
    final GovernanceEngine engine;
    private TicketId mergeTarget;

    TicketDriver(SeedCity city, GovernanceEngine engine) {
        this.city = city;
        this.engine = engine;
    }

    /** An open manhole ticket reported by a resident, for merges; created once. */
    TicketId mergeTarget() {
        if (mergeTarget == null) {
            mergeTarget = engine.handle(city.report(RESIDENT, MANHOLE, GRID_6)).ticketId();
        }
        return mergeTarget;
    }

    /** A closed-loop manhole ticket by {@code reporter}, brought to {@code state}. */
    TicketView closedLoop(TicketState state, Actor reporter) {
        return closedLoop(state, reporter, MANHOLE);
    }

    TicketView closedLoop(TicketState state, Actor reporter, Category category) {
        if (state.equals(TicketState.MERGED)) {
            mergeTarget();
        }
        TicketView t = engine.handle(city.report(reporter, category, GRID_6));
        TicketId id = t.ticketId();
        switch (state.name()) {
            case "SUBMITTED":
                return t;
            case "REJECTED":
                return engine.handle(new Reject(city.cmd(), COORDINATOR, id, "not a public matter"));
            case "MERGED":
                return engine.handle(new Merge(city.cmd(), COORDINATOR, id, mergeTarget()));
            case "CANCELLED":
                return engine.handle(new Cancel(city.cmd(), reporter, id, "fixed it myself"));
            default:
                break;
        }
        t = engine.handle(new Verify(city.cmd(), GRID6_STAFF, id, VerificationMethod.BY_PHOTO, null));
        if (state.equals(TicketState.VERIFIED)) {
            return t;
        }
        t = engine.handle(new Dispatch(city.cmd(), COORDINATOR, id, YUANHANG, MUNICIPAL, List.of(), "grid 6 → 远航社区"));
        if (state.equals(TicketState.DISPATCHED)) {
            return t;
        }
        t = engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, id));
        if (state.equals(TicketState.CLAIMED)) {
            return t;
        }
        t = engine.handle(new Accept(city.cmd(), MUNICIPAL_HANDLER, id));
        if (state.equals(TicketState.IN_HANDLING)) {
            return t;
        }
        t = engine.handle(new Resolve(city.cmd(), MUNICIPAL_HANDLER, id, "cover replaced", List.of()));
        if (state.equals(TicketState.RESOLVED)) {
            return t;
        }
        t = engine.handle(new Confirm(city.cmd(), reporter, id, Satisfaction.SATISFIED, null));
        if (state.equals(TicketState.CLOSED)) {
            return t;
        }
        throw new IllegalArgumentException("no route to " + state + " in the closed loop");
    }

    /** A grievance (rest-place request) by {@code reporter}, brought to {@code state}. */
    TicketView grievance(TicketState state, Actor reporter) {
        TicketView t = engine.handle(city.report(reporter, REST_PLACE, GRID_6));
        TicketId id = t.ticketId();
        switch (state.name()) {
            case "SUBMITTED":
                return t;
            case "CANCELLED":
                return engine.handle(new Cancel(city.cmd(), reporter, id, null));
            default:
                break;
        }
        t = engine.handle(new Accept(city.cmd(), YUANHANG_STAFF, id));
        if (state.equals(TicketState.ACCEPTED)) {
            return t;
        }
        t = engine.handle(new Answer(city.cmd(), YUANHANG_STAFF, id, "the station on 南六街 is open 24 h"));
        if (state.equals(TicketState.ANSWERED)) {
            return t;
        }
        t = engine.handle(new Confirm(city.cmd(), reporter, id, Satisfaction.SATISFIED, null));
        if (state.equals(TicketState.CLOSED)) {
            return t;
        }
        throw new IllegalArgumentException("no route to " + state + " in the grievance workflow");
    }

    /** The actor DESIGN §4 names for a command on a closed-loop manhole ticket (or a grievance). */
    static Actor rightfulActor(String workflow, String command, Actor reporter) {
        switch (command) {
            case "verify":
            case "reject_as_false":
                return GRID6_STAFF;
            case "dispatch":
            case "reject":
            case "merge":
                return COORDINATOR;
            case "claim":
                return YUANHANG_STAFF;
            case "accept":
            case "note_progress":
            case "resolve":
                return workflow.equals(Category.GRIEVANCE) ? YUANHANG_STAFF : MUNICIPAL_HANDLER;
            case "return":
                return YUANHANG_STAFF;
            case "answer":
                return YUANHANG_STAFF;
            case "cancel":
            case "confirm":
            case "reopen":
                return reporter;
            case "escalate":
                return SUPERVISOR;
            default:
                throw new IllegalArgumentException("no actor for " + command);
        }
    }

    /** A command on {@code ticket} by {@code actor} with a plain, valid payload. */
    TicketCommand command(String command, CommandId id, Actor actor, TicketId ticket) {
        switch (command) {
            case "verify":
                return new Verify(id, actor, ticket, VerificationMethod.ON_SITE, "seen on site");
            case "reject_as_false":
                return new RejectAsFalse(id, actor, ticket, "nothing there");
            case "dispatch":
                return new Dispatch(id, actor, ticket, YUANHANG, MUNICIPAL, List.of(), "grid 6 → 远航社区");
            case "claim":
                return new Claim(id, actor, ticket);
            case "accept":
                return new Accept(id, actor, ticket);
            case "return":
                return new Return(id, actor, ticket, "not ours");
            case "note_progress":
                return new NoteProgress(id, actor, ticket, "parts ordered");
            case "resolve":
                return new Resolve(id, actor, ticket, "cover replaced", List.of());
            case "answer":
                return new Answer(id, actor, ticket, "answered");
            case "confirm":
                return new Confirm(id, actor, ticket, Satisfaction.SATISFIED, null);
            case "reopen":
                return new Reopen(id, actor, ticket, "still broken");
            case "reject":
                return new Reject(id, actor, ticket, "not a public matter");
            case "merge":
                return new Merge(id, actor, ticket, mergeTarget());
            case "cancel":
                return new Cancel(id, actor, ticket, "withdrawn");
            case "escalate":
                return new Escalate(id, actor, ticket, "resident complained twice");
            default:
                throw new IllegalArgumentException("no command " + command);
        }
    }
}
