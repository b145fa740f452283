package dev.civicloop.spi.ledger;

/**
 * A posting as the store committed it, with its global position (1, 2, 3, … in commit order,
 * without gaps, never skipping a posting committed late) for projections that keep their own
 * checkpoint.
 */
public record StoredPosting(long position, Posting posting) {}
