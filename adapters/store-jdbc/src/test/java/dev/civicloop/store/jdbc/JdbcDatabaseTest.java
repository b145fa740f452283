package dev.civicloop.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.StoreFailure;
import org.junit.jupiter.api.Test;

class JdbcDatabaseTest {
    @Test
    void anH2FileDatabaseOpensAndAnswers() {
        try (TestDatabases.Handle h = TestDatabases.h2()) {
            h.db().ping();
            assertEquals(JdbcDatabase.Dialect.H2, h.db().dialect());
        }
    }

    @Test
    void aPostgresDatabaseOpensAndAnswers() {
        try (TestDatabases.Handle h = TestDatabases.postgres(2)) {
            h.db().ping();
            assertEquals(JdbcDatabase.Dialect.POSTGRESQL, h.db().dialect());
        }
    }

    @Test
    void badSettingsAreTypedErrors() {
        assertThrows(InvalidConfiguration.class, () -> JdbcDatabase.postgres("jdbc:mysql://x/y", "u", "p", 2));
        assertThrows(InvalidConfiguration.class, () -> JdbcDatabase.h2File(null));
        assertThrows(StoreFailure.class, () -> JdbcDatabase.postgres("jdbc:postgresql://127.0.0.1:1/none", "u", "p", 1));
    }
}
