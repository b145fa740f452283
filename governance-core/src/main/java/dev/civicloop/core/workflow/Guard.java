package dev.civicloop.core.workflow;

/** An extra condition on a transition. */
public enum Guard {
    /** Always allowed. */
    NONE,
    /** Only when the ticket skipped verification (urgent category or trusted reporter). */
    VERIFICATION_SKIPPED
}
