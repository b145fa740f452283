package dev.civicloop.members;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.OrgUnitId;
import java.time.Instant;

/**
 * An activity (志愿活动) a community holds: tree planting, health checks, anti-fraud publicity.
 * Members sign up while places are left; staff take attendance once it has begun.
 *
 * <pre>{@code
 * Activity a = Activity.of(ActivityId.of("trees-0312"), OrgUnitId.of("yuanhang"), ActivityKind.TREE_PLANTING,
 *         "植树节义务植树", Location.address("远航公园"), from, until, 30);
 * }</pre>
 *
 * @param capacity how many members may sign up, 1 to 10000; never exceeded
 */
public record Activity(ActivityId id, OrgUnitId community, ActivityKind kind, String title, Location place, Instant from,
        Instant until, int capacity) {
    public Activity {
        TaskText.required("id", id);
        TaskText.required("community", community);
        TaskText.required("kind", kind);
        TaskText.publicText("title", title, 200);
        TaskText.required("place", place);
        if (place.address() != null) {
            TaskText.publicText("place.address", place.address(), 500);
        }
        TaskText.required("from", from);
        TaskText.required("until", until);
        if (!from.isBefore(until)) {
            throw new InvalidInput("until", "must be after from (" + from + "), was " + until);
        }
        if (capacity < 1 || capacity > 10_000) {
            throw new InvalidInput("capacity", "must be between 1 and 10000, was " + capacity);
        }
    }

    public static Activity of(ActivityId id, OrgUnitId community, ActivityKind kind, String title, Location place,
            Instant from, Instant until, int capacity) {
        return new Activity(id, community, kind, title, place, from, until, capacity);
    }
}
