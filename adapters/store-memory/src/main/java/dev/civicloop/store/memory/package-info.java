/** The in-memory store: {@link dev.civicloop.store.memory.InMemoryTicketStore}. */
package dev.civicloop.store.memory;
