/**
 * The catalogue SPI: the points supermarket's {@link dev.civicloop.spi.catalogue.CatalogueItem
 * items}, kept as versioned {@link dev.civicloop.spi.catalogue.CatalogueEntry entries} by a
 * {@link dev.civicloop.spi.catalogue.CatalogueStore}. Stock is not here: it lives in the ledger.
 */
package dev.civicloop.spi.catalogue;
