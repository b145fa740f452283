package dev.civicloop.members.internal;

import dev.civicloop.members.Activity;
import dev.civicloop.members.ActivityEvent;
import dev.civicloop.members.ActivityView;
import dev.civicloop.members.ServiceTask;
import dev.civicloop.members.ServiceTaskView;
import dev.civicloop.members.TaskClaim;
import dev.civicloop.members.TaskEvent;
import dev.civicloop.members.TeamEvent;
import dev.civicloop.members.TeamView;
import dev.civicloop.spi.member.MemberEnvelope;
import dev.civicloop.spi.member.MemberEvent;
import dev.civicloop.spi.model.ActorId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Folds a team's, task's or activity's stream into its view; null for an empty stream. */
final class TaskFolds {
    private TaskFolds() {}

    static TeamView team(List<MemberEnvelope> stream) {
        if (stream.isEmpty()) {
            return null;
        }
        TeamEvent.Created created = (TeamEvent.Created) expect(stream.get(0), TeamEvent.Created.class);
        Set<ActorId> members = new TreeSet<>();
        ActorId leader = null;
        for (MemberEnvelope env : stream.subList(1, stream.size())) {
            MemberEvent e = env.event();
            if (e instanceof TeamEvent.MemberAdded a) {
                members.add(a.member());
            } else if (e instanceof TeamEvent.MemberRemoved r) {
                members.remove(r.member());
            } else if (e instanceof TeamEvent.LeaderAppointed l) {
                leader = l.member();
            }
        }
        return new TeamView(created.team(), created.community(), created.name(), new TreeSet<>(members), leader,
                stream.size());
    }

    static ServiceTaskView task(List<MemberEnvelope> stream) {
        if (stream.isEmpty()) {
            return null;
        }
        ServiceTask spec = ((TaskEvent.Published) expect(stream.get(0), TaskEvent.Published.class)).spec();
        Map<ActorId, TaskClaim> claims = new LinkedHashMap<>();
        for (MemberEnvelope env : stream.subList(1, stream.size())) {
            MemberEvent e = env.event();
            if (e instanceof TaskEvent.Claimed c) {
                claims.put(c.member(), new TaskClaim(c.member(), TaskClaim.Status.CLAIMED, env.at(), null, null, null));
            } else if (e instanceof TaskEvent.Released r) {
                claims.remove(r.member());
            } else if (e instanceof TaskEvent.CheckedIn i) {
                TaskClaim c = claims.get(i.member());
                claims.put(i.member(), new TaskClaim(c.member(), TaskClaim.Status.CHECKED_IN, c.claimedAt(), env.at(), null,
                        null));
            } else if (e instanceof TaskEvent.CheckedOut o) {
                TaskClaim c = claims.get(o.member());
                claims.put(o.member(), new TaskClaim(c.member(), TaskClaim.Status.CHECKED_OUT, c.claimedAt(),
                        c.checkedInAt(), env.at(), null));
            } else if (e instanceof TaskEvent.Completed d) {
                TaskClaim c = claims.get(d.member());
                claims.put(d.member(), new TaskClaim(c.member(), TaskClaim.Status.COMPLETED, c.claimedAt(),
                        c.checkedInAt(), c.checkedOutAt(), d.hours()));
            }
        }
        return new ServiceTaskView(spec, new ArrayList<>(claims.values()), stream.size());
    }

    static ActivityView activity(List<MemberEnvelope> stream) {
        if (stream.isEmpty()) {
            return null;
        }
        Activity spec = ((ActivityEvent.Published) expect(stream.get(0), ActivityEvent.Published.class)).spec();
        List<ActorId> signedUp = new ArrayList<>();
        Set<ActorId> attended = new HashSet<>();
        for (MemberEnvelope env : stream.subList(1, stream.size())) {
            MemberEvent e = env.event();
            if (e instanceof ActivityEvent.SignedUp s) {
                signedUp.add(s.member());
            } else if (e instanceof ActivityEvent.Withdrawn w) {
                signedUp.remove(w.member());
            } else if (e instanceof ActivityEvent.Attended a) {
                attended.add(a.member());
            }
        }
        return new ActivityView(spec, signedUp, attended, stream.size());
    }

    private static MemberEvent expect(MemberEnvelope first, Class<?> type) {
        if (!type.isInstance(first.event())) {
            throw new IllegalStateException("stream " + first.stream() + " starts with " + first.event().type()
                    + ", not with a " + type.getSimpleName() + " event");
        }
        return first.event();
    }
}
