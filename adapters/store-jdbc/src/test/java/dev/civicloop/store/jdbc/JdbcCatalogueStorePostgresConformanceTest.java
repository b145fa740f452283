package dev.civicloop.store.jdbc;

import dev.civicloop.spi.catalogue.CatalogueStore;
import dev.civicloop.tck.CatalogueStoreCompatibilityKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC catalogue store on PostgreSQL passes the catalogue conformance kit. */
class JdbcCatalogueStorePostgresConformanceTest extends CatalogueStoreCompatibilityKit {
    private static TestDatabases.Handle database;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabases.postgres(20);
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    protected CatalogueStore newStore() {
        JdbcCatalogueStoreTest.clear(database.db());
        return database.db().catalogueStore();
    }
}
