package dev.civicloop.members.internal;

import dev.civicloop.members.Activity;
import dev.civicloop.members.ActivityEvent;
import dev.civicloop.members.ActivityId;
import dev.civicloop.members.ActivityRefused;
import dev.civicloop.members.ActivityView;
import dev.civicloop.members.CommunityStatistics;
import dev.civicloop.members.MemberLookup;
import dev.civicloop.members.ServiceTask;
import dev.civicloop.members.ServiceTaskView;
import dev.civicloop.members.TaskBoard;
import dev.civicloop.members.TaskClaim;
import dev.civicloop.members.TaskEvent;
import dev.civicloop.members.TaskId;
import dev.civicloop.members.TaskRefused;
import dev.civicloop.members.TeamEvent;
import dev.civicloop.members.TeamId;
import dev.civicloop.members.TeamView;
import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.DuplicateCommand;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotAuthorized;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.member.MemberAppend;
import dev.civicloop.spi.member.MemberEnvelope;
import dev.civicloop.spi.member.MemberEvent;
import dev.civicloop.spi.member.MemberStore;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorDirectory;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.GeoPoint;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TaskBoard}: every change loads its stream, decides on the state folded from it and
 * appends at the version it read. A {@link ConcurrencyConflict} means another change got there
 * first; the decision is taken again on the new state, so a slot is never given twice.
 */
public final class TaskBoardEngine implements TaskBoard {
    private static final Logger log = LoggerFactory.getLogger(TaskBoardEngine.class);
    /** Each conflict means another writer succeeded, so this bounds the retries of a fair race. */
    private static final int MAX_ATTEMPTS = 200;
    private static final double EARTH_RADIUS_METRES = 6_371_008.8;
    private static final BigDecimal MAX_HOURS = BigDecimal.valueOf(24);

    private final MemberStore store;
    private final MemberLookup members;
    private final Clock clock;
    private final Map<OrgUnitId, OrgUnitId> parents = new HashMap<>();
    private final ActorDirectory actors;
    private final CommunityStatisticsProjection statistics;

    public TaskBoardEngine(MemberStore store, MemberLookup members, Clock clock, List<OrgUnit> orgUnits,
            ActorDirectory actors) {
        this.store = store;
        this.members = members;
        this.clock = clock;
        this.actors = actors;
        for (OrgUnit u : orgUnits) {
            if (u.parent() != null) {
                parents.put(u.id(), u.parent());
            }
        }
        this.statistics = new CommunityStatisticsProjection(store);
    }

    // ---- teams

