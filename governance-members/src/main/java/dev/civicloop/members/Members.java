package dev.civicloop.members;

import dev.civicloop.members.internal.Enrolment;
import dev.civicloop.members.internal.OrgIndex;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.member.IdentityVerifier;
import dev.civicloop.spi.member.MemberEnvelope;
import dev.civicloop.spi.member.MemberStore;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorDirectory;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.NotFound;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Enrolment of mobile grid members (招募 / 报到): a worker applies to a community, the city's
 * real-name check runs, community staff approve (assigning a grid and optionally a team) or
 * refuse with a reason; staff suspend and reinstate; members leave. Every step is an event in the
 * stream {@code member:<id>} of the {@link MemberStore}; personal data live in the store's vault,
 * are shown only masked and are erased by {@link #erasePersonalDataDue()} once the retention
 * period after leaving has passed. {@link #directory()} is the {@link ActorDirectory} the ticket
 * engine authorises with, so a suspended member cannot report. Thread-safe.
 *
 * <pre>{@code
 * Members members = Members.builder().store(memberStore).orgUnits(orgTree).staff(cityStaff).build();
 * members.apply(CommandId.of("app-1"), Application.of(ActorId.of("wang-bin"), OrgUnitId.of("yuanhang"),
 *         Occupation.DELIVERY_RIDER, "meituan", personalData));
 * members.approve(CommandId.of("ok-1"), yuanhangStaff, ActorId.of("wang-bin"),
 *         Approval.toGrid(OrgUnitId.of("yuanhang-grid-6")).inTeam("qiju-3"));
 * GovernanceEngine engine = GovernanceEngine.builder().actors(members.directory())…build();
 * }</pre>
 *
 * <p>Steps and who may take them (anything else is a {@link dev.civicloop.spi.TransitionNotAllowed}
 * naming the state and the allowed steps):
 * <pre>
 * (none), REFUSED, LEFT  apply      the worker            → APPLIED
 * APPLIED                approve    community staff       → ACTIVE (grid of that community, team, roles)
 * APPLIED                refuse     community staff       → REFUSED (reason)
 * ACTIVE                 suspend    community staff       → SUSPENDED (reason)
 * SUSPENDED              reinstate  community staff       → ACTIVE
 * APPLIED, ACTIVE, SUSPENDED leave  the member themselves → LEFT
 * </pre>
 * "Community staff" is an actor with the role {@code COMMUNITY_STAFF} whose org scope holds the
 * member's community or a unit above it. Every command is idempotent by its {@link CommandId}:
 * the same id with the same payload returns the first result; with another payload it is a
 * {@link dev.civicloop.spi.DuplicateCommand}. A refused command changes nothing.
 *
 * <p>Every step but erasure tells the member (received, approved, refused, suspended,
 * reinstated, left) through the transactional outbox: a {@link dev.civicloop.spi.notify.Notification}
 * to {@code Recipient.actor(member)}, topic the event type ({@code member.approved}), about no
 * ticket, with the {@code text} (phone only masked) and {@code community} in its data, written in
 * the same {@code MemberAppend} as the event, so it is stored exactly when the event is. Its id is
 * {@code <topic>:member:<id>@<version>}, so a retried command adds none. Build the member store on
 * the ticket store's outbox ({@code new InMemoryMemberStore(outbox)}, or {@code db.memberStore(…)}
 * beside {@code db.ticketStore()}) and {@code engine.deliverNotifications()} delivers the notices
 * to the engine's notifier with the ticket notifications.
 */
public final class Members {
    private final Enrolment enrolment;
    private final ActorDirectory staff;
    private final MemberDirectory directory;

    private Members(Enrolment enrolment, ActorDirectory staff) {
        this.enrolment = enrolment;
        this.staff = staff;
        this.directory = new MemberDirectory(this, staff);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A worker applies. The city's identity verifier runs first; nothing is stored if it refuses.
     *
     * @throws IdentityNotVerified the real-name check failed (its reason, masked)
     * @throws dev.civicloop.spi.InvalidInput e.g. {@code community} is not a community of the org tree
     * @throws dev.civicloop.spi.TransitionNotAllowed the worker is already APPLIED, ACTIVE or SUSPENDED
     */
    public MemberView apply(CommandId commandId, Application application) {
        return enrolment.apply(commandId, application);
    }

    /**
     * Staff of the member's community approve: the member becomes ACTIVE in a grid of that community
     * with the role {@code MOBILE_GRID_MEMBER} (and {@code VOLUNTEER} if the approval says so).
     *
     * @throws dev.civicloop.spi.NotAuthorized not staff of the member's community
     * @throws dev.civicloop.spi.InvalidInput {@code grid} is not a grid of the member's community
     * @throws NotFound the member never applied
     */
    public MemberView approve(CommandId commandId, Actor staff, ActorId member, Approval approval) {
        return enrolment.approve(commandId, staff, member, approval);
    }

    /** Staff of the member's community refuse an application with a reason (shown to the applicant). */
    public MemberView refuse(CommandId commandId, Actor staff, ActorId member, String reason) {
        return enrolment.refuse(commandId, staff, member, reason);
    }

    /** Staff of the member's community suspend an active member with a reason; the member can do nothing until reinstated. */
    public MemberView suspend(CommandId commandId, Actor staff, ActorId member, String reason) {
        return enrolment.suspend(commandId, staff, member, reason);
    }

    /** Staff of the member's community reinstate a suspended member. */
    public MemberView reinstate(CommandId commandId, Actor staff, ActorId member) {
        return enrolment.reinstate(commandId, staff, member);
    }

    /**
     * The member leaves (or withdraws an application), by themselves; the reason is optional. Their
     * personal data are erased once the retention period has passed.
     *
     * @throws dev.civicloop.spi.NotAuthorized the actor is not the member
     */
    public MemberView leave(CommandId commandId, Actor actor, ActorId member, String reason) {
        return enrolment.leave(commandId, actor, member, reason);
    }

    /** The member as they stand, if they ever applied. */
    public Optional<MemberView> find(ActorId member) {
        return enrolment.find(member);
    }

    /** @throws NotFound the member never applied */
    public MemberView member(ActorId member) {
        return find(member).orElseThrow(() -> new NotFound("member " + member));
    }

    /** Every member whose community or grid lies in the unit (in any status), by id. */
    public List<MemberView> members(OrgUnitId unit) {
        return enrolment.members(unit);
    }

    /** The member's events, oldest first (they hold no personal data). */
    public List<MemberEnvelope> history(ActorId member) {
        return enrolment.history(member);
    }

    /**
     * The clock-driven erasure pass: erases the personal data of every member who left (or was
     * refused) at least the retention period ago, leaving their events and a {@code member.erased}
     * event. Idempotent; run it daily. Returns how many members it erased.
     */
    public int erasePersonalDataDue() {
        return enrolment.erasePersonalDataDue();
    }

    /**
     * The city's actor directory for the ticket engine: active members with their roles (no org
     * scope: members report and act on their own tickets, they have no authority over a unit),
     * joined with the staff directory given to the builder. An applied, refused, suspended or
     * departed member is not an actor; a person who is also staff keeps their staff roles.
     */
    public MemberDirectory directory() {
        return directory;
    }

    /**
     * Enrolment as the {@link TaskBoard} asks it: an approved, not suspended member is active in
     * their community and grid; every enrolled member of a community (any status) counts in its
     * statistics' enrolment.
     */
    public MemberLookup lookup() {
        return new MemberLookup() {
            @Override
            public Optional<Standing> find(ActorId member) {
                return Members.this.find(member).filter(m -> m.community() != null)
                        .map(m -> new Standing(m.status() == MemberStatus.ACTIVE, m.community(), m.grid()));
            }

            @Override
            public Collection<ActorId> membersOf(OrgUnitId community) {
                return members(community).stream().map(MemberView::member).toList();
            }
        };
    }

    /** The staff directory given to the builder, if any. */
    public Optional<ActorDirectory> staff() {
        return Optional.ofNullable(staff);
    }

    /** Wires {@link Members}. Required: a store and the org tree; everything else has a default. */
    public static final class Builder {
        private MemberStore store;
        private Clock clock = Clock.systemUTC();
        private IdentityVerifier verifier = IdentityVerifier.NONE;
        private final List<OrgUnit> orgUnits = new ArrayList<>();
        private Duration retention = Duration.ofDays(180);
        private ActorDirectory staff;
        private Consumer<MemberNotice> notices;

        Builder() {}

        /** Where streams and personal data are kept (required). */
        public Builder store(MemberStore store) {
            this.store = require("store", store);
            return this;
        }

        /** The clock of every event and of the erasure pass; default: the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = require("clock", clock);
            return this;
        }

        /** The city's real-name check; default {@link IdentityVerifier#NONE} (accepts everyone). */
        public Builder identityVerifier(IdentityVerifier verifier) {
            this.verifier = require("identityVerifier", verifier);
            return this;
        }

        /** The jurisdiction tree (required): communities to apply to, their grids, the units above. */
        public Builder orgUnits(List<OrgUnit> units) {
            this.orgUnits.addAll(require("orgUnits", units));
            return this;
        }

        /** How long personal data are kept after a member leaves or is refused; default 180 days. */
        public Builder retention(Duration retention) {
            require("retention", retention);
            if (retention.isNegative() || retention.isZero()) {
                throw new InvalidConfiguration("retention must be positive, was " + retention);
            }
            this.retention = retention;
            return this;
        }

        /**
         * The city's staff records. With them, staff commands are authorised with the directory's
         * actor (not the roles the caller passed), and {@link #directory()} answers for staff too.
         * Default: none; the staff actor passed to a command is trusted (the caller authenticated it).
         */
        public Builder staff(ActorDirectory staff) {
            this.staff = require("staff", staff);
            return this;
        }

        /**
         * An after-commit hook for the notices to members; default: none. Not a delivery path: the
         * notices are written to the store's transactional outbox with the events that cause them
         * and delivered by the engine's notifier ({@code GovernanceEngine.deliverNotifications()}
         * on a ticket store sharing the outbox), at least once. This hook is called after the
         * commit, on the node that ran the command, and only then: a crash between the commit and
         * the call loses the call, and a retried command that finds its first attempt stored does
         * not call it again. A hook that throws is logged; the command still succeeds.
         *
         * @deprecated kept so existing wiring compiles; a push or SMS gateway wired here misses a
         *     notice on a crash. Deliver through the outbox: wire the gateway as the engine's
         *     {@code Notifier} and let it handle the topics {@code member.applied},
         *     {@code member.approved}, {@code member.refused}, {@code member.suspended},
         *     {@code member.reinstated} and {@code member.left}.
         */
        @Deprecated
        public Builder notices(Consumer<MemberNotice> notices) {
            this.notices = require("notices", notices);
            return this;
        }

        /** Checks the wiring and builds; throws {@link InvalidConfiguration} saying what is wrong. */
        public Members build() {
            if (store == null) {
                throw new InvalidConfiguration("store is required: call store(…) with a MemberStore");
            }
            if (orgUnits.isEmpty()) {
                throw new InvalidConfiguration("orgUnits are required: call orgUnits(…) with the city's org tree");
            }
            OrgIndex org = new OrgIndex(List.copyOf(orgUnits));
            return new Members(new Enrolment(new Enrolment.Config(store, clock, verifier, org, retention, staff, notices)),
                    staff);
        }

        private static <T> T require(String what, T value) {
            if (value == null) {
                throw new InvalidConfiguration(what + " must not be null");
            }
            return value;
        }
    }
}
