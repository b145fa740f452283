package dev.civicloop.core;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.Deadline;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * The city's working days: a time zone, the weekend days, public holidays, and weekend days
 * swapped to working days (调休). A deadline of N working days ends at the same local time on the
 * N-th working day after the day it starts.
 *
 * <pre>{@code
 * WorkingCalendar cal = WorkingCalendar.of(ZoneId.of("Asia/Shanghai"))
 *         .withHolidays(Set.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2)))
 *         .withWorkingWeekendDays(Set.of(LocalDate.of(2026, 9, 27)));
 * }</pre>
 */
public record WorkingCalendar(ZoneId zone, Set<DayOfWeek> weekend, Set<LocalDate> holidays, Set<LocalDate> workingWeekendDays) {
    public WorkingCalendar {
        Check.notNull("zone", zone);
        weekend = Set.copyOf(Check.noNulls("weekend", weekend));
        holidays = Set.copyOf(Check.noNulls("holidays", holidays));
        workingWeekendDays = Set.copyOf(Check.noNulls("workingWeekendDays", workingWeekendDays));
        if (weekend.size() == 7) {
            throw new dev.civicloop.spi.InvalidInput("weekend", "must leave at least one working day in the week");
        }
        for (LocalDate day : workingWeekendDays) {
            if (holidays.contains(day)) {
                throw new dev.civicloop.spi.InvalidInput("workingWeekendDays",
                        day + " is also listed as a holiday; a day is either a holiday or a working day");
            }
        }
    }

    /** Monday to Friday in the given zone, no holidays. */
    public static WorkingCalendar of(ZoneId zone) {
        return new WorkingCalendar(zone, EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Set.of(), Set.of());
    }

    /** Monday to Friday in Asia/Shanghai, no holidays: the default until a city supplies its own. */
    public static WorkingCalendar chinaDefault() {
        return of(ZoneId.of("Asia/Shanghai"));
    }

    public WorkingCalendar withHolidays(Set<LocalDate> days) {
        return new WorkingCalendar(zone, weekend, days, workingWeekendDays);
    }

    public WorkingCalendar withWorkingWeekendDays(Set<LocalDate> days) {
        return new WorkingCalendar(zone, weekend, holidays, days);
    }

    public boolean isWorkingDay(LocalDate day) {
        Check.notNull("day", day);
        if (workingWeekendDays.contains(day)) {
            return true;
        }
        return !holidays.contains(day) && !weekend.contains(day.getDayOfWeek());
    }

    /** When a deadline that starts at {@code start} falls due. */
    public Instant due(Instant start, Deadline deadline) {
        Check.notNull("start", start);
        Check.notNull("deadline", deadline);
        return switch (deadline.unit()) {
            case HOURS -> start.plus(Duration.ofHours(deadline.amount()));
            case WORKING_DAYS -> {
                ZonedDateTime t = start.atZone(zone);
                int left = deadline.amount();
                while (left > 0) {
                    t = t.plusDays(1);
                    if (isWorkingDay(t.toLocalDate())) {
                        left--;
                    }
                }
                yield t.toInstant();
            }
        };
    }
}
