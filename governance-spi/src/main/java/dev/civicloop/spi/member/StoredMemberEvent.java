package dev.civicloop.spi.member;

/** An event as the store committed it, with its global position (grows in commit order). */
public record StoredMemberEvent(long position, MemberEnvelope envelope) {}
