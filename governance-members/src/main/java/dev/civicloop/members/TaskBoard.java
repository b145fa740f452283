package dev.civicloop.members;

import dev.civicloop.members.internal.TaskBoardEngine;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.member.MemberStore;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorDirectory;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.GeoPoint;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A community's board of teams (志愿服务队), service tasks (服务任务) and activities (志愿活动).
 * Staff ({@code COMMUNITY_STAFF} with the community, or a unit above it, in their org scope) form
 * teams and publish tasks and activities; active members of the community (asked of the
 * {@link MemberLookup}) claim, check in and out, sign up. Every change is appended to the
 * {@link MemberStore} under the version read, so a task's slots and an activity's places are never
 * oversubscribed, also under concurrent claims. Thread-safe.
 *
 * <p>Every change takes a {@link CommandId}: the same id again returns the current view and
 * changes nothing; the same id for another change is a {@link dev.civicloop.spi.DuplicateCommand}.
 *
 * <pre>{@code
 * TaskBoard board = TaskBoard.builder().store(memberStore).members(lookup).orgUnits(orgTree).build();
 * board.publishTask(CommandId.of("p-1"), staff, medicineTask);
 * board.claimTask(CommandId.of("c-1"), zhangGuolong, medicineTask.id());
 * board.checkIn(CommandId.of("i-1"), zhangGuolong, medicineTask.id(), GeoPoint.wgs84(46.5801, 124.8602));
 * board.checkOut(CommandId.of("o-1"), zhangGuolong, medicineTask.id(), GeoPoint.wgs84(46.5801, 124.8602));
 * board.confirmTask(CommandId.of("f-1"), staff, medicineTask.id(), zhangGuolong, null); // task.completed, 1.5 h
 * }</pre>
 *
 * @throws dev.civicloop.spi.NotAuthorized (every change) the actor is not staff of the community, or
 *     the member is not an active member of it
 * @throws dev.civicloop.spi.NotFound (every change) no team, task or activity with that id
 */
public interface TaskBoard {

    // ---- teams

    /** Forms a team of the community, e.g. "骑聚三营"; it starts with no members. */
    TeamView createTeam(CommandId command, Actor staff, TeamId team, OrgUnitId community, String name);

    /** Adds an active member of the team's community to the team. */
    TeamView addTeamMember(CommandId command, Actor staff, TeamId team, ActorId member);

    /** Removes a member; the leader cannot be removed before another leader is appointed. */
    TeamView removeTeamMember(CommandId command, Actor staff, TeamId team, ActorId member);

    /** Makes a member of the team its leader. */
    TeamView appointTeamLeader(CommandId command, Actor staff, TeamId team, ActorId member);

    TeamView team(TeamId team);

    // ---- service tasks

    /** Publishes a service task of the task's community. */
    ServiceTaskView publishTask(CommandId command, Actor staff, ServiceTask task);

    /**
     * The member takes a slot.
     *
     * @throws TaskRefused NO_SLOT_LEFT, ALREADY_CLAIMED, OUTSIDE_TIME_WINDOW (the window has closed)
     */
    ServiceTaskView claimTask(CommandId command, ActorId member, TaskId task);

    /**
     * The member gives the slot back, before checking in.
     *
     * @throws TaskRefused NOT_CLAIMED, WRONG_STEP
     */
    ServiceTaskView releaseTask(CommandId command, ActorId member, TaskId task);

    /**
     * The member starts, within the task's time window.
     *
     * @param position where the member is; required when the task checks the distance, else may be null
     * @throws TaskRefused NOT_CLAIMED, WRONG_STEP, OUTSIDE_TIME_WINDOW, TOO_FAR (naming the distance)
     */
    ServiceTaskView checkIn(CommandId command, ActorId member, TaskId task, GeoPoint position);

    /**
     * The member is done.
     *
     * @param position as for {@link #checkIn}
     * @throws TaskRefused NOT_CLAIMED, WRONG_STEP, TOO_FAR
     */
    ServiceTaskView checkOut(CommandId command, ActorId member, TaskId task, GeoPoint position);

    /**
     * Staff confirm a checked-out member's service: {@code task.completed} with the hours.
     *
     * @param hours null: check-out − check-in rounded to 0.1 h; else the hours staff set (0 to 24)
     * @throws TaskRefused NOT_CLAIMED, WRONG_STEP (not checked out, or already confirmed)
     */
    ServiceTaskView confirmTask(CommandId command, Actor staff, TaskId task, ActorId member, BigDecimal hours);

    ServiceTaskView task(TaskId task);

    // ---- activities

    /** Publishes an activity of the activity's community. */
    ActivityView publishActivity(CommandId command, Actor staff, Activity activity);

    /**
     * The member takes a place, until the activity ends.
     *
     * @throws ActivityRefused NO_PLACE_LEFT, ALREADY_SIGNED_UP, OUTSIDE_TIME_WINDOW
     */
    ActivityView signUp(CommandId command, ActorId member, ActivityId activity);

    /**
     * The member gives the place back.
     *
     * @throws ActivityRefused NOT_SIGNED_UP, ALREADY_ATTENDED
     */
    ActivityView withdraw(CommandId command, ActorId member, ActivityId activity);

    /**
     * Staff record who was present, once the activity has begun: {@code activity.attended} for each
     * one not yet recorded (taking attendance again for late arrivals records only them).
     *
     * @throws ActivityRefused NOT_SIGNED_UP (naming who), OUTSIDE_TIME_WINDOW (not begun yet)
     */
    ActivityView takeAttendance(CommandId command, Actor staff, ActivityId activity, Set<ActorId> present);

    ActivityView activity(ActivityId activity);

    // ---- statistics

    /** What the community's members did in {@code [from, to)}. */
    CommunityStatistics statistics(OrgUnitId community, Instant from, Instant to);

    static Builder builder() {
        return new Builder();
    }

    /** Wires a board. Required: a store and a member lookup. */
    final class Builder {
        private MemberStore store;
        private MemberLookup members;
        private Clock clock = Clock.systemUTC();
        private final List<OrgUnit> orgUnits = new ArrayList<>();
        private ActorDirectory actors;

        Builder() {}

        public Builder store(MemberStore store) {
            this.store = store;
            return this;
        }

        /** Who is an active member of which community. */
        public Builder members(MemberLookup members) {
            this.members = members;
            return this;
        }

        /** Default: the system clock in UTC. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * The org tree, so staff of a street cover its communities. Default: none, and staff must
         * have the community itself in scope.
         */
        public Builder orgUnits(List<OrgUnit> units) {
            this.orgUnits.addAll(units);
            return this;
        }

        /**
         * The city's directory: when set, staff are authorised as the directory knows them, not
         * with the roles the caller put in the {@link Actor}. Default: none.
         */
        public Builder actors(ActorDirectory directory) {
            this.actors = directory;
            return this;
        }

        public TaskBoard build() {
            if (store == null) {
                throw new InvalidConfiguration("task board: store(MemberStore) is required");
            }
            if (members == null) {
                throw new InvalidConfiguration("task board: members(MemberLookup) is required");
            }
            if (clock == null) {
                throw new InvalidConfiguration("task board: clock must not be null");
            }
            return new TaskBoardEngine(store, members, clock, orgUnits, actors);
        }
    }
}
