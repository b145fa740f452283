/**
 * Points: {@link dev.civicloop.points.PointsLedger the ledger}, the rules engine, the points
 * supermarket and honours.
 */
package dev.civicloop.points;
