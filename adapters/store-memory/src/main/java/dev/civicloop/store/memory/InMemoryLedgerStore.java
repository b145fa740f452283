package dev.civicloop.store.memory;

import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.DuplicatePosting;
import dev.civicloop.spi.InvalidInput;
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
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link LedgerStore} in memory. Thread-safe: every operation runs under one lock, so an append
 * is atomic and positions (1, 2, 3, …) follow commit order exactly. Nothing survives the JVM.
 *
 * <p>An append's notifications go to the store's {@link InMemoryOutbox}, together with its
 * postings. Share one outbox with the ticket store and the engine delivers them:
 *
 * <pre>{@code
 * InMemoryOutbox outbox = new InMemoryOutbox();
 * InMemoryTicketStore tickets = new InMemoryTicketStore(outbox);
 * InMemoryLedgerStore ledger = new InMemoryLedgerStore(outbox);
 * GovernanceEngine engine = GovernanceEngine.builder().store(tickets)…build();
 * engine.deliverNotifications();   // ticket notifications and points awarded alike
 * }</pre>
 */
public final class InMemoryLedgerStore implements LedgerStore {
    private final ReentrantLock lock = new ReentrantLock();
    private final InMemoryOutbox outbox;
    private final List<StoredPosting> feed = new ArrayList<>();
    private final Map<PostingId, StoredPosting> byId = new HashMap<>();
    private final Map<AccountId, List<StoredPosting>> byAccount = new HashMap<>();
    private final Map<String, Map<AccountId, Long>> balances = new HashMap<>();

    /** An empty ledger with an outbox of its own (no one delivers its notifications unless they ask it). */
    public InMemoryLedgerStore() {
        this(new InMemoryOutbox());
    }

    /** An empty ledger writing the notifications of its appends to {@code outbox}. */
    public InMemoryLedgerStore(InMemoryOutbox outbox) {
        if (outbox == null) {
            throw new InvalidInput("outbox", "is required");
        }
        this.outbox = outbox;
    }

    /** The outbox this ledger writes notifications to. */
    public InMemoryOutbox outbox() {
        return outbox;
    }

    @Override
    public List<StoredPosting> append(LedgerAppend append) {
        if (append == null) {
            throw new InvalidInput("append", "is required");
        }
        lock.lock();
        try {
            for (Posting p : append.postings()) {
                if (byId.containsKey(p.id())) {
                    throw new DuplicatePosting(p.id().value(), "is already stored");
                }
            }
            for (Map.Entry<AccountId, Long> e : append.expectedVersions().entrySet()) {
                long actual = byAccount.getOrDefault(e.getKey(), List.of()).size();
                if (actual != e.getValue()) {
                    throw ConcurrencyConflict.onAccount(e.getKey().value(), e.getValue(), actual);
                }
            }
            // Every check of this store passed; the outbox checks the notification ids, then runs the
            // writes below (which cannot fail) and adds the notifications: all or nothing.
            List<StoredPosting> out = new ArrayList<>(append.postings().size());
            outbox.append(append.notifications(), () -> {
                for (Posting p : append.postings()) {
                    StoredPosting s = new StoredPosting(feed.size() + 1L, p);
                    feed.add(s);
                    byId.put(p.id(), s);
                    byAccount.computeIfAbsent(p.debit(), a -> new ArrayList<>()).add(s);
                    byAccount.computeIfAbsent(p.credit(), a -> new ArrayList<>()).add(s);
                    Map<AccountId, Long> asset = balances.computeIfAbsent(p.asset(), a -> new HashMap<>());
                    asset.merge(p.debit(), -p.amount(), Long::sum);
                    asset.merge(p.credit(), p.amount(), Long::sum);
                    out.add(s);
                }
            });
            return List.copyOf(out);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<StoredPosting> find(PostingId id) {
        if (id == null) {
            throw new InvalidInput("id", "is required");
        }
        lock.lock();
        try {
            return Optional.ofNullable(byId.get(id));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public AccountHistory account(AccountId account) {
        if (account == null) {
            throw new InvalidInput("account", "is required");
        }
        lock.lock();
        try {
            List<StoredPosting> ps = byAccount.getOrDefault(account, List.of());
            return new AccountHistory(account, ps.size(), ps);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Map<AccountId, Long> balances(String asset) {
        if (asset == null) {
            throw new InvalidInput("asset", "is required");
        }
        lock.lock();
        try {
            return Map.copyOf(new TreeMap<>(balances.getOrDefault(asset, Map.of())));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<StoredPosting> readAfter(long afterPosition, int limit) {
        if (afterPosition < 0) {
            throw new InvalidInput("afterPosition", "must be 0 or more, was " + afterPosition);
        }
        if (limit < 1) {
            throw new InvalidInput("limit", "must be at least 1, was " + limit);
        }
        lock.lock();
        try {
            int from = (int) Math.min(afterPosition, feed.size());
            return List.copyOf(feed.subList(from, Math.min(feed.size(), from + limit)));
        } finally {
            lock.unlock();
        }
    }
}
