/**
 * The file-system media store: {@link dev.civicloop.media.fs.FileSystemMediaStore}, CivicLoop's
 * embedded default {@link dev.civicloop.spi.media.MediaStore}.
 */
package dev.civicloop.media.fs;
