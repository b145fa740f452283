package dev.civicloop.points;

/**
 * The calendar periods a rule's limits count in, in the city's time zone: a local day, an ISO
 * week (Monday first, e.g. {@code 2026-W48}), a calendar month.
 */
public enum LimitPeriod {
    DAY("daily", "today"),
    WEEK("weekly", "this week"),
    MONTH("monthly", "this month");

    private final String adjective;
    private final String current;

    LimitPeriod(String adjective, String current) {
        this.adjective = adjective;
        this.current = current;
    }

    /** "daily", "weekly", "monthly". */
    public String adjective() {
        return adjective;
    }

    /** "today", "this week", "this month". */
    public String current() {
        return current;
    }
}
