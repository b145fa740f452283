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
 * <p>The store does no idempotency: every posting id already stored is refused with
 * {@link dev.civicloop.spi.DuplicatePosting}, even when the new posting equals the stored one. The
 * points module turns an equal retry into the original posting (it compares with {@link #find}).
 *
 * <p>Positions are 1, 2, 3, … in commit order, without gaps: an append's postings take the next
 * consecutive positions in the order given, and a refused append takes none. A null argument, a
 * negative position or a limit below 1 is {@link dev.civicloop.spi.InvalidInput}. Returned lists
 * and maps are snapshots a caller cannot change the store through.
 *
 * <p>The ledger writes the notifications its postings cause (points awarded to a member) to the
 * same transactional outbox as the ticket store, so one {@link dev.civicloop.spi.store.OutboxStore}
 * delivers both: the JDBC stores share the {@code outbox} table of their database, the in-memory
 * stores an {@code InMemoryOutbox} they are built with.
 *
 * <p>Prove an adapter with the conformance kit's {@code LedgerStoreCompatibilityKit}.
 */
public interface LedgerStore {

    /**
     * Appends the postings atomically, all or none, and returns them with their positions (the
     * next consecutive ones, in the order given). Every guarded account is checked, also one that
     * none of the postings touches; expected version 0 means "never touched". The append's
     * {@linkplain LedgerAppend#notifications() notifications} are written to the store's
     * transactional outbox in the same transaction: pending, due at their creation, if and only if
     * the postings are stored.
     *
     * @throws dev.civicloop.spi.ConcurrencyConflict a guarded account is no longer at its expected
     *     version; nothing was written
     * @throws dev.civicloop.spi.DuplicatePosting a posting id is already stored, even with equal
     *     content; nothing was written (the caller compares with {@link #find} to tell a retry from
     *     a clash). When an append both reuses a stored id and carries a stale version, this wins:
     *     a retry whose first attempt was stored moved its own guarded account on
     * @throws dev.civicloop.spi.InvalidInput a notification id is already in the outbox (pending,
     *     dead or delivered); nothing was written
     */
    List<StoredPosting> append(LedgerAppend append);

    /** The posting with this id, if stored. */
    Optional<StoredPosting> find(PostingId id);

    /** Every posting that touched the account, oldest first, with the account's version. Unknown accounts are empty at version 0. */
    AccountHistory account(AccountId account);

    /**
     * The balance of every account a posting of the asset touched, also one back at zero (accounts
     * never touched by the asset are absent); they sum to zero.
     */
    Map<AccountId, Long> balances(String asset);

    /** Postings after a global position (0: from the first), in position order, at most {@code limit}. */
    List<StoredPosting> readAfter(long afterPosition, int limit);
}
