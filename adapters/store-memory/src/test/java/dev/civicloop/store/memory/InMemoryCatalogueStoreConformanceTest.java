package dev.civicloop.store.memory;

import dev.civicloop.spi.catalogue.CatalogueStore;
import dev.civicloop.tck.CatalogueStoreCompatibilityKit;

/** The in-memory catalogue store passes the catalogue conformance kit. */
class InMemoryCatalogueStoreConformanceTest extends CatalogueStoreCompatibilityKit {
    @Override
    protected CatalogueStore newStore() {
        return new InMemoryCatalogueStore();
    }
}
