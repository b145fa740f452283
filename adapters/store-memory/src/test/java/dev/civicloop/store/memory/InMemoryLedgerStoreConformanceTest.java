package dev.civicloop.store.memory;

import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.spi.store.OutboxStore;
import dev.civicloop.tck.LedgerStoreCompatibilityKit;

/** The in-memory ledger store passes the ledger conformance kit, writing notifications to its outbox. */
class InMemoryLedgerStoreConformanceTest extends LedgerStoreCompatibilityKit {
    private InMemoryOutbox outbox;

    @Override
    protected LedgerStore newStore() {
        outbox = new InMemoryOutbox();
        return new InMemoryLedgerStore(outbox);
    }

    @Override
    protected OutboxStore outbox() {
        return outbox;
    }
}
