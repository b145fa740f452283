/**
 * The media store SPI: where the photos, voice messages and videos of reports and results are
 * kept, addressed by the SHA-256 of their bytes, as {@link dev.civicloop.spi.model.Media} values.
 */
package dev.civicloop.spi.media;
