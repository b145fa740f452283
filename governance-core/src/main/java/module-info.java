/**
 * The CivicLoop ticket workflow engine. Build one with {@code GovernanceEngine.builder()}, or
 * with Guice through {@code dev.civicloop.core.guice.GovernanceModule} (Guice is optional).
 */
module dev.civicloop.core {
    requires transitive dev.civicloop.spi;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires static com.google.guice;
    requires static jakarta.inject;

    exports dev.civicloop.core;
    exports dev.civicloop.core.command;
    exports dev.civicloop.core.workflow;
    exports dev.civicloop.core.guice;
    // Guice calls the @Provides method reflectively.
    opens dev.civicloop.core.guice to com.google.guice;
}
