package dev.civicloop.members;

import static dev.civicloop.members.EnrolmentCity.GRID_6;
import static dev.civicloop.members.EnrolmentCity.YUANHANG_STAFF;
import static dev.civicloop.members.EnrolmentCity.wangBin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.core.TicketView;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Role;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On leave, personal data go after the retention period; the member's events and tickets stay, pseudonymised. */
class PersonalDataErasureTest {
    private static final ActorId WANG = ActorId.of("wang-bin");
    private static final Actor WANG_SELF = Actor.reporter("wang-bin", Role.MOBILE_GRID_MEMBER);

    private final EnrolmentCity city = new EnrolmentCity();
    private final Members members = city.members();

    @Test
    void personalDataAreErasedWhenTheRetentionPeriodAfterLeavingHasPassedAndNotBefore() {
        GovernanceEngine engine = city.engine(members);
        members.apply(city.cmd(), wangBin());
        members.approve(city.cmd(), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6));
        TicketView ticket = engine.handle(EnrolmentCity.report(city.cmd(), WANG));
        members.leave(city.cmd(), WANG_SELF, WANG, null);

        city.clock.advance(Duration.ofDays(180).minusSeconds(1));
        assertEquals(0, members.erasePersonalDataDue());
        assertEquals("王斌", members.member(WANG).name());
        assertTrue(city.store.personalData(WANG).isPresent());

        city.clock.advance(Duration.ofSeconds(1));
        assertEquals(1, members.erasePersonalDataDue());
        MemberView v = members.member(WANG);
        assertEquals(MemberView.ERASED, v.name());
        assertEquals(MemberView.ERASED, v.maskedPhone());
        assertNull(v.maskedIdNumber());
        assertTrue(v.personalDataErased());
        assertEquals(MemberStatus.LEFT, v.status());
        assertEquals(EnrolmentCity.START.minus(Duration.ofMinutes(5)), v.consentAt(), "the consent stays on record");
        assertTrue(city.store.personalData(WANG).isEmpty());
        assertEquals(List.of("member.applied", "member.approved", "member.left", "member.erased"),
                members.history(WANG).stream().map(e -> e.event().type()).toList(), "the events stay");
        assertEquals(WANG, engine.ticket(ticket.ticketId()).reporter(), "the ticket stays, under the pseudonymous id");

        assertEquals(0, members.erasePersonalDataDue(), "idempotent");
        assertEquals(4, members.history(WANG).size());
    }

    @Test
    void refusedApplicantsDataGoToo() {
        members.apply(city.cmd(), wangBin());
        members.refuse(city.cmd(), YUANHANG_STAFF, WANG, "不符合条件");
        city.clock.advance(Duration.ofDays(180));
        assertEquals(1, members.erasePersonalDataDue());
        assertTrue(members.member(WANG).personalDataErased());
    }

    @Test
    void activeAndSuspendedMembersKeepTheirDataHoweverLong() {
        members.apply(city.cmd(), wangBin());
        members.approve(city.cmd(), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6));
        members.apply(city.cmd(), EnrolmentCity.application("li-courier", EnrolmentCity.YUANHANG, "13900002222"));
        members.approve(city.cmd(), YUANHANG_STAFF, ActorId.of("li-courier"), Approval.toGrid(GRID_6));
        members.suspend(city.cmd(), YUANHANG_STAFF, ActorId.of("li-courier"), "核查");
        city.clock.advance(Duration.ofDays(3650));
        assertEquals(0, members.erasePersonalDataDue());
        assertEquals("138****5678", members.member(WANG).maskedPhone());
        assertFalse(members.member(ActorId.of("li-courier")).personalDataErased());
    }

    @Test
    void theCitysRetentionPeriodAppliesAndAReturningMemberIsErasedAgainAfterLeavingAgain() {
        Members m = city.membersBuilder().retention(Duration.ofDays(30)).build();
        m.apply(city.cmd(), wangBin());
        m.leave(city.cmd(), WANG_SELF, WANG, "暂不参加");
        city.clock.advance(Duration.ofDays(30));
        assertEquals(1, m.erasePersonalDataDue());

        m.apply(city.cmd(), new Application(WANG, EnrolmentCity.YUANHANG, wangBin().occupation(), "eleme", false,
                EnrolmentCity.personalData("王斌", "13600001234", null)));
        MemberView back = m.member(WANG);
        assertFalse(back.personalDataErased());
        assertEquals("136****1234", back.maskedPhone());
        m.leave(city.cmd(), WANG_SELF, WANG, null);
        city.clock.advance(Duration.ofDays(30));
        assertEquals(1, m.erasePersonalDataDue());
        assertEquals(MemberView.ERASED, m.member(WANG).maskedPhone());
    }

    @Test
    void aRetentionPeriodMustBePositive() {
        assertThrows(InvalidConfiguration.class, () -> city.membersBuilder().retention(Duration.ZERO));
        assertThrows(InvalidConfiguration.class, () -> Members.builder().orgUnits(EnrolmentCity.ORG_UNITS).build());
    }
}
