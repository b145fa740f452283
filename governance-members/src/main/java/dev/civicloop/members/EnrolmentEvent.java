package dev.civicloop.members;

import dev.civicloop.spi.member.MemberEvent;
import dev.civicloop.spi.model.OrgUnitId;

/**
 * An event of a member's enrolment, in the stream {@code member:<id>}. None carries personal data
 * (name, phone, ID number); free-text reasons are stored with any phone or ID number masked.
 */
public sealed interface EnrolmentEvent extends MemberEvent
        permits MemberApplied, MemberApproved, MemberRefused, MemberSuspended, MemberReinstated, MemberLeft,
        MemberDataErased {
    /** The community the member applied to or belongs to. */
    OrgUnitId community();
}
