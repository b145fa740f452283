/** Immutable domain values of the glossary; each validates itself and throws InvalidInput naming the field. */
package dev.civicloop.spi.model;
