package dev.civicloop.members;

import static dev.civicloop.members.EnrolmentCity.GRID6_STAFF;
import static dev.civicloop.members.EnrolmentCity.GRID_1;
import static dev.civicloop.members.EnrolmentCity.GRID_6;
import static dev.civicloop.members.EnrolmentCity.JINGSHAN;
import static dev.civicloop.members.EnrolmentCity.JINGSHAN_GRID;
import static dev.civicloop.members.EnrolmentCity.JINGSHAN_STAFF;
import static dev.civicloop.members.EnrolmentCity.STREET;
import static dev.civicloop.members.EnrolmentCity.STREET_COMMUNITY_STAFF;
import static dev.civicloop.members.EnrolmentCity.YUANHANG;
import static dev.civicloop.members.EnrolmentCity.YUANHANG_STAFF;
import static dev.civicloop.members.EnrolmentCity.wangBin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.DuplicateCommand;
import dev.civicloop.spi.GovernanceException;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotAuthorized;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.TransitionNotAllowed;
import dev.civicloop.spi.member.MemberEnvelope;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.Occupation;
import dev.civicloop.spi.model.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** 招募 / 报到: a rider applies, the community approves into a grid, suspends, reinstates; the rider leaves. */
class EnrolmentLifecycleTest {
    private static final ActorId WANG = ActorId.of("wang-bin");

    private final EnrolmentCity city = new EnrolmentCity();
    private final Members members = city.members();

    @Test
    void riderAppliesCommunityApprovesIntoGrid6AndTeamSuspendsReinstatesAndTheRiderLeaves() {
        MemberView applied = members.apply(city.cmd(), wangBin().asPartyMember());
        assertEquals(MemberStatus.APPLIED, applied.status());
        assertEquals(YUANHANG, applied.community());
        assertEquals(Occupation.DELIVERY_RIDER, applied.occupation());
        assertEquals("meituan", applied.platform());
        assertTrue(applied.partyMember());
        assertEquals(EnrolmentCity.START.minus(Duration.ofMinutes(5)), applied.consentAt(), "consent recorded");
        assertEquals("civicloop-privacy-v1", applied.consentText());
        assertEquals("王斌", applied.name());
        assertEquals("138****5678", applied.maskedPhone());
        assertEquals(Set.of(), applied.roles());
        assertFalse(applied.active());

        MemberView active = members.approve(city.cmd(), YUANHANG_STAFF, WANG,
                Approval.toGrid(GRID_6).inTeam("qiju-3").asVolunteer());
        assertEquals(MemberStatus.ACTIVE, active.status());
        assertEquals(GRID_6, active.grid());
        assertEquals("qiju-3", active.team());
        assertEquals(Set.of(Role.MOBILE_GRID_MEMBER, Role.VOLUNTEER), active.roles());
        assertTrue(active.active());

        city.clock.advance(Duration.ofDays(30));
        MemberView suspended = members.suspend(city.cmd(), YUANHANG_STAFF, WANG, "连续三次虚假上报");
        assertEquals(MemberStatus.SUSPENDED, suspended.status());
        assertEquals("连续三次虚假上报", suspended.reason());
        assertEquals(GRID_6, suspended.grid(), "a suspension keeps the grid");

        MemberView reinstated = members.reinstate(city.cmd(), YUANHANG_STAFF, WANG);
        assertEquals(MemberStatus.ACTIVE, reinstated.status());
        assertNull(reinstated.reason());

        MemberView left = members.leave(city.cmd(), Actor.reporter("wang-bin", Role.MOBILE_GRID_MEMBER), WANG, "换城市工作");
        assertEquals(MemberStatus.LEFT, left.status());
        assertEquals(city.clock.instant(), left.updatedAt());

        List<MemberEnvelope> history = members.history(WANG);
        assertEquals(List.of("member.applied", "member.approved", "member.suspended", "member.reinstated", "member.left"),
                history.stream().map(e -> e.event().type()).toList(), "every step is an event");
        assertEquals(List.of(WANG, YUANHANG_STAFF.id(), YUANHANG_STAFF.id(), YUANHANG_STAFF.id(), WANG),
                history.stream().map(MemberEnvelope::actor).toList());
        history.forEach(e -> assertEquals(WANG, e.event().member()));
        assertEquals(Map.of("community", "yuanhang", "occupation", "DELIVERY_RIDER", "platform", "meituan", "party", "true"),
                history.get(0).event().attributes());
        assertEquals(Map.of("community", "yuanhang", "grid", "yuanhang-grid-6", "team", "qiju-3",
                "roles", "MOBILE_GRID_MEMBER,VOLUNTEER"), history.get(1).event().attributes());
        assertEquals(5, left.version());
    }

