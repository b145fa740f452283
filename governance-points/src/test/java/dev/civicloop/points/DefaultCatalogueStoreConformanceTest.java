package dev.civicloop.points;

import dev.civicloop.spi.catalogue.CatalogueStore;
import dev.civicloop.tck.CatalogueStoreCompatibilityKit;

/** {@link CatalogueStore#inMemory()}, the catalogue a supermarket gets when given none, passes the catalogue conformance kit. */
class DefaultCatalogueStoreConformanceTest extends CatalogueStoreCompatibilityKit {
    @Override
    protected CatalogueStore newStore() {
        return CatalogueStore.inMemory();
    }
}
