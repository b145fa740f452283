package dev.civicloop.spi.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Recipient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A member append carries the notices its events cause; one append cannot carry one notice twice. */
class MemberAppendTest {
    private static final Instant NOW = Instant.parse("2026-11-23T01:00:00Z");
    private static final ActorId RIDER = ActorId.of("wang-bin");

    private record Approved(ActorId member) implements MemberEvent {
        @Override
        public String type() {
            return "member.approved";
        }
    }

    private static final MemberEnvelope APPROVED = new MemberEnvelope("member:wang-bin", 2, NOW, ActorId.of("li-na"),
            CommandId.of("approve-wang-bin"), new Approved(RIDER));

    private static Notification notice(String id) {
        return new Notification(id, "member.approved", Recipient.actor(RIDER.value()), null, NOW, false,
                Map.of("text", "您的报名已通过"));
    }

    @Test
    void anAppendWithoutNotificationsCarriesNoneAndWithNotificationsReplacesThem() {
        MemberAppend plain = new MemberAppend("member:wang-bin", 1, List.of(APPROVED));
        assertEquals(List.of(), plain.notifications());
        Notification n = notice("member.approved:member:wang-bin@2");
        MemberAppend noticed = plain.withNotifications(List.of(n));
        assertEquals(List.of(n), noticed.notifications());
        assertEquals(plain.events(), noticed.events());
        assertEquals(List.of(), noticed.withNotifications(List.of()).notifications(), "replaced, not added to");
    }

    @Test
    void theSameNotificationIdTwiceInOneAppendIsRefusedNamingTheSecond() {
        MemberAppend plain = new MemberAppend("member:wang-bin", 1, List.of(APPROVED));
        InvalidInput e = assertThrows(InvalidInput.class, () -> plain.withNotifications(List.of(
                notice("member.approved:member:wang-bin@2"), notice("other"), notice("member.approved:member:wang-bin@2"))));
        assertEquals("notifications[2].id", e.field());
        assertTrue(e.rule().contains("appears twice"), e.getMessage());
    }

    @Test
    void aNullNotificationListOrElementIsRefusedNamingTheField() {
        MemberAppend plain = new MemberAppend("member:wang-bin", 1, List.of(APPROVED));
        assertEquals("notifications", assertThrows(InvalidInput.class, () -> plain.withNotifications(null)).field());
        List<Notification> withNull = new ArrayList<>();
        withNull.add(notice("a"));
        withNull.add(null);
        assertEquals("notifications[1]", assertThrows(InvalidInput.class, () -> plain.withNotifications(withNull)).field());
    }

    @Test
    void theNotificationsCannotBeChangedThroughTheListGiven() {
        List<Notification> given = new ArrayList<>(List.of(notice("a")));
        MemberAppend append = new MemberAppend("member:wang-bin", 1, List.of(APPROVED), given);
        given.add(notice("b"));
        assertEquals(1, append.notifications().size());
    }
}
