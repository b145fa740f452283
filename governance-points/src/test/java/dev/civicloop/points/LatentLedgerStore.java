package dev.civicloop.points;

import dev.civicloop.spi.ledger.AccountHistory;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.LedgerAppend;
import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.ledger.StoredPosting;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * A store that answers account reads after a pause, like a database across a network, so that
 * concurrent redemptions really overlap between their read and their append.
 */
final class LatentLedgerStore implements LedgerStore {
    private final LedgerStore delegate;
    private final long pauseNanos;

    LatentLedgerStore(LedgerStore delegate, long pauseNanos) {
        this.delegate = delegate;
        this.pauseNanos = pauseNanos;
    }

    @Override
    public List<StoredPosting> append(LedgerAppend append) {
        return delegate.append(append);
    }

    @Override
    public Optional<StoredPosting> find(PostingId id) {
        return delegate.find(id);
    }

    @Override
    public AccountHistory account(AccountId account) {
        AccountHistory h = delegate.account(account);
        LockSupport.parkNanos(pauseNanos);
        return h;
    }

    @Override
    public Map<AccountId, Long> balances(String asset) {
        return delegate.balances(asset);
    }

    @Override
    public List<StoredPosting> readAfter(long afterPosition, int limit) {
        return delegate.readAfter(afterPosition, limit);
    }
}
