package dev.civicloop.spi.ledger;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.notify.Notification;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One atomic ledger write: the postings (all or none), the version every guarded account must
 * still be at, and the notifications the postings cause. An account's version is the number of
 * postings that touched it; the caller read the account at that version and checked its rules
 * (balance, lots, limits) against it, so the store only has to refuse the write if any guarded
 * account moved on since. A guarded account need not be touched by the postings; version 0 means
 * the account was never touched.
 *
 * <p>The notifications (none by default) go to the transactional outbox the ledger shares with
 * the ticket store, in the same transaction as the postings: they are stored exactly when the
 * postings are. Derive their ids from the posting ids, so a replay cannot add a second one.
 *
 * <pre>{@code
 * LedgerAppend append = new LedgerAppend(List.of(award), Map.of(rider, 4L))
 *         .withNotifications(List.of(new Notification("points-awarded:" + award.id().value(), "points-awarded",
 *                 Recipient.actor("wang-bin"), null, now, false, Map.of("points", "10"))));
 * }</pre>
 */
public record LedgerAppend(List<Posting> postings, Map<AccountId, Long> expectedVersions,
        List<Notification> notifications) {
    public LedgerAppend {
        postings = List.copyOf(Check.noNulls("postings", postings));
        expectedVersions = Map.copyOf(Check.notNull("expectedVersions", expectedVersions));
        notifications = List.copyOf(Check.noNulls("notifications", notifications));
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
        Set<String> notificationIds = new HashSet<>();
        for (int i = 0; i < notifications.size(); i++) {
            if (!notificationIds.add(notifications.get(i).id())) {
                throw new InvalidInput("notifications[" + i + "].id",
                        notifications.get(i).id() + " appears twice in one append");
            }
        }
    }

    /** Postings under expected versions, without notifications. */
    public LedgerAppend(List<Posting> postings, Map<AccountId, Long> expectedVersions) {
        this(postings, expectedVersions, List.of());
    }

    /** An append of postings whose accounts are not guarded (e.g. restocking from supply). */
    public static LedgerAppend unguarded(List<Posting> postings) {
        return new LedgerAppend(postings, Map.of());
    }

    /** This append with these notifications (replacing any it had), written with the postings or not at all. */
    public LedgerAppend withNotifications(List<Notification> notifications) {
        return new LedgerAppend(postings, expectedVersions, notifications);
    }
}
