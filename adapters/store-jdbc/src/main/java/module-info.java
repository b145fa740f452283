/**
 * CivicLoop on JDBC: the ticket store and outbox, the points ledger, the points supermarket's
 * catalogue and the member store, on H2 (file mode, the embedded default) or PostgreSQL (many
 * application nodes on one database).
 * Concurrency and idempotency are enforced by the database's unique keys, not only in Java.
 */
module dev.civicloop.store.jdbc {
    requires transitive dev.civicloop.spi;
    requires transitive java.sql;
    requires com.zaxxer.hikari;
    requires flyway.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires org.slf4j;

    exports dev.civicloop.store.jdbc;
    // Flyway reads the SQL migrations through ClassLoader.getResource, which finds a named module's
    // resources only in packages opened unconditionally (BUILD-NOTES pitfall 6): not `to flyway.core`.
    opens db.migration;
    opens db.postgresql;
}
