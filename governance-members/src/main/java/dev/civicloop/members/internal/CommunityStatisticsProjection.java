package dev.civicloop.members.internal;

import dev.civicloop.members.ActivityEvent;
import dev.civicloop.members.CommunityStatistics;
import dev.civicloop.members.MemberLookup;
import dev.civicloop.members.TaskEvent;
import dev.civicloop.members.TeamEvent;
import dev.civicloop.spi.member.MemberEnvelope;
import dev.civicloop.spi.member.MemberEvent;
import dev.civicloop.spi.member.MemberStore;
import dev.civicloop.spi.member.StoredMemberEvent;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.OrgUnitId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Follows the member feed ({@link MemberStore#readAfter}) and keeps the team, task and activity
 * events per community, so a period's figures are one pass over that community's events.
 */
final class CommunityStatisticsProjection {
    private static final int BATCH = 500;
    private final MemberStore store;
    private final Map<OrgUnitId, List<MemberEnvelope>> byCommunity = new HashMap<>();
    private long checkpoint;

    CommunityStatisticsProjection(MemberStore store) {
        this.store = store;
    }

    synchronized CommunityStatistics compute(OrgUnitId community, Instant from, Instant to, MemberLookup lookup) {
        catchUp();
        Set<ActorId> seen = new HashSet<>(lookup.membersOf(community));
        Map<String, Set<ActorId>> teams = new HashMap<>();
        int published = 0;
        int completions = 0;
        int attendance = 0;
        Set<String> tasksDone = new HashSet<>();
        Set<String> activitiesHeld = new HashSet<>();
        BigDecimal hours = BigDecimal.ZERO.setScale(1);
        for (MemberEnvelope env : byCommunity.getOrDefault(community, List.of())) {
            MemberEvent e = env.event();
            if (e.member() != null) {
                seen.add(e.member());
            }
            if (!env.at().isBefore(to)) {
                continue;
            }
            if (e instanceof TeamEvent.Created c) {
                teams.put(c.team().value(), new HashSet<>());
            } else if (e instanceof TeamEvent.MemberAdded a) {
                teams.get(a.team().value()).add(a.member());
            } else if (e instanceof TeamEvent.MemberRemoved r) {
                teams.get(r.team().value()).remove(r.member());
            }
            if (env.at().isBefore(from)) {
                continue;
            }
            if (e instanceof TaskEvent.Published) {
                published++;
            } else if (e instanceof TaskEvent.Completed c) {
                completions++;
                tasksDone.add(c.task().value());
                hours = hours.add(c.hours());
            } else if (e instanceof ActivityEvent.Attended a) {
                attendance++;
                activitiesHeld.add(a.activity().value());
                hours = hours.add(a.hours());
            }
        }
        int active = 0;
        for (ActorId m : seen) {
            Optional<MemberLookup.Standing> s = lookup.find(m);
            if (s.isPresent() && s.get().active() && s.get().community().equals(community)) {
                active++;
            }
        }
        Set<ActorId> inTeams = new HashSet<>();
        teams.values().forEach(inTeams::addAll);
        return new CommunityStatistics(community, from, to, active, teams.size(), inTeams.size(), published,
                tasksDone.size(), completions, hours, activitiesHeld.size(), attendance);
    }

    private void catchUp() {
        while (true) {
            List<StoredMemberEvent> batch = store.readAfter(checkpoint, BATCH);
            if (batch.isEmpty()) {
                return;
            }
            for (StoredMemberEvent s : batch) {
                MemberEvent e = s.envelope().event();
                OrgUnitId community = null;
                if (e instanceof TeamEvent t) {
                    community = t.community();
                } else if (e instanceof TaskEvent t) {
                    community = t.community();
                } else if (e instanceof ActivityEvent a) {
                    community = a.community();
                }
                if (community != null) {
                    byCommunity.computeIfAbsent(community, c -> new ArrayList<>()).add(s.envelope());
                }
                checkpoint = s.position();
            }
        }
    }
}
