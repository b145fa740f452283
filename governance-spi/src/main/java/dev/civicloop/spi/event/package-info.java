/**
 * Ticket events: the sealed {@link dev.civicloop.spi.event.TicketEvent} hierarchy and its
 * envelopes.
 */
package dev.civicloop.spi.event;
