/**
 * Conformance kit for storage adapters: extend
 * {@link dev.civicloop.tck.TicketStoreCompatibilityKit}; build values with
 * {@link dev.civicloop.tck.TicketFixtures}.
 */
package dev.civicloop.tck;
