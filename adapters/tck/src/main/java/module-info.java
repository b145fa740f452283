/**
 * The storage conformance kit: {@code TicketStoreCompatibilityKit},
 * {@code LedgerStoreCompatibilityKit}, {@code MemberStoreCompatibilityKit} and
 * {@code CatalogueStoreCompatibilityKit}, abstract JUnit 5
 * suites every storage adapter extends, and {@code TicketFixtures} / {@code LedgerFixtures} /
 * {@code MemberFixtures} to build realistic test values.
 */
module dev.civicloop.tck {
    requires transitive dev.civicloop.spi;
    requires transitive org.junit.jupiter.api;

    exports dev.civicloop.tck;

    // JUnit discovers and invokes the kit's test methods reflectively.
    opens dev.civicloop.tck to org.junit.platform.commons;
}
