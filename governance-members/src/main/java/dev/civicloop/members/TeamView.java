package dev.civicloop.members;

import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.OrgUnitId;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A team as it stands: its community, name, members and leader (always one of the members).
 *
 * @param leader null until staff appoint one
 * @param version the number of events in the team's stream
 */
public record TeamView(TeamId id, OrgUnitId community, String name, SortedSet<ActorId> members, ActorId leader,
        long version) {
    public TeamView {
        members = Collections.unmodifiableSortedSet(new TreeSet<>(members));
    }

    public Optional<ActorId> leaderIfAny() {
        return Optional.ofNullable(leader);
    }
}