    @Override
    public TeamView createTeam(CommandId command, Actor staff, TeamId team, OrgUnitId community, String name) {
        required("team", team);
        required("community", community);
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidInput("name", "must be 1 to 100 characters");
        }
        requireStaff(staff, community, "create a team");
        return write(team.stream(), command, staff.id(), TeamEvent.Created.class, TaskFolds::team, stream -> {
            if (!stream.isEmpty()) {
                throw new InvalidInput("team", "team " + team + " already exists");
            }
            return List.of(new TeamEvent.Created(team, community, name));
        });
    }

    @Override
    public TeamView addTeamMember(CommandId command, Actor staff, TeamId team, ActorId member) {
        TeamView t = team(team);
        requireStaff(staff, t.community(), "add a member to team " + team);
        requireActiveMember(member, t.community(), "join team " + team);
        return write(team.stream(), command, staff.id(), TeamEvent.MemberAdded.class, TaskFolds::team, stream -> {
            if (TaskFolds.team(stream).members().contains(member)) {
                return List.of();
            }
            return List.of(new TeamEvent.MemberAdded(team, t.community(), member));
        });
    }

    @Override
    public TeamView removeTeamMember(CommandId command, Actor staff, TeamId team, ActorId member) {
        TeamView t = team(team);
        requireStaff(staff, t.community(), "remove a member from team " + team);
        required("member", member);
        return write(team.stream(), command, staff.id(), TeamEvent.MemberRemoved.class, TaskFolds::team, stream -> {
            TeamView now = TaskFolds.team(stream);
            if (!now.members().contains(member)) {
                throw new InvalidInput("member", member + " is not a member of team " + team);
            }
            if (member.equals(now.leader())) {
                throw new InvalidInput("member", member + " leads team " + team + "; appoint another leader first");
            }
            return List.of(new TeamEvent.MemberRemoved(team, t.community(), member));
        });
    }

    @Override
    public TeamView appointTeamLeader(CommandId command, Actor staff, TeamId team, ActorId member) {
        TeamView t = team(team);
        requireStaff(staff, t.community(), "appoint the leader of team " + team);
        required("member", member);
        return write(team.stream(), command, staff.id(), TeamEvent.LeaderAppointed.class, TaskFolds::team, stream -> {
            TeamView now = TaskFolds.team(stream);
            if (!now.members().contains(member)) {
                throw new InvalidInput("leader", "must be a member of team " + team + "; " + member + " is not");
            }
            return member.equals(now.leader()) ? List.of() : List.of(new TeamEvent.LeaderAppointed(team, t.community(), member));
        });
    }

    @Override
    public TeamView team(TeamId team) {
        required("team", team);
        TeamView v = TaskFolds.team(store.load(team.stream()));
        if (v == null) {
            throw new NotFound("team " + team);
        }
        return v;
    }

    // ---- service tasks

    @Override
    public ServiceTaskView publishTask(CommandId command, Actor staff, ServiceTask task) {
        required("task", task);
        requireStaff(staff, task.community(), "publish a service task");
        return write(task.id().stream(), command, staff.id(), TaskEvent.Published.class, TaskFolds::task, stream -> {
            if (!stream.isEmpty()) {
                throw new InvalidInput("task", "task " + task.id() + " already exists");
            }
            return List.of(new TaskEvent.Published(task));
        });
    }

    @Override
    public ServiceTaskView claimTask(CommandId command, ActorId member, TaskId task) {
        ServiceTask spec = task(task).task();
        requireActiveMember(member, spec.community(), "claim task " + task);
        return write(task.stream(), command, member, TaskEvent.Claimed.class, TaskFolds::task, stream -> {
            ServiceTaskView now = TaskFolds.task(stream);
            if (now.claimOf(member).isPresent()) {
                throw new TaskRefused(TaskRefused.Reason.ALREADY_CLAIMED, task, member + " already holds a claim");
            }
            if (!clock.instant().isBefore(spec.until())) {
                throw new TaskRefused(TaskRefused.Reason.OUTSIDE_TIME_WINDOW, task, "the window closed at " + spec.until());
            }
            if (now.slotsLeft() <= 0) {
                throw new TaskRefused(TaskRefused.Reason.NO_SLOT_LEFT, task,
                        "no slot left (all " + spec.slots() + " are claimed)");
            }
            return List.of(new TaskEvent.Claimed(task, spec.community(), member));
        });
    }

    @Override
    public ServiceTaskView releaseTask(CommandId command, ActorId member, TaskId task) {
        ServiceTask spec = task(task).task();
        required("member", member);
        return write(task.stream(), command, member, TaskEvent.Released.class, TaskFolds::task, stream -> {
            TaskClaim c = claim(TaskFolds.task(stream), member, task);
            step(c, TaskClaim.Status.CLAIMED, task, "release");
            return List.of(new TaskEvent.Released(task, spec.community(), member));
        });
    }

    @Override
    public ServiceTaskView checkIn(CommandId command, ActorId member, TaskId task, GeoPoint position) {
        ServiceTask spec = task(task).task();
        requireActiveMember(member, spec.community(), "check in to task " + task);
        Long distance = distance(spec, position, "check-in");
        return write(task.stream(), command, member, TaskEvent.CheckedIn.class, TaskFolds::task, stream -> {
            TaskClaim c = claim(TaskFolds.task(stream), member, task);
            step(c, TaskClaim.Status.CLAIMED, task, "check-in");
            Instant now = clock.instant();
            if (now.isBefore(spec.from()) || !now.isBefore(spec.until())) {
                throw new TaskRefused(TaskRefused.Reason.OUTSIDE_TIME_WINDOW, task, "check-in at " + now
                        + " is outside the window " + spec.from() + " – " + spec.until());
            }
            return List.of(new TaskEvent.CheckedIn(task, spec.community(), member, distance));
        });
    }

    @Override
    public ServiceTaskView checkOut(CommandId command, ActorId member, TaskId task, GeoPoint position) {
        ServiceTask spec = task(task).task();
        requireActiveMember(member, spec.community(), "check out of task " + task);
        Long distance = distance(spec, position, "check-out");
        return write(task.stream(), command, member, TaskEvent.CheckedOut.class, TaskFolds::task, stream -> {
            TaskClaim c = claim(TaskFolds.task(stream), member, task);
            step(c, TaskClaim.Status.CHECKED_IN, task, "check-out");
            return List.of(new TaskEvent.CheckedOut(task, spec.community(), member, distance));
        });
    }

    @Override
    public ServiceTaskView confirmTask(CommandId command, Actor staff, TaskId task, ActorId member, BigDecimal hours) {
        ServiceTask spec = task(task).task();
        requireStaff(staff, spec.community(), "confirm task " + task);
        required("member", member);
        BigDecimal adjusted = null;
        if (hours != null) {
            if (hours.signum() < 0 || hours.compareTo(MAX_HOURS) > 0) {
                throw new InvalidInput("hours", "must be between 0 and 24, was " + hours.toPlainString());
            }
            adjusted = hours.setScale(1, RoundingMode.HALF_UP);
        }
        BigDecimal staffHours = adjusted;
        return write(task.stream(), command, staff.id(), TaskEvent.Completed.class, TaskFolds::task, stream -> {
            TaskClaim c = claim(TaskFolds.task(stream), member, task);
            step(c, TaskClaim.Status.CHECKED_OUT, task, "confirmation");
            BigDecimal h = staffHours != null ? staffHours : hoursBetween(c.checkedInAt(), c.checkedOutAt());
            return List.of(new TaskEvent.Completed(task, spec.community(), spec.kind(), member, h, staffHours != null));
        });
    }

    @Override
    public ServiceTaskView task(TaskId task) {
        required("task", task);
        ServiceTaskView v = TaskFolds.task(store.load(task.stream()));
        if (v == null) {
            throw new NotFound("task " + task);
        }
        return v;
    }

    // ---- activities

    @Override
    public ActivityView publishActivity(CommandId command, Actor staff, Activity activity) {
        required("activity", activity);
        requireStaff(staff, activity.community(), "publish an activity");
        return write(activity.id().stream(), command, staff.id(), ActivityEvent.Published.class, TaskFolds::activity,
                stream -> {
                    if (!stream.isEmpty()) {
                        throw new InvalidInput("activity", "activity " + activity.id() + " already exists");
                    }
                    return List.of(new ActivityEvent.Published(activity));
                });
    }

    @Override
    public ActivityView signUp(CommandId command, ActorId member, ActivityId activity) {
        Activity spec = activity(activity).activity();
        requireActiveMember(member, spec.community(), "sign up for activity " + activity);
        return write(activity.stream(), command, member, ActivityEvent.SignedUp.class, TaskFolds::activity, stream -> {
            ActivityView now = TaskFolds.activity(stream);
            if (now.signedUp().contains(member)) {
                throw new ActivityRefused(ActivityRefused.Reason.ALREADY_SIGNED_UP, activity, member + " already signed up");
            }
            if (!clock.instant().isBefore(spec.until())) {
                throw new ActivityRefused(ActivityRefused.Reason.OUTSIDE_TIME_WINDOW, activity,
                        "it ended at " + spec.until());
            }
            if (now.placesLeft() <= 0) {
                throw new ActivityRefused(ActivityRefused.Reason.NO_PLACE_LEFT, activity,
                        "no place left (all " + spec.capacity() + " are taken)");
            }
            return List.of(new ActivityEvent.SignedUp(activity, spec.community(), member));
        });
    }

    @Override
    public ActivityView withdraw(CommandId command, ActorId member, ActivityId activity) {
        Activity spec = activity(activity).activity();
        required("member", member);
        return write(activity.stream(), command, member, ActivityEvent.Withdrawn.class, TaskFolds::activity, stream -> {
            ActivityView now = TaskFolds.activity(stream);
            if (now.attended().contains(member)) {
                throw new ActivityRefused(ActivityRefused.Reason.ALREADY_ATTENDED, activity,
                        member + " attended; the attendance stands");
            }
            if (!now.signedUp().contains(member)) {
                throw new ActivityRefused(ActivityRefused.Reason.NOT_SIGNED_UP, activity, member + " did not sign up");
            }
            return List.of(new ActivityEvent.Withdrawn(activity, spec.community(), member));
        });
    }

    @Override
    public ActivityView takeAttendance(CommandId command, Actor staff, ActivityId activity, Set<ActorId> present) {
        Activity spec = activity(activity).activity();
        requireStaff(staff, spec.community(), "take attendance of activity " + activity);
        required("present", present);
        if (present.isEmpty() || present.stream().anyMatch(m -> m == null)) {
            throw new InvalidInput("present", "must name at least one member, and no null");
        }
        BigDecimal hours = hoursBetween(spec.from(), spec.until());
        return write(activity.stream(), command, staff.id(), ActivityEvent.Attended.class, TaskFolds::activity,
                stream -> {
                    ActivityView now = TaskFolds.activity(stream);
                    if (clock.instant().isBefore(spec.from())) {
                        throw new ActivityRefused(ActivityRefused.Reason.OUTSIDE_TIME_WINDOW, activity,
                                "attendance is taken once it begins, at " + spec.from());
                    }
                    Set<ActorId> strangers = new TreeSet<>(present);
                    strangers.removeAll(now.signedUp());
                    if (!strangers.isEmpty()) {
                        throw new ActivityRefused(ActivityRefused.Reason.NOT_SIGNED_UP, activity,
                                "did not sign up: " + strangers);
                    }
                    List<MemberEvent> out = new ArrayList<>();
                    for (ActorId m : new TreeSet<>(present)) {
                        if (!now.attended().contains(m)) {
                            out.add(new ActivityEvent.Attended(activity, spec.community(), spec.kind(), m, hours));
                        }
                    }
                    return out;
                });
    }

    @Override
    public ActivityView activity(ActivityId activity) {
        required("activity", activity);
        ActivityView v = TaskFolds.activity(store.load(activity.stream()));
        if (v == null) {
            throw new NotFound("activity " + activity);
        }
        return v;
    }

    // ---- statistics

    @Override
    public CommunityStatistics statistics(OrgUnitId community, Instant from, Instant to) {
        required("community", community);
        required("from", from);
        required("to", to);
        if (!from.isBefore(to)) {
            throw new InvalidInput("to", "must be after from (" + from + "), was " + to);
        }
        return statistics.compute(community, from, to, members);
    }

    // ---- the write loop

    /**
     * Loads the stream, decides, appends at the version read; on a conflict decides again. A command
     * id already used on this stream for the same kind of change by the same actor returns the view.
     */
    private <V> V write(String stream, CommandId command, ActorId actor, Class<? extends MemberEvent> kind,
            Function<List<MemberEnvelope>, V> view, Function<List<MemberEnvelope>, List<MemberEvent>> decide) {
        required("command", command);
        for (int attempt = 1; ; attempt++) {
            if (isRepeat(stream, command, actor, kind)) {
                return view.apply(store.load(stream));
            }
            List<MemberEnvelope> events = store.load(stream);
            List<MemberEvent> decided = decide.apply(events);
            if (decided.isEmpty()) {
                return view.apply(events);
            }
            Instant now = clock.instant();
            List<MemberEnvelope> appended = new ArrayList<>();
            for (MemberEvent e : decided) {
                appended.add(new MemberEnvelope(stream, events.size() + 1 + appended.size(), now, actor, command, e));
            }
            try {
                store.append(new MemberAppend(stream, events.size(), appended));
                log.debug("{} {} by {}", stream, decided.get(0).type(), actor);
                List<MemberEnvelope> after = new ArrayList<>(events);
                after.addAll(appended);
                return view.apply(after);
            } catch (ConcurrencyConflict e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            } catch (DuplicateCommand e) {
                if (!isRepeat(stream, command, actor, kind)) {
                    throw e;
                }
                return view.apply(store.load(stream));
            }
        }
    }

    private boolean isRepeat(String stream, CommandId command, ActorId actor, Class<? extends MemberEvent> kind) {
        List<MemberEnvelope> earlier = store.byCommand(command);
        if (earlier.isEmpty()) {
            return false;
        }
        MemberEnvelope first = earlier.get(0);
        if (first.stream().equals(stream) && first.actor().equals(actor) && kind.isInstance(first.event())) {
            return true;
        }
        throw new DuplicateCommand(command.value(), "was used for " + first.event().type() + " on " + first.stream());
    }

    // ---- rules shared by the steps

    private static TaskClaim claim(ServiceTaskView task, ActorId member, TaskId id) {
        return task.claimOf(member).orElseThrow(() -> new TaskRefused(TaskRefused.Reason.NOT_CLAIMED, id,
                member + " holds no claim on it"));
    }

    private static void step(TaskClaim claim, TaskClaim.Status needed, TaskId task, String what) {
        if (claim.status() != needed) {
            throw new TaskRefused(TaskRefused.Reason.WRONG_STEP, task, what + " needs a claim that is " + needed + "; "
                    + claim.member() + "'s is " + claim.status());
        }
    }

    /** Hours between two instants, rounded half up to 0.1 h. */
    static BigDecimal hoursBetween(Instant from, Instant to) {
        long seconds = Duration.between(from, to).getSeconds();
        return BigDecimal.valueOf(Math.max(0, seconds)).divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP);
    }

    /** The distance to the task's place in whole metres when the task checks it (null when it does not). */
    private static Long distance(ServiceTask task, GeoPoint position, String step) {
        if (task.checkInWithinMetres() == null) {
            return null;
        }
        if (position == null) {
            throw new InvalidInput("position", step + " of task " + task.id() + " needs a position (within "
                    + task.checkInWithinMetres() + " m of the place)");
        }
        GeoPoint place = task.place().point();
        if (position.system() != place.system()) {
            throw new InvalidInput("position", "must be in " + place.system() + " like the task's place, was "
                    + position.system());
        }
        long metres = Math.round(haversine(place, position));
        if (metres > task.checkInWithinMetres()) {
            throw TaskRefused.tooFar(task.id(), step, metres, task.checkInWithinMetres());
        }
        return metres;
    }

    private static double haversine(GeoPoint a, GeoPoint b) {
        double lat1 = Math.toRadians(a.latitude());
        double lat2 = Math.toRadians(b.latitude());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    private void requireStaff(Actor given, OrgUnitId community, String action) {
        required("staff", given);
        Actor staff = actors == null ? given : actors.find(given.id()).orElseThrow(() -> new NotAuthorized(
                "actor " + given.id() + " may not " + action + ": not known to the city's directory, or not active"));
        if (!staff.hasRole(Role.COMMUNITY_STAFF) || !covers(staff.orgScope(), community)) {
            throw new NotAuthorized("actor " + staff.id() + " may not " + action + " in " + community
                    + ": needs COMMUNITY_STAFF with " + community + " (or a unit above it) in scope");
        }
    }

    private boolean covers(Set<OrgUnitId> scope, OrgUnitId unit) {
        for (OrgUnitId u = unit; u != null; u = parents.get(u)) {
            if (scope.contains(u)) {
                return true;
            }
        }
        return false;
    }

    private void requireActiveMember(ActorId member, OrgUnitId community, String action) {
        required("member", member);
        MemberLookup.Standing s = members.find(member).orElseThrow(() -> new NotAuthorized(
                "member " + member + " may not " + action + ": not enrolled"));
        if (!s.active()) {
            throw new NotAuthorized("member " + member + " may not " + action + ": not active (suspended, left or not approved)");
        }
        if (!s.community().equals(community)) {
            throw new NotAuthorized("member " + member + " may not " + action + ": serves " + s.community() + ", not "
                    + community);
        }
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidInput(field, "is required");
        }
        return value;
    }
}
