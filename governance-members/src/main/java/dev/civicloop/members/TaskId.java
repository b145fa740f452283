package dev.civicloop.members;

/**
 * Identifies a task, chosen by the community that creates it: {@code TaskId.of("…")}. At most 100
 * characters, no white space; its event stream is {@code task:<id>}.
 */
public record TaskId(String value) implements Comparable<TaskId> {
    public TaskId {
        TaskText.id("taskId", value);
    }

    public static TaskId of(String value) {
        return new TaskId(value);
    }

    /** The store stream that holds this task's events. */
    public String stream() {
        return "task:" + value;
    }

    @Override
    public int compareTo(TaskId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
