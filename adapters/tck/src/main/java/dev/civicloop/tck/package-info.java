/**
 * Conformance kit for storage adapters: extend
 * {@link dev.civicloop.tck.TicketStoreCompatibilityKit} for a ticket store and
 * {@link dev.civicloop.tck.LedgerStoreCompatibilityKit} for a ledger store; build values with
 * {@link dev.civicloop.tck.TicketFixtures} and {@link dev.civicloop.tck.LedgerFixtures}.
 */
package dev.civicloop.tck;
