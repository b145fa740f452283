package dev.civicloop.spi;

/**
 * A ledger posting id is already stored. Posting ids are idempotency keys: the points module
 * turns a retry with the same content into the original posting, and a clash (same id, other
 * content, e.g. another amount) into this exception. A {@code LedgerStore} does no idempotency of
 * its own: it raises this for every stored id, also when the content is equal.
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
