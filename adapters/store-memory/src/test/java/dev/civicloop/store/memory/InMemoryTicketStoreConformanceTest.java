package dev.civicloop.store.memory;

import dev.civicloop.spi.store.TicketStore;
import dev.civicloop.tck.TicketStoreCompatibilityKit;

/** The in-memory store passes the conformance kit. */
class InMemoryTicketStoreConformanceTest extends TicketStoreCompatibilityKit {
    @Override
    protected TicketStore createStore() {
        return new InMemoryTicketStore();
    }
}
