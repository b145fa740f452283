package dev.civicloop.spi;

/**
 * Another writer appended to the same ticket (or ledger account) first. Nothing of this attempt
 * was stored; reload and retry (commands and postings are idempotent by id, so a retry is always
 * safe).
 */
public class ConcurrencyConflict extends GovernanceException {
    private static final long serialVersionUID = 1L;
    private final long expectedVersion;
    private final long actualVersion;

    /** A ticket moved on. */
    public ConcurrencyConflict(String ticketId, long expectedVersion, long actualVersion) {
        this(expectedVersion, actualVersion, "ticket " + ticketId);
    }

    private ConcurrencyConflict(long expectedVersion, long actualVersion, String subject) {
        super(subject + ": expected version " + expectedVersion + " but it is at " + actualVersion);
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /** A ledger account moved on. */
    public static ConcurrencyConflict onAccount(String account, long expectedVersion, long actualVersion) {
        return new ConcurrencyConflict(expectedVersion, actualVersion, "account " + account);
    }

    /** Any other versioned record moved on, e.g. {@code on("nomination n-7", 2, 3)}. */
    public static ConcurrencyConflict on(String subject, long expectedVersion, long actualVersion) {
        return new ConcurrencyConflict(expectedVersion, actualVersion, subject);
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public long actualVersion() {
        return actualVersion;
    }
}
