package dev.civicloop.points;

import dev.civicloop.spi.ledger.StoredPosting;

/**
 * What a penalty took. A balance never goes negative, so a penalty takes what the member has (not
 * counting expired lots) up to the amount asked, and records the rest as the shortfall.
 *
 * @param posting the penalty's posting: points from the member to {@code system:penalties}, or,
 *     when there was nothing to take, a memo of {@link PointsLedger#UNCOLLECTED} the other way
 * @param requested the points the penalty asked for
 * @param taken the points actually taken (0 to {@code requested})
 * @param shortfall {@code requested - taken}
 */
public record Penalty(StoredPosting posting, long requested, long taken, long shortfall) {}
