package dev.civicloop.members;

/**
 * Identifies a team, chosen by the community that creates it: {@code TeamId.of("…")}. At most 100
 * characters, no white space; its event stream is {@code team:<id>}.
 */
public record TeamId(String value) implements Comparable<TeamId> {
    public TeamId {
        TaskText.id("teamId", value);
    }

    public static TeamId of(String value) {
        return new TeamId(value);
    }

    /** The store stream that holds this team's events. */
    public String stream() {
        return "team:" + value;
    }

    @Override
    public int compareTo(TeamId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
