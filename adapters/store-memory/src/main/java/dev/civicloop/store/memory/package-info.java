/**
 * The in-memory stores: {@link dev.civicloop.store.memory.InMemoryTicketStore},
 * {@link dev.civicloop.store.memory.InMemoryLedgerStore},
 * {@link dev.civicloop.store.memory.InMemoryMemberStore} and
 * {@link dev.civicloop.store.memory.InMemoryCatalogueStore}.
 */
package dev.civicloop.store.memory;
