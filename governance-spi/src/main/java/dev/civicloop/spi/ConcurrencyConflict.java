package dev.civicloop.spi;

/**
 * Another writer appended to the same ticket first. Nothing of this attempt was stored; reload
 * and retry (the engine's commands are idempotent by command id, so a retry is always safe).
 */
public class ConcurrencyConflict extends GovernanceException {
    private static final long serialVersionUID = 1L;
    private final long expectedVersion;
    private final long actualVersion;

    public ConcurrencyConflict(String ticketId, long expectedVersion, long actualVersion) {
        super("ticket " + ticketId + ": expected version " + expectedVersion + " but it is at " + actualVersion);
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public long actualVersion() {
        return actualVersion;
    }
}
