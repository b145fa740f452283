package dev.civicloop.spi.ledger;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where postings are kept. Implementations must be thread-safe and, for shared databases, safe
 * across processes: the version check and the id uniqueness are enforced where the data lives
 * (unique keys), not only in Java. The points module checks balances, lots and limits against an
 * account's history and appends under that history's version, so a concurrent redemption either
 * sees the other's posting or fails with {@link dev.civicloop.spi.ConcurrencyConflict} and retries.
 *
 * <p>Prove an adapter with the conformance kit's {@code LedgerStoreCompatibilityKit}.
 */
public interface LedgerStore {

    /**
     * Appends the postings atomically, all or none, and returns them with their positions.
     *
     * @throws dev.civicloop.spi.ConcurrencyConflict a guarded account is no longer at its expected
     *     version; nothing was written
     * @throws dev.civicloop.spi.DuplicatePosting a posting id is already stored; nothing was
     *     written (the caller compares with {@link #find} to tell a retry from a clash)
     */
    List<StoredPosting> append(LedgerAppend append);

    /** The posting with this id, if stored. */
    Optional<StoredPosting> find(PostingId id);

    /** Every posting that touched the account, oldest first, with the account's version. Unknown accounts are empty at version 0. */
    AccountHistory account(AccountId account);

    /** The balance of every account that holds the asset (accounts never touched are absent); they sum to zero. */
    Map<AccountId, Long> balances(String asset);

    /** Postings after a global position, in position order, at most {@code limit}. */
    List<StoredPosting> readAfter(long afterPosition, int limit);
}
