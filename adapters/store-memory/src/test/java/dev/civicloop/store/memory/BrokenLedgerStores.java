package dev.civicloop.store.memory;

import dev.civicloop.spi.DuplicatePosting;
import dev.civicloop.spi.ledger.AccountHistory;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.LedgerAppend;
import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.ledger.StoredPosting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deliberately broken ledger stores, each a decorator over {@link InMemoryLedgerStore} with one
 * bug an adapter author could plausibly write. They exist to prove that the ledger conformance kit
 * catches those bugs (see {@link LedgerKitCatchesBrokenStoresTest}).
 */
final class BrokenLedgerStores {
    private BrokenLedgerStores() {}

    /** Forwards everything to an in-memory store; subclasses override the part they break. */
    abstract static class Delegating implements LedgerStore {
        final InMemoryLedgerStore delegate = new InMemoryLedgerStore();

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
            return delegate.account(account);
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

    /**
     * Writes the notifications in a step of their own before the postings, as a store that
     * inserts outbox rows outside the postings' transaction would: a refused append leaves its
     * notifications behind, and members are told of points they never got.
     */
    static final class NotifiesBeforeChecking extends Delegating {
        @Override
        public List<StoredPosting> append(LedgerAppend append) {
            if (append == null) {
                return delegate.append(null);
            }
            delegate.outbox().append(append.notifications(), () -> {});
            return delegate.append(new LedgerAppend(append.postings(), append.expectedVersions()));
        }
    }

    /** "Last writer wins": drops the expected versions, so a ConcurrencyConflict is never raised. */
    static final class IgnoresExpectedVersions extends Delegating {
        @Override
        public List<StoredPosting> append(LedgerAppend append) {
            return delegate.append(append == null ? null : LedgerAppend.unguarded(append.postings()));
        }
    }

    /**
     * Not atomic: writes each posting in a transaction of its own, checking the id and the guards
     * of the accounts that posting touches (shifted by the earlier postings of the same append),
     * so a duplicate id or a stale guard further down leaves the earlier postings written.
     */
    static final class NotAtomic extends Delegating {
        @Override
        public List<StoredPosting> append(LedgerAppend append) {
            if (append == null) {
                return delegate.append(null);
            }
            Map<AccountId, Long> expected = new HashMap<>(append.expectedVersions());
            List<StoredPosting> out = new ArrayList<>();
            for (int i = 0; i < append.postings().size(); i++) {
                Posting p = append.postings().get(i);
                Map<AccountId, Long> guards = new HashMap<>();
                for (AccountId a : List.of(p.debit(), p.credit())) {
                    Long v = expected.get(a);
                    if (v != null) {
                        guards.put(a, v);
                        expected.put(a, v + 1);
                    }
                }
                if (i == 0) {
                    // Guards on accounts no posting touches are checked with the first posting.
                    append.expectedVersions().forEach((a, v) -> {
                        if (append.postings().stream().noneMatch(q -> q.effectOn(a) != 0)) {
                            guards.put(a, v);
                        }
                    });
                }
                out.addAll(delegate.append(new LedgerAppend(List.of(p), guards)));
            }
            return List.copyOf(out);
        }
    }

    /** Idempotent by itself: an append whose postings are all stored with equal content returns them. */
    static final class IdempotentOnEqualContent extends Delegating {
        @Override
        public List<StoredPosting> append(LedgerAppend append) {
            try {
                return delegate.append(append);
            } catch (DuplicatePosting e) {
                List<StoredPosting> stored = new ArrayList<>();
                for (Posting p : append.postings()) {
                    Optional<StoredPosting> s = delegate.find(p.id());
                    if (s.isEmpty() || !s.get().posting().equals(p)) {
                        throw e;
                    }
                    stored.add(s.get());
                }
                return List.copyOf(stored);
            }
        }
    }

    /**
     * Loses a write under contention: when another append is in flight at the same moment, it
     * silently drops its own postings but reports success with made-up positions (think of a
     * swallowed serialization failure). A short sleep widens the window so appends really overlap.
     */
    static final class LosesPostingsUnderConcurrency extends Delegating {
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicLong madeUp = new AtomicLong(1_000_000);

        @Override
        public List<StoredPosting> append(LedgerAppend append) {
            inFlight.incrementAndGet();
            try {
                Thread.sleep(1);
                if (inFlight.get() > 1 && append != null) {
                    return append.postings().stream().map(p -> new StoredPosting(madeUp.incrementAndGet(), p)).toList();
                }
                return delegate.append(append);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    /** Returns readAfter pages out of order: each adjacent pair is swapped (an ORDER BY forgotten). */
    static final class ReadsAfterOutOfOrder extends Delegating {
        @Override
        public List<StoredPosting> readAfter(long afterPosition, int limit) {
            List<StoredPosting> out = new ArrayList<>(delegate.readAfter(afterPosition, limit));
            for (int i = 0; i + 1 < out.size(); i += 2) {
                StoredPosting first = out.get(i);
                out.set(i, out.get(i + 1));
                out.set(i + 1, first);
            }
            return List.copyOf(out);
        }
    }
}
