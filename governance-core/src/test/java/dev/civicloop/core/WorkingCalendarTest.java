package dev.civicloop.core;

import static dev.civicloop.core.SeedCity.shanghai;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.GovernanceException;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.model.Deadline;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The city's working-day calendar. Holiday data is China's real 2026 arrangement
 * ({@link SeedCity#china2026()}, from the State Council notice of 2025-11-04): National Day
 * 10-01..07 with Sunday 09-20 and Saturday 10-10 worked; Spring Festival 02-15..23 with Saturdays
 * 02-14 and 02-28 worked; Mid-Autumn 09-25..27.
 */
class WorkingCalendarTest {
    private static final WorkingCalendar PLAIN = WorkingCalendar.chinaDefault();
    private static final WorkingCalendar CHINA_2026 = SeedCity.china2026();

    @Test
    void the_default_calendar_is_monday_to_friday_in_shanghai_without_holidays() {
        assertEquals(ZoneId.of("Asia/Shanghai"), PLAIN.zone());
        assertEquals(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), PLAIN.weekend());
        assertTrue(PLAIN.holidays().isEmpty());
        assertTrue(PLAIN.isWorkingDay(LocalDate.parse("2026-10-01")), "no holidays until the city supplies them");
        assertFalse(PLAIN.isWorkingDay(LocalDate.parse("2026-11-28")), "a Saturday");
    }

    @Test
    void an_hours_deadline_runs_through_nights_weekends_and_holidays() {
        // Friday 17:00 + 24 h = Saturday 17:00: hours ignore the calendar.
        assertEquals(shanghai("2026-11-28T17:00"), PLAIN.due(shanghai("2026-11-27T17:00"), Deadline.hours(24)));
        // Wednesday before National Day + 48 h lands on the holiday 10-02.
        assertEquals(shanghai("2026-10-02T10:00"), CHINA_2026.due(shanghai("2026-09-30T10:00"), Deadline.hours(48)));
        // Two hours before midnight plus three hours crosses the day boundary.
        assertEquals(shanghai("2026-11-24T01:00"), PLAIN.due(shanghai("2026-11-23T22:00"), Deadline.hours(3)));
    }

    @Test
    void a_working_days_deadline_ends_at_the_same_local_time_on_the_nth_working_day() {
        // Monday 09:00 + 1 working day = Tuesday 09:00 (here the same as 24 h).
        assertEquals(shanghai("2026-11-24T09:00"), PLAIN.due(shanghai("2026-11-23T09:00"), Deadline.workingDays(1)));
        assertEquals(PLAIN.due(shanghai("2026-11-23T09:00"), Deadline.hours(24)),
                PLAIN.due(shanghai("2026-11-23T09:00"), Deadline.workingDays(1)));
        // Monday + 5 working days = next Monday.
        assertEquals(shanghai("2026-11-30T09:00"), PLAIN.due(shanghai("2026-11-23T09:00"), Deadline.workingDays(5)));
    }

    @Test
    void weekends_are_skipped_so_friday_plus_one_working_day_is_monday() {
        Instant friday5pm = shanghai("2026-11-27T17:00");
        assertEquals(shanghai("2026-11-30T17:00"), PLAIN.due(friday5pm, Deadline.workingDays(1)));
        // Thursday + 2 working days: Friday (1), Saturday and Sunday skipped, Monday (2).
        assertEquals(shanghai("2026-11-30T11:00"), PLAIN.due(shanghai("2026-11-26T11:00"), Deadline.workingDays(2)));
        // 24 h from the same Friday ends on Saturday: hours and working days differ here.
        assertEquals(shanghai("2026-11-28T17:00"), PLAIN.due(friday5pm, Deadline.hours(24)));
    }

    @Test
    void a_deadline_started_on_a_weekend_counts_from_the_next_working_day() {
        // Saturday 10:00 + 1 working day = Monday 10:00.
        assertEquals(shanghai("2026-11-30T10:00"), PLAIN.due(shanghai("2026-11-28T10:00"), Deadline.workingDays(1)));
    }

    @Test
    void city_public_holidays_are_skipped() {
        // Wednesday 09-30 + 1 working day: 10-01..07 are National Day, so Thursday 10-08.
        assertEquals(shanghai("2026-10-08T10:00"), CHINA_2026.due(shanghai("2026-09-30T10:00"), Deadline.workingDays(1)));
        // Without the city's holidays the same deadline falls on 10-01.
        assertEquals(shanghai("2026-10-01T10:00"), PLAIN.due(shanghai("2026-09-30T10:00"), Deadline.workingDays(1)));
        // Thursday 09-24 + 1: Mid-Autumn Friday 09-25 and the weekend are skipped → Monday 09-28.
        assertEquals(shanghai("2026-09-28T10:00"), CHINA_2026.due(shanghai("2026-09-24T10:00"), Deadline.workingDays(1)));
        // Started on the holiday itself (10-03), the first working day is 10-08.
        assertEquals(shanghai("2026-10-08T15:00"), CHINA_2026.due(shanghai("2026-10-03T15:00"), Deadline.workingDays(1)));
        assertFalse(CHINA_2026.isWorkingDay(LocalDate.parse("2026-10-05")), "a Monday inside National Day");
    }

    @Test
    void weekend_days_swapped_to_working_days_count_as_working_days() {
        // Saturday 09-19 + 1: Sunday 09-20 is worked (调休) → due on that Sunday.
        assertEquals(shanghai("2026-09-20T10:00"), CHINA_2026.due(shanghai("2026-09-19T10:00"), Deadline.workingDays(1)));
        // Friday 10-09 + 1 → Saturday 10-10 (worked).
        assertEquals(shanghai("2026-10-10T10:00"), CHINA_2026.due(shanghai("2026-10-09T10:00"), Deadline.workingDays(1)));
        // Friday 02-13 + 2: Saturday 02-14 worked (1), 02-15..23 Spring Festival, Tuesday 02-24 (2).
        assertEquals(shanghai("2026-02-24T09:00"), CHINA_2026.due(shanghai("2026-02-13T09:00"), Deadline.workingDays(2)));
        // Wednesday 09-30 + 3 working days: 10-08 (1), 10-09 (2), Saturday 10-10 (3).
        assertEquals(shanghai("2026-10-10T10:00"), CHINA_2026.due(shanghai("2026-09-30T10:00"), Deadline.workingDays(3)));
        assertTrue(CHINA_2026.isWorkingDay(LocalDate.parse("2026-01-04")), "Sunday 01-04 is worked");
        assertFalse(CHINA_2026.isWorkingDay(LocalDate.parse("2026-10-11")), "an ordinary Sunday stays a weekend day");
    }

    @Test
    void china_2026_has_248_working_days() {
        // 2026 starts on a Thursday and has 365 days = 52 weeks + Thursday 12-31: 104 weekend days, 261 weekdays.
        // Holidays on weekdays: 元旦 01-01, 01-02 (2); 春节 02-16..20, 02-23 (6); 清明 04-06 (1);
        // 劳动节 05-01, 05-04, 05-05 (3); 端午 06-19 (1); 中秋 09-25 (1); 国庆 10-01, 10-02, 10-05..07 (5) = 19.
        // Swapped working weekend days: 01-04, 02-14, 02-28, 05-09, 09-20, 10-10 = 6.
        // 261 - 19 + 6 = 248.
        int working = 0;
        for (LocalDate d = LocalDate.parse("2026-01-01"); d.getYear() == 2026; d = d.plusDays(1)) {
            if (CHINA_2026.isWorkingDay(d)) {
                working++;
            }
        }
        assertEquals(248, working);
    }

    @Test
    void day_boundaries_are_those_of_the_city_time_zone() {
        // Friday 23:30 in Shanghai is 15:30 UTC: still Friday, so + 1 working day is Monday 23:30.
        Instant friday2330 = Instant.parse("2026-11-27T15:30:00Z");
        assertEquals(shanghai("2026-11-27T23:30"), friday2330);
        assertEquals(Instant.parse("2026-11-30T15:30:00Z"), PLAIN.due(friday2330, Deadline.workingDays(1)));
        // One hour later it is already Saturday 00:30 in Shanghai (still Friday in UTC): + 1 is Monday 00:30
        // local, i.e. Sunday 16:30 UTC. A UTC calendar would answer Monday 16:30 UTC instead.
        Instant saturday0030 = Instant.parse("2026-11-27T16:30:00Z");
        assertEquals(Instant.parse("2026-11-29T16:30:00Z"), PLAIN.due(saturday0030, Deadline.workingDays(1)));
        assertEquals(Instant.parse("2026-11-30T16:30:00Z"),
                WorkingCalendar.of(ZoneOffset.UTC).due(saturday0030, Deadline.workingDays(1)));
        // National Day starts at 10-01 00:00 Shanghai = 09-30 16:00 UTC.
        Instant sep30at2330 = Instant.parse("2026-09-30T15:30:00Z");
        Instant oct1at0030 = Instant.parse("2026-09-30T16:30:00Z");
        // 09-30 23:30 local is still the Wednesday before the holiday; 10-01 00:30 local is on the holiday.
        // Both reach 10-08, each at its own local time.
        assertEquals(shanghai("2026-10-08T23:30"), CHINA_2026.due(sep30at2330, Deadline.workingDays(1)));
        assertEquals(shanghai("2026-10-08T00:30"), CHINA_2026.due(oct1at0030, Deadline.workingDays(1)));
        // The same holidays read in UTC would start that deadline on 09-30 and end it a day late in Shanghai.
        WorkingCalendar utc = new WorkingCalendar(ZoneOffset.UTC, CHINA_2026.weekend(), CHINA_2026.holidays(),
                CHINA_2026.workingWeekendDays());
        assertEquals(shanghai("2026-10-09T00:30"), utc.due(oct1at0030, Deadline.workingDays(1)));
    }

    @Test
    void a_six_day_week_city_can_name_its_own_weekend() {
        WorkingCalendar sundayOnly = new WorkingCalendar(SeedCity.SHANGHAI, EnumSet.of(DayOfWeek.SUNDAY), Set.of(), Set.of());
        assertEquals(shanghai("2026-11-28T17:00"), sundayOnly.due(shanghai("2026-11-27T17:00"), Deadline.workingDays(1)));
        assertTrue(sundayOnly.isWorkingDay(LocalDate.parse("2026-11-28")));
    }

    @Test
    void the_calendar_keeps_its_own_copy_of_the_days_it_was_given() {
        Set<LocalDate> holidays = new HashSet<>(Set.of(LocalDate.parse("2026-12-01")));
        WorkingCalendar cal = WorkingCalendar.chinaDefault().withHolidays(holidays);
        holidays.add(LocalDate.parse("2026-12-02"));
        assertTrue(cal.isWorkingDay(LocalDate.parse("2026-12-02")), "a later change to the caller's set has no effect");
        assertFalse(cal.isWorkingDay(LocalDate.parse("2026-12-01")));
        assertThrows(UnsupportedOperationException.class, () -> cal.holidays().add(LocalDate.parse("2026-12-03")));
    }

    // ---- bad input: every failure is a typed InvalidInput naming the field ---------------

    @Test
    void a_calendar_without_a_zone_is_refused() {
        assertInvalid("zone", () -> WorkingCalendar.of(null));
    }

    @Test
    void a_week_with_no_working_day_is_refused() {
        assertInvalid("weekend", () -> new WorkingCalendar(SeedCity.SHANGHAI, EnumSet.allOf(DayOfWeek.class), Set.of(), Set.of()));
    }

    @Test
    void missing_or_null_day_sets_are_refused() {
        assertInvalid("weekend", () -> new WorkingCalendar(SeedCity.SHANGHAI, null, Set.of(), Set.of()));
        assertInvalid("holidays", () -> PLAIN.withHolidays(null));
        assertInvalid("workingWeekendDays", () -> PLAIN.withWorkingWeekendDays(null));
        Set<LocalDate> withNull = new HashSet<>();
        withNull.add(null);
        assertInvalid("holidays[0]", () -> PLAIN.withHolidays(withNull));
        assertInvalid("workingWeekendDays[0]", () -> PLAIN.withWorkingWeekendDays(withNull));
    }

    @Test
    void a_day_listed_both_as_holiday_and_as_working_day_is_refused() {
        LocalDate sep20 = LocalDate.parse("2026-09-20");
        assertInvalid("workingWeekendDays",
                () -> PLAIN.withHolidays(Set.of(sep20)).withWorkingWeekendDays(Set.of(sep20)));
    }

    @Test
    void deadlines_must_be_positive() {
        assertInvalid("amount", () -> Deadline.workingDays(0));
        assertInvalid("amount", () -> Deadline.hours(-2));
        assertInvalid("unit", () -> new Deadline(1, null));
    }

    @Test
    void due_and_isWorkingDay_refuse_nulls_with_a_typed_error() {
        assertInvalid("start", () -> PLAIN.due(null, Deadline.hours(1)));
        assertInvalid("deadline", () -> PLAIN.due(Instant.EPOCH, null));
        assertInvalid("day", () -> PLAIN.isWorkingDay(null));
    }

    private static void assertInvalid(String field, Executable call) {
        InvalidInput e = assertThrows(InvalidInput.class, call);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e instanceof GovernanceException);
    }
}
