/**
 * CivicLoop points: a rules engine that turns ticket and civic events into awards, a double-entry
 * ledger with lots, expiry and a lock period, the community points supermarket (积分超市) and
 * honours. Jackson reads the rules; no third-party type appears in an exported signature.
 */
module dev.civicloop.points {
    requires transitive dev.civicloop.core;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.civicloop.points;
}
