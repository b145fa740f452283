/**
 * The points ledger SPI: double-entry {@link dev.civicloop.spi.ledger.Posting postings} between
 * {@link dev.civicloop.spi.ledger.AccountId accounts}, appended atomically under expected account
 * versions by a {@link dev.civicloop.spi.ledger.LedgerStore}.
 */
package dev.civicloop.spi.ledger;
