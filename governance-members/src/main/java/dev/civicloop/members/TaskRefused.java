package dev.civicloop.members;

import dev.civicloop.spi.GovernanceException;
import java.util.OptionalLong;

/**
 * A member's step on a service task was refused by the task's rules; nothing was changed.
 * {@link #reason()} says which rule, e.g. {@link Reason#NO_SLOT_LEFT} when every slot is held.
 *
 * <pre>{@code
 * try {
 *     board.claimTask(cmd, rider, task);
 * } catch (TaskRefused e) {
 *     if (e.reason() == TaskRefused.Reason.NO_SLOT_LEFT) { ... offer another task ... }
 * }
 * }</pre>
 */
public class TaskRefused extends GovernanceException {
    private static final long serialVersionUID = 1L;
    private final Reason reason;
    private final TaskId task;
    private final long distanceMetres;
    private final long maxMetres;

    /** Why. */
    public enum Reason {
        /** Every slot is held by a claim. */
        NO_SLOT_LEFT,
        /** The member already holds a claim on the task. */
        ALREADY_CLAIMED,
        /** The member holds no claim on the task. */
        NOT_CLAIMED,
        /** The claim is not at the step this needs (e.g. check-out before check-in). */
        WRONG_STEP,
        /** Outside the task's time window (claims until it closes, check-in while it is open). */
        OUTSIDE_TIME_WINDOW,
        /** The position given is farther from the place than the task allows. */
        TOO_FAR
    }

    public TaskRefused(Reason reason, TaskId task, String detail) {
        this(reason, task, detail, -1, -1);
    }

    private TaskRefused(Reason reason, TaskId task, String detail, long distanceMetres, long maxMetres) {
        super("task " + task + ": " + detail);
        this.reason = reason;
        this.task = task;
        this.distanceMetres = distanceMetres;
        this.maxMetres = maxMetres;
    }

    /** The position was {@code distance} metres from the place; the task allows {@code max}. */
    public static TaskRefused tooFar(TaskId task, String step, long distance, long max) {
        return new TaskRefused(Reason.TOO_FAR, task, step + " refused: " + distance + " m from the place, must be within "
                + max + " m", distance, max);
    }

    public Reason reason() {
        return reason;
    }

    public TaskId task() {
        return task;
    }

    /** For {@link Reason#TOO_FAR}: how far the position was, in metres. */
    public OptionalLong distanceMetres() {
        return distanceMetres < 0 ? OptionalLong.empty() : OptionalLong.of(distanceMetres);
    }

    /** For {@link Reason#TOO_FAR}: how far the task allows, in metres. */
    public OptionalLong maxMetres() {
        return maxMetres < 0 ? OptionalLong.empty() : OptionalLong.of(maxMetres);
    }
}
