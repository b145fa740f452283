/**
 * CivicLoop's file-system media store, the embedded default {@code MediaStore}: bytes addressed by
 * SHA-256 in a folder, a size limit, content types sniffed from the bytes (Apache Tika's magic
 * table, tika-core only), location metadata stripped from photos before they are hashed and kept.
 */
module dev.civicloop.media.fs {
    requires transitive dev.civicloop.spi;
    requires org.apache.tika.core;
    // tika-core is an automatic module: it reads every module but cannot ask for any to be
    // resolved, so the two it needs at run time are required here (JAXP for its MIME table,
    // commons-io in detection); without them a real module-path launch fails.
    requires java.xml;
    requires org.apache.commons.io;
    requires org.slf4j;

    exports dev.civicloop.media.fs;
}
