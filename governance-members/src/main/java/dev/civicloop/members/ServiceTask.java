package dev.civicloop.members;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.OrgUnitId;
import java.time.Instant;
import java.util.Optional;

/**
 * A service task (服务任务) as the community's staff publish it: what, for whom, where, when and
 * how many members it needs. Texts are kept for good in the task's stream, so they may not carry
 * a phone or ID number: name an elderly resident by a pseudonymous reference.
 *
 * <pre>{@code
 * ServiceTask medicine = ServiceTask.builder(TaskId.of("med-1123"), OrgUnitId.of("yuanhang"),
 *                 TaskKind.DELIVER_MEDICINE, "给独居老人送降压药")
 *         .beneficiary("elder-0612")
 *         .place(Location.of(GeoPoint.wgs84(46.58, 124.86), "尚溪小区 3 栋"))
 *         .window(from, until).slots(1).checkInWithinMetres(300)
 *         .build();
 * }</pre>
 *
 * @param beneficiary a pseudonymous reference to the resident served (e.g. {@code elder-0612}) or a
 *     description without phone numbers; may be null
 * @param from the window opens: members check in from here
 * @param until the window closes: no claim or check-in after it
 * @param slots how many members the task needs, 1 to 1000; never oversubscribed
 * @param checkInWithinMetres when set, check-in and check-out must give a position this near the
 *     place's point (same coordinate system); null: anywhere
 */
public record ServiceTask(TaskId id, OrgUnitId community, TaskKind kind, String title, String beneficiary, Location place,
        Instant from, Instant until, int slots, Integer checkInWithinMetres) {
    public ServiceTask {
        TaskText.required("id", id);
        TaskText.required("community", community);
        TaskText.required("kind", kind);
        TaskText.publicText("title", title, 200);
        TaskText.optionalPublicText("beneficiary", beneficiary, 200);
        TaskText.required("place", place);
        if (place.address() != null) {
            TaskText.publicText("place.address", place.address(), 500);
        }
        TaskText.required("from", from);
        TaskText.required("until", until);
        if (!from.isBefore(until)) {
            throw new InvalidInput("until", "must be after from (" + from + "), was " + until);
        }
        if (slots < 1 || slots > 1000) {
            throw new InvalidInput("slots", "must be between 1 and 1000, was " + slots);
        }
        if (checkInWithinMetres != null) {
            if (checkInWithinMetres < 1) {
                throw new InvalidInput("checkInWithinMetres", "must be at least 1 metre, was " + checkInWithinMetres);
            }
            if (place.point() == null) {
                throw new InvalidInput("checkInWithinMetres", "needs a place with a point on the map");
            }
        }
    }

    public static Builder builder(TaskId id, OrgUnitId community, TaskKind kind, String title) {
        return new Builder(id, community, kind, title);
    }

    public Optional<Integer> checkInRadiusIfAny() {
        return Optional.ofNullable(checkInWithinMetres);
    }

    /** Builds a {@link ServiceTask}; place, window and slots are required, the rest optional. */
    public static final class Builder {
        private final TaskId id;
        private final OrgUnitId community;
        private final TaskKind kind;
        private final String title;
        private String beneficiary;
        private Location place;
        private Instant from;
        private Instant until;
        private int slots;
        private Integer checkInWithinMetres;

        private Builder(TaskId id, OrgUnitId community, TaskKind kind, String title) {
            this.id = id;
            this.community = community;
            this.kind = kind;
            this.title = title;
        }

        public Builder beneficiary(String reference) {
            this.beneficiary = reference;
            return this;
        }

        public Builder place(Location place) {
            this.place = place;
            return this;
        }

        public Builder window(Instant from, Instant until) {
            this.from = from;
            this.until = until;
            return this;
        }

        public Builder slots(int slots) {
            this.slots = slots;
            return this;
        }

        public Builder checkInWithinMetres(int metres) {
            this.checkInWithinMetres = metres;
            return this;
        }

        public ServiceTask build() {
            return new ServiceTask(id, community, kind, title, beneficiary, place, from, until, slots, checkInWithinMetres);
        }
    }
}
