package dev.civicloop.store.jdbc;

import dev.civicloop.spi.store.TicketStore;
import dev.civicloop.tck.TicketStoreCompatibilityKit;
import org.junit.jupiter.api.AfterAll;

/**
 * The JDBC ticket store on PostgreSQL passes the whole conformance kit (one fresh database for the
 * class, emptied before each test, dropped after). Skipped loudly without a server, failed with CI=true.
 */
class JdbcTicketStorePostgresConformanceTest extends TicketStoreCompatibilityKit {
    private static TestDatabases.Handle database;

    @Override
    protected TicketStore createStore() {
        if (database == null) {
            database = TestDatabases.postgres(17);
        }
        JdbcTicketStoreTables.empty(database.db());
        return database.db().ticketStore();
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
