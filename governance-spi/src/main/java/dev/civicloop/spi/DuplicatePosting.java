package dev.civicloop.spi;

/**
 * A ledger posting id is already stored. Posting ids are idempotency keys: the points module
 * turns a retry with the same content into the original posting, and a clash (same id, other
 * content, e.g. another amount) into this exception.
 */
public class DuplicatePosting extends GovernanceException {
    private static final long serialVersionUID = 1L;
    private final String postingId;

    public DuplicatePosting(String postingId, String detail) {
        super("posting " + postingId + " " + detail);
        this.postingId = postingId;
    }

    public String postingId() {
        return postingId;
    }
}
