/**
 * A thread-safe in-memory {@code TicketStore}, {@code OutboxStore}, {@code LedgerStore},
 * {@code MemberStore} and {@code CatalogueStore}: for tests, demos and single-process embedding where losing state on
 * restart is acceptable.
 */
module dev.civicloop.store.memory {
    requires transitive dev.civicloop.spi;

    exports dev.civicloop.store.memory;
}
