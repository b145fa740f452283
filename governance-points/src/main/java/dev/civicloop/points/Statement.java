package dev.civicloop.points;

import dev.civicloop.spi.model.ActorId;
import java.time.Instant;
import java.util.List;

/**
 * Why a member has the points they have: every posting on their account, oldest first, with
 * its kind, signed amount, running balance and explanation, and the lots the balance consists of.
 * Opaque scores lose users' trust; this is what a member's app shows.
 *
 * <pre>{@code
 * Statement s = ledger.statement(rider);
 * List<String> lines = s.entries().stream()
 *         .map(e -> e.kind() + " " + e.amount() + " → " + e.balance() + " " + e.details()).toList();
 * }</pre>
 *
 * @param at the time the statement was taken (lots' expiry and lock are judged at it)
 * @param balance the points balance (the last entry's running balance)
 * @param spendable what a redemption can spend now: the balance less locked and expired lots
 */
public record Statement(ActorId member, Instant at, long balance, long spendable, List<Lot> lots,
        List<StatementEntry> entries) {
    public Statement {
        lots = List.copyOf(lots);
        entries = List.copyOf(entries);
    }
}
