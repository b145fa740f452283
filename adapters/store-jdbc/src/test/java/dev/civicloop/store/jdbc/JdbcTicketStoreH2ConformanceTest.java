package dev.civicloop.store.jdbc;

import dev.civicloop.spi.store.TicketStore;
import dev.civicloop.tck.TicketStoreCompatibilityKit;
import org.junit.jupiter.api.AfterAll;

/** The JDBC ticket store on an H2 file passes the whole conformance kit. */
class JdbcTicketStoreH2ConformanceTest extends TicketStoreCompatibilityKit {
    private static TestDatabases.Handle database;

    @Override
    protected TicketStore createStore() {
        if (database == null) {
            database = TestDatabases.h2();
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
