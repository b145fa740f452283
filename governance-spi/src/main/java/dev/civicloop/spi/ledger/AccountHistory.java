package dev.civicloop.spi.ledger;

import java.util.List;

/**
 * Every posting that touched an account, oldest first, and the account's version (their count).
 */
public record AccountHistory(AccountId account, long version, List<StoredPosting> postings) {
    public AccountHistory {
        postings = List.copyOf(postings);
    }

    /** The account's balance of one asset: credits minus debits. */
    public long balance(String asset) {
        long b = 0;
        for (StoredPosting p : postings) {
            if (p.posting().asset().equals(asset)) {
                b += p.posting().effectOn(account);
            }
        }
        return b;
    }
}
