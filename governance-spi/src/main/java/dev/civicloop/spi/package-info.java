/**
 * The exception hierarchy: {@link dev.civicloop.spi.GovernanceException} and the causes a caller
 * can catch one by one.
 */
package dev.civicloop.spi;
