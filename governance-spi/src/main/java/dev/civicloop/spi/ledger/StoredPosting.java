package dev.civicloop.spi.ledger;

/**
 * A posting as the store committed it, with its global position (grows in commit order, never
 * skips a posting committed late) for projections that keep their own checkpoint.
 */
public record StoredPosting(long position, Posting posting) {}