    @Test
    void aRefusedApplicantSeesTheReasonAndMayApplyAgain() {
        members.apply(city.cmd(), wangBin());
        MemberView refused = members.refuse(city.cmd(), YUANHANG_STAFF, WANG, "不在本社区服务范围");
        assertEquals(MemberStatus.REFUSED, refused.status());
        assertEquals("不在本社区服务范围", refused.reason());

        MemberView again = members.apply(city.cmd(), wangBin());
        assertEquals(MemberStatus.APPLIED, again.status());
        assertNull(again.reason());
        assertEquals(MemberStatus.ACTIVE, members.approve(city.cmd(), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_1)).status());
    }

    @Test
    void anApplicantMayWithdrawBeforeTheDecision() {
        members.apply(city.cmd(), wangBin());
        assertEquals(MemberStatus.LEFT, members.leave(city.cmd(), Actor.reporter("wang-bin", Role.REPORTER), WANG, null).status());
    }

    @Test
    void communityStaffAtTheStreetCoverTheCommunitiesBelow() {
        members.apply(city.cmd(), wangBin());
        assertEquals(MemberStatus.ACTIVE,
                members.approve(city.cmd(), STREET_COMMUNITY_STAFF, WANG, Approval.toGrid(GRID_6)).status());
        assertEquals(List.of(WANG), members.members(STREET).stream().map(MemberView::member).toList());
        assertEquals(List.of(WANG), members.members(GRID_6).stream().map(MemberView::member).toList());
        assertEquals(List.of(), members.members(JINGSHAN));
    }

    // ---------------------------------------------------------------- refusal paths

    @Test
    void onlyTheMembersCommunityApproves() {
        members.apply(city.cmd(), wangBin());
        NotAuthorized e = refused(NotAuthorized.class,
                () -> members.approve(city.cmd(), JINGSHAN_STAFF, WANG, Approval.toGrid(JINGSHAN_GRID)));
        assertTrue(e.getMessage().contains("needs to be staff of the member's community yuanhang"), e.getMessage());
        refused(NotAuthorized.class, () -> members.refuse(city.cmd(), JINGSHAN_STAFF, WANG, "no"));
        // Grid staff of the member's own grid are not community staff.
        NotAuthorized role = refused(NotAuthorized.class,
                () -> members.approve(city.cmd(), GRID6_STAFF, WANG, Approval.toGrid(GRID_6)));
        assertTrue(role.getMessage().contains("needs the role COMMUNITY_STAFF"), role.getMessage());
    }

    @Test
    void staffAreAuthorisedWithTheCitysStaffRecordsNotWithTheRolesTheCallerClaims() {
        members.apply(city.cmd(), wangBin());
        // Someone claiming to be 远航 staff whom the city's staff directory does not know.
        Actor impostor = EnrolmentCity.staff("impostor", Role.COMMUNITY_STAFF, YUANHANG);
        refused(NotAuthorized.class, () -> members.approve(city.cmd(), impostor, WANG, Approval.toGrid(GRID_6)));
        // 景山 staff claiming 远航 in their scope: the directory says 景山.
        Actor claimed = EnrolmentCity.staff(JINGSHAN_STAFF.id().value(), Role.COMMUNITY_STAFF, YUANHANG);
        refused(NotAuthorized.class, () -> members.approve(city.cmd(), claimed, WANG, Approval.toGrid(GRID_6)));
    }

    @Test
    void theGridMustBeAGridOfTheMembersCommunity() {
        members.apply(city.cmd(), wangBin());
        InvalidInput other = refused(InvalidInput.class,
                () -> members.approve(city.cmd(), STREET_COMMUNITY_STAFF, WANG, Approval.toGrid(JINGSHAN_GRID)));
        assertEquals("grid", other.field());
        assertEquals("grid", refused(InvalidInput.class,
                () -> members.approve(city.cmd(), YUANHANG_STAFF, WANG, Approval.toGrid(YUANHANG))).field());
    }

    @Test
    void badApplicationsNameTheField() {
        assertEquals("community", refused(InvalidInput.class,
                () -> members.apply(city.cmd(), EnrolmentCity.application("a", GRID_6, "13900001111"))).field());
        assertEquals("community", refused(InvalidInput.class,
                () -> members.apply(city.cmd(), EnrolmentCity.application("a", dev.civicloop.spi.model.OrgUnitId.of("nowhere"),
                        "13900001111"))).field());
        Application future = new Application(WANG, YUANHANG, Occupation.COURIER, null, false,
                new dev.civicloop.spi.member.PersonalData("王斌", "13812345678", null,
                        city.clock.instant().plusSeconds(60), "v1"));
        assertEquals("personalData.consentAt", refused(InvalidInput.class, () -> members.apply(city.cmd(), future)).field());
        assertEquals("member", assertThrows(InvalidInput.class, () -> new Application(null, YUANHANG, Occupation.COURIER,
                null, false, wangBin().personalData())).field());
        assertEquals("personalData", assertThrows(InvalidInput.class, () -> new Application(WANG, YUANHANG,
                Occupation.COURIER, null, false, null)).field());
        assertEquals("platform", assertThrows(InvalidInput.class, () -> new Application(WANG, YUANHANG,
                Occupation.COURIER, " ", false, wangBin().personalData())).field());
    }

    @Test
    void reasonsAreRequiredForRefusalAndSuspension() {
        members.apply(city.cmd(), wangBin());
        assertEquals("reason", refused(InvalidInput.class, () -> members.refuse(city.cmd(), YUANHANG_STAFF, WANG, " ")).field());
        members.approve(city.cmd(), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6));
        assertEquals("reason", refused(InvalidInput.class, () -> members.suspend(city.cmd(), YUANHANG_STAFF, WANG, null)).field());
    }

    @Test
    void theCitysIdentityCheckRefusesWithItsReasonAndNothingIsKept() {
        Members strict = city.membersBuilder().identityVerifier(EnrolmentCity.refusing("姓名与身份证号不一致")).build();
        long before = city.store.readAfter(0, 100).size();
        IdentityNotVerified e = assertThrows(IdentityNotVerified.class, () -> strict.apply(city.cmd(), wangBin()));
        assertEquals("姓名与身份证号不一致", e.reason());
        assertEquals(WANG, e.member());
        assertEquals(before, city.store.readAfter(0, 100).size());
        assertTrue(city.store.personalData(WANG).isEmpty(), "no personal data kept for a refused applicant");
        assertTrue(strict.find(WANG).isEmpty());
    }

    @Test
    void illegalStepsNameTheStateAndTheAllowedSteps() {
        members.apply(city.cmd(), wangBin());
        TransitionNotAllowed twice = refused(TransitionNotAllowed.class, () -> members.apply(city.cmd(), wangBin()));
        assertEquals("APPLIED", twice.state());
        assertEquals(List.of("approve", "refuse", "leave"), twice.allowedCommands());
        TransitionNotAllowed early = refused(TransitionNotAllowed.class,
                () -> members.suspend(city.cmd(), YUANHANG_STAFF, WANG, "x"));
        assertEquals("suspend", early.command());

        members.approve(city.cmd(), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6));
        TransitionNotAllowed again = refused(TransitionNotAllowed.class,
                () -> members.approve(city.cmd(), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_1)));
        assertEquals("ACTIVE", again.state());
        assertEquals(List.of("suspend", "leave"), again.allowedCommands());
        assertTrue(again.getMessage().startsWith("member wang-bin is ACTIVE: 'approve' is not allowed there"), again.getMessage());
        assertEquals("ACTIVE", refused(TransitionNotAllowed.class,
                () -> members.reinstate(city.cmd(), YUANHANG_STAFF, WANG)).state());

        members.leave(city.cmd(), Actor.reporter("wang-bin", Role.MOBILE_GRID_MEMBER), WANG, null);
        TransitionNotAllowed gone = refused(TransitionNotAllowed.class,
                () -> members.suspend(city.cmd(), YUANHANG_STAFF, WANG, "x"));
        assertEquals("LEFT", gone.state());
        assertEquals(List.of("apply"), gone.allowedCommands());
        refused(TransitionNotAllowed.class,
                () -> members.leave(city.cmd(), Actor.reporter("wang-bin", Role.MOBILE_GRID_MEMBER), WANG, null));
    }

    @Test
    void aMemberLeavesOnlyByThemselves() {
        members.apply(city.cmd(), wangBin());
        members.approve(city.cmd(), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6));
        refused(NotAuthorized.class, () -> members.leave(city.cmd(), YUANHANG_STAFF, WANG, "清退"));
        assertEquals(MemberStatus.ACTIVE, members.member(WANG).status());
    }

    @Test
    void stepsOnSomeoneWhoNeverAppliedAreNotFound() {
        refused(NotFound.class, () -> members.approve(city.cmd(), YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6)));
        refused(NotFound.class, () -> members.leave(city.cmd(), Actor.reporter("wang-bin", Role.REPORTER), WANG, null));
        assertThrows(NotFound.class, () -> members.member(WANG));
        assertEquals("unit", assertThrows(InvalidInput.class,
                () -> members.members(dev.civicloop.spi.model.OrgUnitId.of("nowhere"))).field());
    }

    // ---------------------------------------------------------------- idempotency

    @Test
    void aRetriedCommandReturnsTheFirstResultAndWritesNothing() {
        CommandId apply = CommandId.of("app-wang");
        CommandId approve = CommandId.of("approve-wang");
        MemberView first = members.apply(apply, wangBin());
        MemberView approved = members.approve(approve, YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6));
        members.suspend(city.cmd(), YUANHANG_STAFF, WANG, "核查中");
        String before = city.snapshot();

        assertEquals(first, members.apply(apply, wangBin()), "the view as the first application left it");
        assertEquals(approved, members.approve(approve, YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6)));
        assertEquals(before, city.snapshot());
    }

    @Test
    void aCommandIdUsedForAnotherCommandIsRefused() {
        CommandId id = CommandId.of("app-wang");
        members.apply(id, wangBin());
        String before = city.snapshot();
        refused(DuplicateCommand.class, () -> members.apply(id, wangBin().asPartyMember()));
        refused(DuplicateCommand.class, () -> members.apply(id, new Application(WANG, YUANHANG, Occupation.DELIVERY_RIDER,
                "meituan", false, EnrolmentCity.personalData("王斌", "13999990000", null))));
        refused(DuplicateCommand.class, () -> members.approve(id, YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6)));
        assertEquals(before, city.snapshot());

        CommandId approve = CommandId.of("approve-wang");
        members.approve(approve, YUANHANG_STAFF, WANG, Approval.toGrid(GRID_6));
        refused(DuplicateCommand.class, () -> members.approve(approve, YUANHANG_STAFF, WANG, Approval.toGrid(GRID_1)));
        refused(DuplicateCommand.class, () -> members.approve(approve, STREET_COMMUNITY_STAFF, WANG, Approval.toGrid(GRID_6)));
    }

    /** Runs a command that must be refused, and checks that the store did not change. */
    private <E extends GovernanceException> E refused(Class<E> type, Executable command) {
        String before = city.snapshot();
        E e = assertThrows(type, command);
        assertEquals(before, city.snapshot(), "a refused command changes nothing");
        return e;
    }

}
