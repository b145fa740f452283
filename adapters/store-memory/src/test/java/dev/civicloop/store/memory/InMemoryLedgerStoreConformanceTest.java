package dev.civicloop.store.memory;

import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.tck.LedgerStoreCompatibilityKit;

/** The in-memory ledger store passes the ledger conformance kit. */
class InMemoryLedgerStoreConformanceTest extends LedgerStoreCompatibilityKit {
    @Override
    protected LedgerStore newStore() {
        return new InMemoryLedgerStore();
    }
}
