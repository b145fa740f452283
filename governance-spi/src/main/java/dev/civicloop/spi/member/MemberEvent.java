package dev.civicloop.spi.member;

import dev.civicloop.spi.model.ActorId;
import java.util.Map;

/**
 * Something that happened to a member, team, service task or activity. Events carry no personal
 * data (names, phone and ID numbers live in {@link PersonalData}, which can be erased), only
 * pseudonymous ids, so a stream stays whole after a member leaves. Implementations are records.
 *
 * <p>{@link #type()}, {@link #member()} and {@link #attributes()} are what other modules see
 * without knowing the record: the points module turns {@code task.completed} (hours) or
 * {@code activity.attended} into awards from them.
 */
public interface MemberEvent {
    /** A stable, dotted name: {@code member.applied}, {@code task.completed}, {@code activity.attended}… */
    String type();

    /** The member the event is about (who applied, claimed, attended…); null for events about no one member. */
    ActorId member();

    /** Plain values for rules and projections, e.g. {@code community}, {@code hours}, {@code task}; never personal data. */
    default Map<String, String> attributes() {
        return Map.of();
    }
}
