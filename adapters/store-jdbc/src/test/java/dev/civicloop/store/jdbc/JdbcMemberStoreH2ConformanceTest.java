package dev.civicloop.store.jdbc;

import dev.civicloop.spi.member.MemberStore;
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
}
