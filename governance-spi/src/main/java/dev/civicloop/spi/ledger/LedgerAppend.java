package dev.civicloop.spi.ledger;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.internal.Check;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One atomic ledger write: the postings (all or none), and the version every guarded account
 * must still be at. An account's version is the number of postings that touched it; the caller
 * read the account at that version and checked its rules (balance, lots, limits) against it, so
 * the store only has to refuse the write if any guarded account moved on since. A guarded account
 * need not be touched by the postings; version 0 means the account was never touched.
 */
public record LedgerAppend(List<Posting> postings, Map<AccountId, Long> expectedVersions) {
    public LedgerAppend {
        postings = List.copyOf(Check.noNulls("postings", postings));
        expectedVersions = Map.copyOf(Check.notNull("expectedVersions", expectedVersions));
        if (postings.isEmpty()) {
            throw new InvalidInput("postings", "must hold at least one posting");
        }
        Set<PostingId> ids = new HashSet<>();
        for (int i = 0; i < postings.size(); i++) {
            if (!ids.add(postings.get(i).id())) {
                throw new InvalidInput("postings[" + i + "].id", postings.get(i).id() + " appears twice in one append");
            }
        }
        expectedVersions.forEach((a, v) -> {
            if (v < 0) {
                throw new InvalidInput("expectedVersions." + a, "must be 0 or more, was " + v);
            }
        });
    }

    /** An append of postings whose accounts are not guarded (e.g. restocking from supply). */
    public static LedgerAppend unguarded(List<Posting> postings) {
        return new LedgerAppend(postings, Map.of());
    }
}
