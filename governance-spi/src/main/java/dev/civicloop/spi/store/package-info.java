/** Storage contracts: the ticket event store with its outbox, queries and global event feed. */
package dev.civicloop.spi.store;
