package dev.civicloop.points;

import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnitId;
import java.time.YearMonth;
import java.util.List;

/**
 * The monthly leaderboard of a community or a street: the members with the most points earned
 * in that calendar month (in the city's zone), best first, at most the number asked for.
 *
 * <pre>{@code
 * Leaderboard board = honours.leaderboard(OrgUnitId.of("yuanhang"), YearMonth.of(2026, 11), 10);
 * board.standings().get(0).member(); // this month's first
 * }</pre>
 *
 * @param participants how many members earned more than 0 points there that month (the board may show fewer)
 */
public record Leaderboard(OrgUnitId unit, OrgLevel level, YearMonth month, List<Standing> standings, int participants) {
    public Leaderboard {
        standings = List.copyOf(standings);
    }
}
