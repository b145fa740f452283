package dev.civicloop.store.jdbc;

import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.spi.store.OutboxStore;
import dev.civicloop.tck.LedgerStoreCompatibilityKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC ledger store on an H2 file passes the ledger conformance kit. */
class JdbcLedgerStoreH2ConformanceTest extends LedgerStoreCompatibilityKit {
    private static TestDatabases.Handle database;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabases.h2();
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    protected LedgerStore newStore() {
        LedgerMemberTables.clearLedger(database.db());
        return database.db().ledgerStore();
    }

    /** The ticket store's outbox on the same database: the ledger writes its notifications to that table. */
    @Override
    protected OutboxStore outbox() {
        return database.db().ticketStore();
    }
}
