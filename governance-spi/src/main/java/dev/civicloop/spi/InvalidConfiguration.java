package dev.civicloop.spi;

/**
 * A city's configuration (workflow, categories, org tree, calendar) is wrong. The message names
 * the source, the location in it and what was expected.
 */
public class InvalidConfiguration extends GovernanceException {
    private static final long serialVersionUID = 1L;

    public InvalidConfiguration(String message) {
        super(message);
    }

    public InvalidConfiguration(String message, Throwable cause) {
        super(message, cause);
    }
}
