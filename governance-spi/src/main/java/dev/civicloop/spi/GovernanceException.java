package dev.civicloop.spi;

/**
 * Base of every exception CivicLoop throws on purpose. Unchecked; catch a subclass to react to
 * one cause ({@link ConcurrencyConflict} is the one worth retrying).
 */
public abstract class GovernanceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected GovernanceException(String message) {
        super(message);
    }

    protected GovernanceException(String message, Throwable cause) {
        super(message, cause);
    }
}
