package dev.civicloop.spi.store;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import java.time.Instant;

/**
 * A filter over ticket summaries; every criterion is optional (null), all given ones must hold.
 * Results come in (reportedAt, ticketId) order; {@code after} is the cursor of the previous page.
 *
 * <pre>{@code
 * TicketQuery q = TicketQuery.all().withOrgUnit(OrgUnitId.of("yuanhang")).onlyOpen().limit(50);
 * }</pre>
 *
 * @param reportedFrom inclusive
 * @param reportedTo exclusive
 * @param dueBefore only tickets whose next deadline is due strictly before this instant
 */
public record TicketQuery(
        TicketState state,
        OrgUnitId orgUnit,
        Instant reportedFrom,
        Instant reportedTo,
        boolean openOnly,
        Instant dueBefore,
        int limit,
        String after) {
    /** The most a page may hold. */
    public static final int MAX_LIMIT = 1000;

    public TicketQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        if (after != null) {
            Cursor.parse(after);
        }
    }

    /** Every ticket, 100 per page. */
    public static TicketQuery all() {
        return new TicketQuery(null, null, null, null, false, null, 100, null);
    }

    public TicketQuery withState(TicketState s) {
        return new TicketQuery(s, orgUnit, reportedFrom, reportedTo, openOnly, dueBefore, limit, after);
    }

    public TicketQuery withOrgUnit(OrgUnitId unit) {
        return new TicketQuery(state, unit, reportedFrom, reportedTo, openOnly, dueBefore, limit, after);
    }

    public TicketQuery reportedBetween(Instant from, Instant to) {
        return new TicketQuery(state, orgUnit, from, to, openOnly, dueBefore, limit, after);
    }

    public TicketQuery onlyOpen() {
        return new TicketQuery(state, orgUnit, reportedFrom, reportedTo, true, dueBefore, limit, after);
    }

    public TicketQuery withDueBefore(Instant instant) {
        return new TicketQuery(state, orgUnit, reportedFrom, reportedTo, openOnly, instant, limit, after);
    }

    public TicketQuery limit(int n) {
        return new TicketQuery(state, orgUnit, reportedFrom, reportedTo, openOnly, dueBefore, n, after);
    }

    public TicketQuery after(String cursor) {
        return new TicketQuery(state, orgUnit, reportedFrom, reportedTo, openOnly, dueBefore, limit, cursor);
    }

    /** True if the summary meets every criterion of this query except paging. */
    public boolean matches(TicketSummary s) {
        return (state == null || state.equals(s.state()))
                && (orgUnit == null || s.orgUnits().contains(orgUnit))
                && (reportedFrom == null || !s.reportedAt().isBefore(reportedFrom))
                && (reportedTo == null || s.reportedAt().isBefore(reportedTo))
                && (!openOnly || !s.terminal())
                && (dueBefore == null || (s.nextDueAt() != null && s.nextDueAt().isBefore(dueBefore)));
    }

    /**
     * A position in (reportedAt, ticketId) order; its text form is the opaque page cursor
     * stores hand out and accept.
     */
    public record Cursor(Instant reportedAt, TicketId ticketId) implements Comparable<Cursor> {
        public static Cursor of(TicketSummary s) {
            return new Cursor(s.reportedAt(), s.ticketId());
        }

        public static Cursor parse(String text) {
            int sep = text.indexOf('|');
            try {
                if (sep < 0) {
                    throw new IllegalArgumentException("no separator");
                }
                long seconds = Long.parseLong(text.substring(0, text.indexOf('.')));
                int nanos = Integer.parseInt(text.substring(text.indexOf('.') + 1, sep));
                return new Cursor(Instant.ofEpochSecond(seconds, nanos), TicketId.of(text.substring(sep + 1)));
            } catch (RuntimeException e) {
                throw new InvalidInput("after", "is not a cursor this store handed out: '" + text + "'");
            }
        }

        @Override
        public int compareTo(Cursor o) {
            int c = reportedAt.compareTo(o.reportedAt);
            return c != 0 ? c : ticketId.compareTo(o.ticketId);
        }

        @Override
        public String toString() {
            return reportedAt.getEpochSecond() + "." + reportedAt.getNano() + "|" + ticketId.value();
        }
    }
}
