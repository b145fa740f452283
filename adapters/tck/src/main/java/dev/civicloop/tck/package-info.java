/**
 * Conformance kit for storage adapters: extend
 * {@link dev.civicloop.tck.TicketStoreCompatibilityKit} for a ticket store,
 * {@link dev.civicloop.tck.LedgerStoreCompatibilityKit} for a ledger store,
 * {@link dev.civicloop.tck.MemberStoreCompatibilityKit} for a member store and
 * {@link dev.civicloop.tck.CatalogueStoreCompatibilityKit} for a catalogue store; build values with
 * {@link dev.civicloop.tck.TicketFixtures}, {@link dev.civicloop.tck.LedgerFixtures} and
 * {@link dev.civicloop.tck.MemberFixtures}.
 */
package dev.civicloop.tck;
