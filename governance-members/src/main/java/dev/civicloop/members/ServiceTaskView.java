package dev.civicloop.members;

import dev.civicloop.spi.model.ActorId;
import java.util.List;
import java.util.Optional;

/**
 * A service task as it stands: what was published and every claim holding a slot, in claim order.
 *
 * @param version the number of events in the task's stream
 */
public record ServiceTaskView(ServiceTask task, List<TaskClaim> claims, long version) {
    public ServiceTaskView {
        claims = List.copyOf(claims);
    }

    /** Slots not held by a claim. */
    public int slotsLeft() {
        return task.slots() - claims.size();
    }

    /** The member's claim, unless they hold none. */
    public Optional<TaskClaim> claimOf(ActorId member) {
        return claims.stream().filter(c -> c.member().equals(member)).findFirst();
    }
}
