package dev.civicloop.members;

import static dev.civicloop.members.EnrolmentCity.GRID6_STAFF;
import static dev.civicloop.members.EnrolmentCity.GRID_6;
import static dev.civicloop.members.EnrolmentCity.YUANHANG;
import static dev.civicloop.members.EnrolmentCity.YUANHANG_STAFF;
import static dev.civicloop.members.EnrolmentCity.report;
import static dev.civicloop.members.EnrolmentCity.wangBin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.core.TicketView;
import dev.civicloop.core.command.Verify;
import dev.civicloop.spi.NotAuthorized;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.model.TicketState;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ticket engine authorises with the members' records: roles and status come from enrolment. */
class MemberAuthorisationTest {
    private static final ActorId WANG = ActorId.of("wang-bin");
    private static final Actor WANG_SELF = Actor.reporter("wang-bin", Role.MOBILE_GRID_MEMBER);

    private final EnrolmentCity city = new EnrolmentCity();
    private final Members members = city.members();
    private final GovernanceEngine engine = city.engine(members);

    @Test
    void anActiveMemberReportsASuspendedOneCannotAndOnceReinstatedCanAgain() {
        members.apply(city.cmd(), wangBin());
        members.approve(city.cmd(), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6));
        TicketView t = engine.handle(report(city.cmd(), WANG));
        assertEquals(WANG, t.reporter());
        assertEquals(TicketState.SUBMITTED, t.state());

        members.suspend(city.cmd(), YUANHANG_STAFF, WANG, "核查虚假上报");
        long before = city.tickets.readAfter(0, 100).size();
        NotAuthorized e = assertThrows(NotAuthorized.class, () -> engine.handle(report(city.cmd(), WANG)));
        assertTrue(e.getMessage().startsWith("wang-bin is not an active member"), e.getMessage());
        assertEquals(before, city.tickets.readAfter(0, 100).size(), "nothing stored for a suspended member");

        members.reinstate(city.cmd(), YUANHANG_STAFF, WANG);
        assertEquals(WANG, engine.handle(report(city.cmd(), WANG)).reporter());
    }

    @Test
    void applicantsRefusedApplicantsAndMembersWhoLeftCannotReport() {
        members.apply(city.cmd(), wangBin());
        assertThrows(NotAuthorized.class, () -> engine.handle(report(city.cmd(), WANG)), "not yet approved");
        members.refuse(city.cmd(), YUANHANG_STAFF, WANG, "资料不全");
        assertThrows(NotAuthorized.class, () -> engine.handle(report(city.cmd(), WANG)), "refused");
        members.apply(city.cmd(), wangBin());
        members.approve(city.cmd(), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6));
        engine.handle(report(city.cmd(), WANG));
        members.leave(city.cmd(), WANG_SELF, WANG, null);
        assertThrows(NotAuthorized.class, () -> engine.handle(report(city.cmd(), WANG)), "left");
        assertThrows(NotAuthorized.class, () -> engine.handle(report(city.cmd(), ActorId.of("stranger"))), "unknown");
    }

    @Test
    void theDirectoryGivesActiveMembersTheirApprovedRolesAndNoAuthorityOverAUnit() {
        MemberDirectory directory = members.directory();
        members.apply(city.cmd(), wangBin());
        assertEquals(Optional.empty(), directory.find(WANG));
        members.approve(city.cmd(), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6).asVolunteer());
        Actor a = directory.find(WANG).orElseThrow();
        assertEquals(Set.of(Role.MOBILE_GRID_MEMBER, Role.VOLUNTEER), a.roles());
        assertEquals(Set.of(), a.orgScope());
        assertEquals(Set.of(), a.departments());
        // Staff come from the city's staff records.
        assertEquals(Optional.of(GRID6_STAFF), directory.find(GRID6_STAFF.id()));
        assertEquals(Optional.empty(), directory.find(ActorId.of("stranger")));
    }

    @Test
    void staffTheDirectoryKnowsActOnTicketsAndAMemberCannotClaimStaffRoles() {
        members.apply(city.cmd(), wangBin());
        members.approve(city.cmd(), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6));
        TicketView t = engine.handle(report(city.cmd(), WANG));
        // The rider's app claims grid-staff rights; the city's records say mobile grid member.
        Actor claimed = Actor.of("wang-bin", Set.of(Role.GRID_STAFF), Set.of(GRID_6), Set.of());
        assertThrows(NotAuthorized.class, () -> engine.handle(new Verify(city.cmd(), claimed, t.ticketId(),
                VerificationMethod.BY_PHOTO, null)));
        assertEquals(TicketState.VERIFIED, engine.handle(new Verify(city.cmd(), GRID6_STAFF, t.ticketId(),
                VerificationMethod.BY_PHOTO, null)).state());
    }

    @Test
    void staffWhoAlsoVolunteerKeepTheirJobWhenTheirMembershipIsSuspended() {
        // A grid staff member of grid 6 who also enrolled as a volunteer rider.
        Actor both = EnrolmentCity.staff("zhao-grid", Role.GRID_STAFF, GRID_6);
        Members m = city.membersBuilder().staff(EnrolmentCity.directory(YUANHANG_STAFF, both)).build();
        m.apply(city.cmd(), EnrolmentCity.application("zhao-grid", YUANHANG, "13700001111"));
        m.approve(city.cmd(), YUANHANG_STAFF, both.id(), Approval.toGrid(GRID_6).asVolunteer());
        Actor joined = m.directory().find(both.id()).orElseThrow();
        assertEquals(Set.of(Role.GRID_STAFF, Role.MOBILE_GRID_MEMBER, Role.VOLUNTEER), joined.roles());
        assertEquals(Set.of(GRID_6), joined.orgScope());

        m.suspend(city.cmd(), YUANHANG_STAFF, both.id(), "暂停志愿服务");
        assertEquals(Optional.of(both), m.directory().find(both.id()));
    }
}
