package dev.civicloop.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Empties the ticket store's tables between tests that share one database. */
final class JdbcTicketStoreTables {
    private JdbcTicketStoreTables() {}

    static void empty(JdbcDatabase db) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : new String[] {"ticket_event", "ticket_summary", "ticket_org_unit", "ticket_command",
                    "outbox"}) {
                s.executeUpdate("DELETE FROM " + table);
            }
            s.executeUpdate("UPDATE ticket_event_position SET last_position = 0");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the ticket tables: " + e.getMessage(), e);
        }
    }
}
