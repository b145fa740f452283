package dev.civicloop.members;

import static dev.civicloop.members.EnrolmentCity.GRID_6;
import static dev.civicloop.members.EnrolmentCity.JINGSHAN_STAFF;
import static dev.civicloop.members.EnrolmentCity.YUANHANG_STAFF;
import static dev.civicloop.members.EnrolmentCity.wangBin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.spi.NotAuthorized;
import dev.civicloop.spi.TransitionNotAllowed;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.Department;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Recipient;
import dev.civicloop.spi.store.OutboxEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 您的报名已通过: every enrolment step tells the member through the outbox the member store shares
 * with the ticket store, written with the event, delivered by the engine, never twice; a refused
 * command tells no one. The deprecated after-commit hook still hears of each committed step once.
 */
class MemberNoticesTest {
    private static final ActorId WANG = ActorId.of("wang-bin");
    private static final Instant FAR_FUTURE = Instant.parse("2036-01-01T00:00:00Z");

    private final EnrolmentCity city = new EnrolmentCity();
    private final List<Notification> delivered = new ArrayList<>();
    private final GovernanceEngine engine = GovernanceEngine.builder().store(city.tickets).clock(city.clock)
            .orgUnits(EnrolmentCity.ORG_UNITS)
            .departments(List.of(Department.of("municipal", "市政设施管理处", "Municipal facilities")))
            .categories(List.of(EnrolmentCity.MANHOLE)).notifier(delivered::add).build();

    private List<Notification> pending() {
        return city.outbox.due(FAR_FUTURE, 100).stream().map(OutboxEntry::notification).toList();
    }

    @Test
    void approvingTheRiderPutsOneNoticeForHimInTheSharedOutboxAndTheEngineDeliversIt() {
        Members members = city.members();
        members.apply(city.cmd(), wangBin());
        engine.deliverNotifications();
        delivered.clear();

        members.approve(CommandId.of("approve-wang"), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6).inTeam("qiju-3"));

        List<Notification> pending = pending();
        assertEquals(1, pending.size(), "one notice pending: " + pending);
        Notification n = pending.get(0);
        assertEquals("member.approved:member:wang-bin@2", n.id(), "derived from the event's stream and version");
        assertEquals("member.approved", n.topic());
        assertEquals(Recipient.actor("wang-bin"), n.recipient());
        assertNull(n.ticketId(), "about no ticket");
        assertEquals(city.clock.instant(), n.createdAt());
        assertEquals(Map.of("text", "您的报名已通过：远航社区 第六网格，服务队 qiju-3（联系电话 138****5678）。",
                "community", "yuanhang"), n.data());

        engine.deliverNotifications();
        assertEquals(List.of(n), delivered, "the engine delivered the notice from the ticket store's outbox");
        assertEquals(0, city.outbox.pendingCount());
    }

    @Test
    void aRetriedApprovalAddsNoSecondNotice() {
        Members members = city.members();
        members.apply(city.cmd(), wangBin());
        Approval approval = Approval.toGrid(GRID_6);
        MemberView first = members.approve(CommandId.of("approve-wang"), YUANHANG_STAFF, WANG, approval);
        assertEquals(2, city.outbox.pendingCount(), "applied and approved");

        MemberView again = members.approve(CommandId.of("approve-wang"), YUANHANG_STAFF, WANG, approval);
        assertEquals(first, again, "the retry returns the first result");
        assertEquals(2, city.outbox.pendingCount(), "the retry added nothing");
        engine.deliverNotifications();
        members.approve(CommandId.of("approve-wang"), YUANHANG_STAFF, WANG, approval);
        assertEquals(0, city.outbox.pendingCount(), "a retry after delivery added nothing either");
        assertEquals(List.of("member.applied", "member.approved"), delivered.stream().map(Notification::topic).toList());
    }

    @Test
    void aRefusedCommandTellsNoOne() {
        Members members = city.members();
        members.apply(city.cmd(), wangBin());
        engine.deliverNotifications();

        assertThrows(NotAuthorized.class, () -> members.approve(city.cmd(), JINGSHAN_STAFF, WANG, Approval.toGrid(GRID_6)),
                "staff of another community");
        assertThrows(TransitionNotAllowed.class, () -> members.reinstate(city.cmd(), YUANHANG_STAFF, WANG),
                "an applicant cannot be reinstated");
        assertThrows(TransitionNotAllowed.class, () -> members.apply(city.cmd(), wangBin()), "applying twice");

        assertEquals(List.of(), pending(), "no notice of a refused command");
    }

    @Test
    void everyStepButErasureTellsTheMemberInOrder() {
        Members members = city.members();
        members.apply(city.cmd(), wangBin());
        members.approve(city.cmd(), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6));
        members.suspend(city.cmd(), YUANHANG_STAFF, WANG, "连续三次虚假上报");
        members.reinstate(city.cmd(), YUANHANG_STAFF, WANG);
        members.leave(city.cmd(), Actor.reporter("wang-bin", Role.MOBILE_GRID_MEMBER), WANG, null);
        city.clock.advance(java.time.Duration.ofDays(181));
        assertEquals(1, members.erasePersonalDataDue());

        engine.deliverNotifications();
        assertEquals(List.of("member.applied@1", "member.approved@2", "member.suspended@3", "member.reinstated@4",
                "member.left@5"), delivered.stream().map(n -> n.topic() + n.id().substring(n.id().indexOf('@'))).toList());
        assertEquals("您的移动网格员身份已暂停：连续三次虚假上报（联系电话 138****5678）。", delivered.get(2).data().get("text"));
    }

    @Test
    @SuppressWarnings("deprecation")
    void theDeprecatedHookHearsOfEachCommittedStepOnceAfterTheOutboxHasIt() {
        List<MemberNotice> heard = new ArrayList<>();
        List<Long> pendingWhenHeard = new ArrayList<>();
        Members members = city.membersBuilder().notices(n -> {
            heard.add(n);
            pendingWhenHeard.add(city.outbox.pendingCount());
        }).build();
        members.apply(city.cmd(), wangBin());
        members.approve(CommandId.of("approve-wang"), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6));
        members.approve(CommandId.of("approve-wang"), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6));

        assertEquals(List.of("member.applied", "member.approved"), heard.stream().map(MemberNotice::topic).toList(),
                "once per committed step, not for the retry");
        assertEquals(List.of(1L, 2L), pendingWhenHeard, "called after the notice was committed to the outbox");
        assertEquals(pending().get(1).data().get("text"), heard.get(1).text(), "the same text as the outbox's");
    }

    @Test
    @SuppressWarnings("deprecation")
    void aHookThatThrowsDoesNotFailTheCommandAndTheNoticeIsStillInTheOutbox() {
        Members members = city.membersBuilder().notices(n -> {
            throw new IllegalStateException("push gateway down");
        }).build();
        MemberView applied = members.apply(city.cmd(), wangBin());
        assertEquals(MemberStatus.APPLIED, applied.status());
        assertEquals(List.of("member.applied"), pending().stream().map(Notification::topic).toList());
    }
}
