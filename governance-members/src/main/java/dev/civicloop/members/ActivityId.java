package dev.civicloop.members;

/**
 * Identifies an activity, chosen by the community that creates it: {@code ActivityId.of("…")}. At most 100
 * characters, no white space; its event stream is {@code activity:<id>}.
 */
public record ActivityId(String value) implements Comparable<ActivityId> {
    public ActivityId {
        TaskText.id("activityId", value);
    }

    public static ActivityId of(String value) {
        return new ActivityId(value);
    }

    /** The store stream that holds this activity's events. */
    public String stream() {
        return "activity:" + value;
    }

    @Override
    public int compareTo(ActivityId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
