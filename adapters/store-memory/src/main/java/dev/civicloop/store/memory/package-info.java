/**
 * The in-memory stores: {@link dev.civicloop.store.memory.InMemoryTicketStore},
 * {@link dev.civicloop.store.memory.InMemoryLedgerStore} and
 * {@link dev.civicloop.store.memory.InMemoryMemberStore}; the in-memory catalogue is
 * {@code CatalogueStore.inMemory()} in the SPI.
 */
package dev.civicloop.store.memory;
