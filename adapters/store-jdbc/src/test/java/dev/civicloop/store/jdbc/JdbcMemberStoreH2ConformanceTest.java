package dev.civicloop.store.jdbc;

import dev.civicloop.spi.member.MemberStore;
import dev.civicloop.spi.store.OutboxStore;
import dev.civicloop.tck.MemberStoreCompatibilityKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC member store on an H2 file, with the kit's event records registered, passes the member conformance kit. */
class JdbcMemberStoreH2ConformanceTest extends MemberStoreCompatibilityKit {
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
    protected MemberStore newStore() {
        LedgerMemberTables.clearMembers(database.db());
        return database.db().memberStore(LedgerMemberTables.fixtureTypes());
    }

    /** The ticket store's outbox on the same database: the member store writes its notifications to that table. */
    @Override
    protected OutboxStore outbox() {
        return database.db().ticketStore();
    }
}
