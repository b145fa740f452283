/**
 * The ticket workflow engine: {@link dev.civicloop.core.GovernanceEngine} and the read-side values
 * it returns (ticket views, timelines, statistics), plus the working-day calendar.
 */
package dev.civicloop.core;
