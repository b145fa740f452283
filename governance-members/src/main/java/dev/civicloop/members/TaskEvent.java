package dev.civicloop.members;

import dev.civicloop.spi.member.MemberEvent;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.OrgUnitId;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * What happens to a service task, in its stream {@code task:<id>}; the envelope says when and who.
 * Every event carries {@code community} and {@code task} in its attributes; {@code task.completed}
 * also {@code kind} and {@code hours} (decimal text, one decimal), which points rules reward
 * ({@code "points": {"per": "hours", "rate": 4}}).
 */
public sealed interface TaskEvent extends MemberEvent {
    TaskId task();

    OrgUnitId community();

    @Override
    default Map<String, String> attributes() {
        return Map.of("community", community().value(), "task", task().value());
    }

    /** {@code task.published}: staff published the task. */
    record Published(ServiceTask spec) implements TaskEvent {
        @Override
        public TaskId task() {
            return spec.id();
        }

        @Override
        public OrgUnitId community() {
            return spec.community();
        }

        @Override
        public String type() {
            return "task.published";
        }

        @Override
        public ActorId member() {
            return null;
        }

        @Override
        public Map<String, String> attributes() {
            return Map.of("community", community().value(), "task", task().value(), "kind", spec.kind().name(),
                    "slots", Integer.toString(spec.slots()));
        }
    }

    /** {@code task.claimed}: the member took one of the slots. */
    record Claimed(TaskId task, OrgUnitId community, ActorId member) implements TaskEvent {
        @Override
        public String type() {
            return "task.claimed";
        }
    }

    /** {@code task.released}: the member gave the slot back before checking in. */
    record Released(TaskId task, OrgUnitId community, ActorId member) implements TaskEvent {
        @Override
        public String type() {
            return "task.released";
        }
    }

    /**
     * {@code task.checked_in}.
     *
     * @param distanceMetres how far from the place the member checked in, when the task checks it; else null
     */
    record CheckedIn(TaskId task, OrgUnitId community, ActorId member, Long distanceMetres) implements TaskEvent {
        @Override
        public String type() {
            return "task.checked_in";
        }
    }

    /** {@code task.checked_out}; {@code distanceMetres} as for {@link CheckedIn}. */
    record CheckedOut(TaskId task, OrgUnitId community, ActorId member, Long distanceMetres) implements TaskEvent {
        @Override
        public String type() {
            return "task.checked_out";
        }
    }

    /**
     * {@code task.completed}: staff confirmed the member's service.
     *
     * @param hours check-out − check-in rounded to 0.1 h, or what staff set
     * @param adjusted whether staff set the hours
     */
    record Completed(TaskId task, OrgUnitId community, TaskKind kind, ActorId member, BigDecimal hours, boolean adjusted)
            implements TaskEvent {
        @Override
        public String type() {
            return "task.completed";
        }

        @Override
        public Map<String, String> attributes() {
            Map<String, String> a = new HashMap<>();
            a.put("community", community.value());
            a.put("task", task.value());
            a.put("kind", kind.name());
            a.put("hours", hours.toPlainString());
            a.put("adjusted", Boolean.toString(adjusted));
            return Map.copyOf(a);
        }
    }
}
