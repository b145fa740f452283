package dev.civicloop.members;

import dev.civicloop.spi.model.ActorId;
import java.time.Instant;

/**
 * A message to a member about their enrolment (received, approved, refused, suspended,
 * reinstated, left). It reaches the member as a {@link dev.civicloop.spi.notify.Notification} in
 * the store's transactional outbox (topic, recipient the member, {@code text} in its data),
 * written with the event and delivered by the engine's notifier; this record is what the
 * deprecated after-commit hook {@link Members.Builder#notices} receives. The text shows the phone
 * number only masked ({@code 138****5678}); a gateway that needs the number looks it up itself
 * from the store's personal data vault, which is the city's decision to make.
 *
 * @param topic the event type that caused it, e.g. {@code member.approved}
 */
public record MemberNotice(ActorId member, String topic, String text, Instant at) {}
