package dev.civicloop.members;

import static dev.civicloop.members.EnrolmentCity.GRID_6;
import static dev.civicloop.members.EnrolmentCity.YUANHANG;
import static dev.civicloop.members.EnrolmentCity.YUANHANG_STAFF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.core.TicketView;
import dev.civicloop.spi.member.IdentityVerifier;
import dev.civicloop.spi.member.MemberEnvelope;
import dev.civicloop.spi.member.PersonalData;
import dev.civicloop.spi.member.StoredMemberEvent;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Occupation;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.store.OutboxEntry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 138****5678: the whole life of a member, with a distinctive phone and ID number, and a scan of
 * every view, log line, notice in the outbox (pending and delivered), notification, event and
 * error message it produced.
 */
class PersonalDataMaskingTest {
    private static final String PHONE = "13887655678";
    private static final String MASKED_PHONE = "138****5678";
    private static final String ID_NUMBER = "23060219900101123X";
    private static final String MASKED_ID = "230602********123X";
    private static final ActorId LIU = ActorId.of("liu-courier");

    private final EnrolmentCity city = new EnrolmentCity();
    private static final Instant FAR_FUTURE = Instant.parse("2036-01-01T00:00:00Z");

    private final List<Notification> notifications = new ArrayList<>();
    private final List<OutboxEntry> pending = new ArrayList<>();
    private final List<String> seen = new ArrayList<>();

    @Test
    void noUnmaskedPhoneOrIdNumberInAnyViewLogLineNoticeNotificationOutboxEntryEventOrError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        List<MemberView> views = new ArrayList<>();
        try {
            views.addAll(runTheWholeLife());
        } finally {
            System.err.flush();
            System.setErr(original);
        }
        String log = err.toString(StandardCharsets.UTF_8);
        original.print(log);

        // The capture worked: our log lines are in it, the phone only masked.
        assertTrue(log.contains("member liu-courier: member.approved in yuanhang by yuanhang-staff"), log);
        assertTrue(log.contains(MASKED_PHONE), "the applied line shows the masked phone: " + log);
        // Views show the phone masked while the member is enrolled.
        assertEquals(MASKED_PHONE, views.get(0).maskedPhone());
        assertEquals(MASKED_ID, views.get(0).maskedIdNumber());
        List<Notification> notices = notifications.stream().filter(n -> n.topic().startsWith("member.")).toList();
        assertEquals(List.of("member.applied", "member.approved", "member.suspended", "member.reinstated", "member.left"),
                notices.stream().map(Notification::topic).toList(), "the notices the engine delivered from the outbox");
        assertTrue(notices.stream().anyMatch(n -> n.data().get("text").contains(MASKED_PHONE)), notices.toString());
        assertTrue(notifications.stream().anyMatch(n -> n.ticketId() != null), "the engine notified about the ticket");
        assertFalse(pending.isEmpty(), "the outbox was scanned before delivery");

        seen.add(log);
        views.forEach(v -> seen.add(v.toString()));
        notifications.forEach(n -> {
            seen.add(n.toString());
            seen.addAll(n.data().values());
        });
        pending.forEach(e -> {
            seen.add(e.toString());
            seen.addAll(e.notification().data().values());
        });
        for (StoredMemberEvent s : city.store.readAfter(0, 1000)) {
            seen.add(s.toString());
            seen.add(s.envelope().event().attributes().toString());
        }
        assertTrue(seen.size() > 20, "scanned " + seen.size() + " texts");
        for (String text : seen) {
            assertFalse(text.contains(PHONE), "unmasked phone in: " + text);
            assertFalse(text.contains(ID_NUMBER), "unmasked ID number in: " + text);
            assertFalse(text.contains("87655678"), "phone digits in: " + text);
        }
    }

    private List<MemberView> runTheWholeLife() {
        List<MemberView> views = new ArrayList<>();
        PersonalData data = new PersonalData("刘强", PHONE, ID_NUMBER, EnrolmentCity.START, "civicloop-privacy-v1");
        Application application = Application.of(LIU, YUANHANG, Occupation.COURIER, "sf-express", data);

        // A real-name check that echoes what it was given in its reason.
        Members strict = city.membersBuilder()
                .identityVerifier(d -> IdentityVerifier.Result.failed("手机号 " + d.phone() + " 与身份证 " + d.idNumber()
                        + " 不匹配"))
                .build();
        IdentityNotVerified refused = assertThrows(IdentityNotVerified.class, () -> strict.apply(city.cmd(), application));
        seen.add(refused.getMessage());
        seen.add(refused.reason());
        assertEquals("手机号 " + MASKED_PHONE + " 与身份证 " + MASKED_ID + " 不匹配", refused.reason());
        seen.add(application.toString());
        seen.add(data.toString());

        Members members = city.membersBuilder().build();
        GovernanceEngine engine = GovernanceEngine.builder().store(city.tickets).outbox(city.tickets).clock(city.clock)
                .orgUnits(EnrolmentCity.ORG_UNITS)
                .departments(List.of(dev.civicloop.spi.model.Department.of("municipal", "市政设施管理处", "Municipal")))
                .categories(List.of(EnrolmentCity.MANHOLE)).ticketIds(() -> TicketId.of("T1"))
                .notifier(notifications::add).actors(members.directory()).build();

        views.add(members.apply(city.cmd(), application));
        views.add(members.approve(city.cmd(), YUANHANG_STAFF, LIU, Approval.toGrid(GRID_6).inTeam("qiju-3")));
        TicketView t = engine.handle(EnrolmentCity.report(city.cmd(), LIU));
        seen.add(t.toString());
        engine.deliverNotifications();
        // Free text typed by staff and the member: the numbers in it are masked before they are kept.
        MemberView suspended = members.suspend(city.cmd(), YUANHANG_STAFF, LIU, "电话" + PHONE + "多次无法接通");
        assertEquals("电话" + MASKED_PHONE + "多次无法接通", suspended.reason());
        views.add(suspended);
        views.add(members.reinstate(city.cmd(), YUANHANG_STAFF, LIU));
        views.add(members.leave(city.cmd(), Actor.reporter(LIU.value(), Role.MOBILE_GRID_MEMBER), LIU,
                "身份证" + ID_NUMBER + "已迁出"));
        views.addAll(members.members(YUANHANG));
        assertEquals(PHONE, city.store.personalData(LIU).orElseThrow().phone(), "kept (in the vault) until erased");

        city.clock.advance(Duration.ofDays(180));
        assertEquals(1, members.erasePersonalDataDue());
        MemberView erased = members.member(LIU);
        views.add(erased);
        assertEquals(MemberView.ERASED, erased.maskedPhone());
        for (MemberEnvelope e : members.history(LIU)) {
            seen.add(e.toString());
        }
        // Every notice as the outbox keeps it (what a webhook or SMS gateway would be handed), then delivered.
        pending.addAll(city.outbox.due(FAR_FUTURE, 1000));
        engine.deliverNotifications();
        assertEquals(0, city.outbox.pendingCount(), "everything delivered");
        seen.add(engine.history(t.ticketId()).toString());
        return views;
    }
}
