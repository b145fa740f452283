package dev.civicloop.store.jdbc;

import dev.civicloop.spi.catalogue.CatalogueStore;
import dev.civicloop.tck.CatalogueStoreCompatibilityKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC catalogue store on an H2 file passes the catalogue conformance kit. */
class JdbcCatalogueStoreH2ConformanceTest extends CatalogueStoreCompatibilityKit {
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
    protected CatalogueStore newStore() {
        JdbcCatalogueStoreTest.clear(database.db());
        return database.db().catalogueStore();
    }
}
