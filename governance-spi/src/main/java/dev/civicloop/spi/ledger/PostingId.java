package dev.civicloop.spi.ledger;

import dev.civicloop.spi.internal.Check;

/**
 * A posting's idempotency key: derived from (rule, event) for awards, from the reservation for
 * redemption steps, or supplied by the caller. At most 128 characters, no white space.
 */
public record PostingId(String value) implements Comparable<PostingId> {
    public PostingId {
        Check.id("postingId", value);
    }

    public static PostingId of(String value) {
        return new PostingId(value);
    }

    @Override
    public int compareTo(PostingId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
