/**
 * CivicLoop's contracts: the domain values of the glossary, the ticket events, the storage,
 * outbox, notification, ledger, catalogue, member and media SPIs, and the exception hierarchy. No logic beyond validation,
 * except the in-memory catalogue behind {@code CatalogueStore.inMemory()}.
 */
module dev.civicloop.spi {
    exports dev.civicloop.spi;
    exports dev.civicloop.spi.model;
    exports dev.civicloop.spi.event;
    exports dev.civicloop.spi.store;
    exports dev.civicloop.spi.notify;
    exports dev.civicloop.spi.ledger;
    exports dev.civicloop.spi.catalogue;
    exports dev.civicloop.spi.member;
    exports dev.civicloop.spi.media;
    // Shared validation helpers for the core's command records; not an API.
    exports dev.civicloop.spi.internal to dev.civicloop.core;
}
