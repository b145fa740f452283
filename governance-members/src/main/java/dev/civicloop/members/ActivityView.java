package dev.civicloop.members;

import dev.civicloop.spi.model.ActorId;
import java.util.List;
import java.util.Set;

/**
 * An activity as it stands: who signed up (in order) and who attended.
 *
 * @param version the number of events in the activity's stream
 */
public record ActivityView(Activity activity, List<ActorId> signedUp, Set<ActorId> attended, long version) {
    public ActivityView {
        signedUp = List.copyOf(signedUp);
        attended = Set.copyOf(attended);
    }

    /** Places not taken. */
    public int placesLeft() {
        return activity.capacity() - signedUp.size();
    }
}
