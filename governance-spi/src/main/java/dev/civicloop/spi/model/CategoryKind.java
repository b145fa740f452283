package dev.civicloop.spi.model;

/**
 * What a category counts as in statistics: a hazard removed, a dispute mediated, a suggestion,
 * a worker's own grievance (诉求), or anything else.
 */
public enum CategoryKind {
    HAZARD,
    DISPUTE,
    SUGGESTION,
    GRIEVANCE,
    OTHER
}
