package dev.civicloop.points.internal;

import dev.civicloop.points.LimitPeriod;
import java.time.LocalDate;
import java.time.temporal.IsoFields;

/** The key of the period a local date falls in: {@code 2026-11-23}, {@code 2026-W48} (ISO, Monday first), {@code 2026-11}. */
public final class Periods {
    private Periods() {}

    public static String key(LimitPeriod period, LocalDate date) {
        switch (period) {
            case DAY:
                return date.toString();
            case WEEK: {
                int week = date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                return date.get(IsoFields.WEEK_BASED_YEAR) + (week < 10 ? "-W0" : "-W") + week;
            }
            case MONTH: {
                int m = date.getMonthValue();
                return date.getYear() + (m < 10 ? "-0" : "-") + m;
            }
            default:
                throw new IllegalArgumentException(String.valueOf(period));
        }
    }

    /** The ledger detail key under which an award records its period. */
    public static String detailKey(LimitPeriod period) {
        return period.name().toLowerCase(java.util.Locale.ROOT);
    }
}
