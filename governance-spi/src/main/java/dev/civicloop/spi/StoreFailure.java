package dev.civicloop.spi;

/** A storage or delivery adapter failed for a reason outside the caller's control (I/O, database). */
public class StoreFailure extends GovernanceException {
    private static final long serialVersionUID = 1L;

    public StoreFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
