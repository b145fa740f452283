package dev.civicloop.members;

/**
 * Where a member is in enrolment: applied → ACTIVE (approved, with a grid) or REFUSED; an active
 * member can be SUSPENDED and reinstated, and can leave (LEFT). Only ACTIVE members act.
 */
public enum MemberStatus {
    APPLIED,
    ACTIVE,
    REFUSED,
    SUSPENDED,
    LEFT
}
