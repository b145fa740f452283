package dev.civicloop.spi.member;

/**
 * Something that happened to a member, team, service task or activity. Events carry no personal
 * data (names, phone and ID numbers live in {@link PersonalData}, which can be erased), only
 * pseudonymous ids, so a stream stays whole after a member leaves. Implementations are records;
 * {@link #type()} names the event for storage and for points rules (e.g. {@code task.completed}).
 */
public interface MemberEvent {
    /** A stable, dotted name: {@code member.applied}, {@code task.completed}, {@code activity.attended}… */
    String type();
}
