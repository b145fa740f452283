package dev.civicloop.members.internal;

import dev.civicloop.members.MemberApplied;
import dev.civicloop.members.MemberApproved;
import dev.civicloop.members.MemberDataErased;
import dev.civicloop.members.MemberLeft;
import dev.civicloop.members.MemberRefused;
import dev.civicloop.members.MemberReinstated;
import dev.civicloop.members.MemberStatus;
import dev.civicloop.members.MemberSuspended;
import dev.civicloop.members.MemberView;
import dev.civicloop.spi.member.MemberEnvelope;
import dev.civicloop.spi.member.MemberEvent;
import dev.civicloop.spi.member.PersonalData;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Occupation;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A member's enrolment as the fold of their stream. Events of other kinds in the stream are skipped. */
public final class EnrolmentFold {
    final ActorId member;
    MemberStatus status;
    OrgUnitId community;
    OrgUnitId grid;
    String team;
    Occupation occupation;
    String platform;
    boolean partyMember;
    Set<Role> roles = Set.of();
    Instant consentAt;
    String consentText;
    Instant appliedAt;
    Instant approvedAt;
    Instant updatedAt;
    /** When the member was refused or left: the retention period runs from here. */
    Instant closedAt;
    /** The version of the last refusal or leave. */
    long closedVersion;
    /** The version of the last application. */
    long appliedVersion;
    String reason;
    boolean erased;
    long version;

    private EnrolmentFold(ActorId member) {
        this.member = member;
    }

    /** Folds the events; empty if the member never applied. */
    public static Optional<EnrolmentFold> of(ActorId member, List<MemberEnvelope> events) {
        EnrolmentFold f = new EnrolmentFold(member);
        events.forEach(f::apply);
        return f.status == null ? Optional.empty() : Optional.of(f);
    }

    void apply(MemberEnvelope env) {
        version = env.version();
        MemberEvent e = env.event();
        if (e instanceof MemberApplied a) {
            status = MemberStatus.APPLIED;
            community = a.community();
            occupation = a.occupation();
            platform = a.platform();
            partyMember = a.partyMember();
            consentAt = a.consentAt();
            consentText = a.consentText();
            appliedAt = env.at();
            appliedVersion = env.version();
            grid = null;
            team = null;
            roles = Set.of();
            approvedAt = null;
            closedAt = null;
            reason = null;
            erased = false;
        } else if (e instanceof MemberApproved a) {
            status = MemberStatus.ACTIVE;
            grid = a.grid();
            team = a.team();
            roles = a.roles();
            approvedAt = env.at();
            reason = null;
        } else if (e instanceof MemberRefused r) {
            status = MemberStatus.REFUSED;
            reason = r.reason();
            closedAt = env.at();
            closedVersion = env.version();
        } else if (e instanceof MemberSuspended s) {
            status = MemberStatus.SUSPENDED;
            reason = s.reason();
        } else if (e instanceof MemberReinstated) {
            status = MemberStatus.ACTIVE;
            reason = null;
        } else if (e instanceof MemberLeft l) {
            status = MemberStatus.LEFT;
            reason = l.reason();
            closedAt = env.at();
            closedVersion = env.version();
        } else if (e instanceof MemberDataErased) {
            erased = true;
        } else {
            return;
        }
        updatedAt = env.at();
    }

    public MemberStatus status() {
        return status;
    }

    public OrgUnitId community() {
        return community;
    }

    public long version() {
        return version;
    }

    /** The view, with personal data from the vault (masked), or {@link MemberView#ERASED} once erased. */
    public MemberView view(Optional<PersonalData> data) {
        String name = null;
        String phone = null;
        String id = null;
        if (erased) {
            name = MemberView.ERASED;
            phone = MemberView.ERASED;
        } else if (data.isPresent()) {
            name = data.get().name();
            phone = data.get().maskedPhone();
            id = data.get().maskedIdNumber();
        }
        return new MemberView(member, status, community, grid, team, occupation, platform, partyMember, roles, name, phone,
                id, erased, consentAt, consentText, appliedAt, approvedAt, updatedAt, reason, version);
    }
}
