/**
 * The in-memory stores: {@link dev.civicloop.store.memory.InMemoryTicketStore},
 * {@link dev.civicloop.store.memory.InMemoryLedgerStore} and
 * {@link dev.civicloop.store.memory.InMemoryMemberStore}.
 */
package dev.civicloop.store.memory;
