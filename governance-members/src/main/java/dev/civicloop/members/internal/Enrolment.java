package dev.civicloop.members.internal;

import dev.civicloop.members.Application;
import dev.civicloop.members.EnrolmentEvent;
import dev.civicloop.members.Approval;
import dev.civicloop.members.IdentityNotVerified;
import dev.civicloop.members.MemberApplied;
import dev.civicloop.members.MemberApproved;
import dev.civicloop.members.MemberDataErased;
import dev.civicloop.members.MemberLeft;
import dev.civicloop.members.MemberNotice;
import dev.civicloop.members.MemberRefused;
import dev.civicloop.members.MemberReinstated;
import dev.civicloop.members.MemberStatus;
import dev.civicloop.members.MemberSuspended;
import dev.civicloop.members.MemberView;
import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.DuplicateCommand;
import dev.civicloop.spi.GovernanceException;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotAuthorized;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.StoreFailure;
import dev.civicloop.spi.TransitionNotAllowed;
import dev.civicloop.spi.member.IdentityVerifier;
import dev.civicloop.spi.member.MemberAppend;
import dev.civicloop.spi.member.MemberEnvelope;
import dev.civicloop.spi.member.MemberEvent;
import dev.civicloop.spi.member.MemberStore;
import dev.civicloop.spi.member.PersonalData;
import dev.civicloop.spi.member.StoredMemberEvent;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorDirectory;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Recipient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrolment: the commands on a member's stream, their checks, idempotency by command id, the
 * notices they cause and the erasure pass. Never logs personal data; only ids, units and masked
 * numbers.
 *
 * <p>A notice is a {@link Notification} in the same {@link MemberAppend} as the event that causes
 * it, so the store's outbox holds it exactly when the event is stored (a crash after the commit
 * loses nothing, a replayed command adds nothing: the id is derived from the event's stream and
 * version). The optional after-commit consumer is only a courtesy hook.
 */
public final class Enrolment {
    private static final Logger log = LoggerFactory.getLogger("dev.civicloop.members");
    private static final String STREAM = "member:";
    /** Who the erasure pass acts as. */
    public static final ActorId CLOCK = ActorId.of("clock");
    private static final int MAX_REASON = 500;
    private static final int PAGE = 1000;

    private static final Map<MemberStatus, List<String>> ALLOWED = new EnumMap<>(Map.of(
            MemberStatus.APPLIED, List.of("approve", "refuse", "leave"),
            MemberStatus.ACTIVE, List.of("suspend", "leave"),
            MemberStatus.SUSPENDED, List.of("reinstate", "leave"),
            MemberStatus.REFUSED, List.of("apply"),
            MemberStatus.LEFT, List.of("apply")));

    /** The wiring {@code Members.Builder} checked; {@code notices} is null unless the city set the after-commit hook. */
    public record Config(MemberStore store, Clock clock, IdentityVerifier verifier, OrgIndex org, Duration retention,
            ActorDirectory staff, Consumer<MemberNotice> notices) {}

    private final Config cfg;
    private final MemberStore store;
    private final OrgIndex org;
    private final Set<ActorId> known = new ConcurrentSkipListSet<>();
    private long checkpoint;

    public Enrolment(Config cfg) {
        this.cfg = cfg;
        this.store = cfg.store();
        this.org = cfg.org();
    }

    // ---------------------------------------------------------------- commands

    public MemberView apply(CommandId id, Application a) {
        Checks.required("commandId", id);
        Checks.required("application", a);
        if (!org.isAt(a.community(), OrgLevel.COMMUNITY)) {
            throw new InvalidInput("community", "must be a COMMUNITY unit of the org tree, was '" + a.community() + "'");
        }
        if (a.personalData().consentAt().isAfter(cfg.clock().instant())) {
            throw new InvalidInput("personalData.consentAt", "must not be in the future");
        }
        List<Object> key = List.of("apply", a.member(), a.member(), a.community(), a.occupation(),
                Objects.toString(a.platform()), a.partyMember(), a.personalData().consentAt(),
                a.personalData().consentText());
        return execute(id, a.member(), a.member(), key, a.personalData(), fold -> {
            if (fold != null) {
                requireStep(fold, "apply");
            }
            verifyIdentity(a);
            PersonalData d = a.personalData();
            return new MemberApplied(a.member(), a.community(), a.occupation(), a.platform(), a.partyMember(),
                    d.consentAt(), d.consentText());
        });
    }

    public MemberView approve(CommandId id, Actor staff, ActorId member, Approval approval) {
        Checks.required("commandId", id);
        Checks.required("staff", staff);
        Checks.required("member", member);
        Checks.required("approval", approval);
        Set<Role> roles = approval.volunteer() ? Set.of(Role.MOBILE_GRID_MEMBER, Role.VOLUNTEER)
                : Set.of(Role.MOBILE_GRID_MEMBER);
        List<Object> key = List.of("approve", staff.id(), member, approval.grid(), Objects.toString(approval.team()), roles);
        return execute(id, staff.id(), member, key, null, fold -> {
            requireCommunityStaff(staff, "approve", member, fold);
            requireStep(fold, "approve");
            if (!org.isAt(approval.grid(), OrgLevel.GRID) || !org.within(approval.grid(), fold.community())) {
                throw new InvalidInput("grid", "must be a GRID of the member's community " + fold.community() + ", was '"
                        + approval.grid() + "'");
            }
            return new MemberApproved(member, fold.community(), approval.grid(), approval.team(), roles);
        });
    }

    public MemberView refuse(CommandId id, Actor staff, ActorId member, String reason) {
        String r = reason("reason", reason);
        return staffStep(id, staff, member, "refuse", r, fold -> new MemberRefused(member, fold.community(), r));
    }

    public MemberView suspend(CommandId id, Actor staff, ActorId member, String reason) {
        String r = reason("reason", reason);
        return staffStep(id, staff, member, "suspend", r, fold -> new MemberSuspended(member, fold.community(), r));
    }

    public MemberView reinstate(CommandId id, Actor staff, ActorId member) {
        return staffStep(id, staff, member, "reinstate", "", fold -> new MemberReinstated(member, fold.community()));
    }

    public MemberView leave(CommandId id, Actor actor, ActorId member, String reason) {
        Checks.required("commandId", id);
        Checks.required("actor", actor);
        Checks.required("member", member);
        String r = reason == null ? null : reason("reason", reason);
        if (!actor.id().equals(member)) {
            throw new NotAuthorized(actor.id() + " may not 'leave' for member " + member
                    + ": a member leaves by themselves");
        }
        List<Object> key = List.of("leave", actor.id(), member, Objects.toString(r));
        return execute(id, actor.id(), member, key, null, fold -> {
            requireStep(fold, "leave");
            return new MemberLeft(member, fold.community(), r);
        });
    }

    private MemberView staffStep(CommandId id, Actor staff, ActorId member, String command, String reason,
            Function<EnrolmentFold, MemberEvent> event) {
        Checks.required("commandId", id);
        Checks.required("staff", staff);
        Checks.required("member", member);
        List<Object> key = List.of(command, staff.id(), member, reason);
        return execute(id, staff.id(), member, key, null, fold -> {
            requireCommunityStaff(staff, command, member, fold);
            requireStep(fold, command);
            return event.apply(fold);
        });
    }

    private static String reason(String field, String reason) {
        return Masking.text(Checks.text(field, reason, MAX_REASON));
    }

    /**
     * Runs one command: a command id already used replays (same payload) or is refused (another);
     * otherwise the decision is made on the member's stream as read and appended at its version.
     * The decision gets null for a member who never applied (only an application, which carries
     * {@code data}, gets that far; every other command is refused with NotFound).
     */
    private MemberView execute(CommandId id, ActorId by, ActorId member, List<Object> key, PersonalData data,
            Function<EnrolmentFold, MemberEvent> decide) {
        List<MemberEnvelope> prior = store.byCommand(id);
        if (!prior.isEmpty()) {
            return replay(id, prior, key, member, data);
        }
        try {
            String stream = STREAM + member.value();
            List<MemberEnvelope> events = store.load(stream);
            EnrolmentFold fold = EnrolmentFold.of(member, events).orElse(null);
            if (fold == null && data == null) { // only an application (the one command with data) starts a stream
                throw new NotFound("member " + member);
            }
            MemberEvent event = decide.apply(fold);
            long version = events.isEmpty() ? 0 : events.get(events.size() - 1).version();
            MemberEnvelope env = new MemberEnvelope(stream, version + 1, cfg.clock().instant(), by, id, event);
            List<MemberEnvelope> after = new ArrayList<>(events);
            after.add(env);
            // The view as it will be once the event is stored: an application's data go to the vault
            // right after the append, every other step leaves the vault as it is.
            EnrolmentFold next = EnrolmentFold.of(member, after).orElseThrow();
            MemberView view = next.view(data != null ? Optional.of(data)
                    : next.erased ? Optional.empty() : store.personalData(member));
            Optional<MemberNotice> notice = notice(env, view);
            store.append(new MemberAppend(stream, version, List.of(env))
                    .withNotifications(notice.map(n -> List.of(notification(env, n, view))).orElse(List.of())));
            known.add(member);
            if (data != null) {
                store.putPersonalData(member, data);
                log.debug("member {} consented at {}; contact {}", member, data.consentAt(), data.maskedPhone());
            }
            log.info("member {}: {} in {} by {}", member, event.type(), ((EnrolmentEvent) event).community(), by);
            notice.ifPresent(this::handOver);
            return view;
        } catch (GovernanceException e) {
            // Raced with the same command id from another thread or node: the first one wins, and a
            // twin that lost gets the first result, as a later retry would.
            List<MemberEnvelope> again = store.byCommand(id);
            if (again.isEmpty()) {
                throw e;
            }
            return replay(id, again, key, member, data);
        }
    }

    private MemberView replay(CommandId id, List<MemberEnvelope> prior, List<Object> key, ActorId member,
            PersonalData data) {
        MemberEnvelope first = prior.get(0);
        if (!key.equals(keyOf(first))) {
            throw new DuplicateCommand(id.value(), "was already used for another command on " + first.stream()
                    + "; use a new command id");
        }
        List<MemberEnvelope> events = store.load(first.stream());
        long upTo = prior.get(prior.size() - 1).version();
        List<MemberEnvelope> until = events.subList(0, (int) Math.min(upTo, events.size()));
        if (data != null) {
            // The vault holds the data of the member's latest application: compare only if that is this one.
            EnrolmentFold now = EnrolmentFold.of(member, events).orElseThrow();
            if (now.appliedVersion == first.version() && !now.erased) {
                Optional<PersonalData> stored = store.personalData(member);
                if (stored.isPresent() && !stored.get().equals(data)) {
                    throw new DuplicateCommand(id.value(), "was already used for an application with other personal data"
                            + " on " + first.stream() + "; use a new command id");
                }
                if (stored.isEmpty()) {
                    store.putPersonalData(member, data); // the first attempt stopped between the event and the vault
                }
            }
        }
        return view(member, until);
    }

    /** The payload of a stored command, in the shape the commands above build their keys. */
    private static List<Object> keyOf(MemberEnvelope env) {
        MemberEvent e = env.event();
        ActorId by = env.actor();
        if (e instanceof MemberApplied a) {
            return List.of("apply", by, a.member(), a.community(), a.occupation(), Objects.toString(a.platform()),
                    a.partyMember(), a.consentAt(), a.consentText());
        } else if (e instanceof MemberApproved a) {
            return List.of("approve", by, a.member(), a.grid(), Objects.toString(a.team()), a.roles());
        } else if (e instanceof MemberRefused r) {
            return List.of("refuse", by, r.member(), r.reason());
        } else if (e instanceof MemberSuspended s) {
            return List.of("suspend", by, s.member(), s.reason());
        } else if (e instanceof MemberReinstated r) {
            return List.of("reinstate", by, r.member(), "");
        } else if (e instanceof MemberLeft l) {
            return List.of("leave", by, l.member(), Objects.toString(l.reason()));
        }
        return List.of("other", env.stream(), e.type());
    }

    // ---------------------------------------------------------------- checks

    private void requireStep(EnrolmentFold fold, String command) {
        List<String> allowed = ALLOWED.get(fold.status());
        if (!allowed.contains(command)) {
            throw TransitionNotAllowed.on("member " + fold.member, fold.status().name(), command, allowed);
        }
    }

    private void requireCommunityStaff(Actor claimed, String command, ActorId member, EnrolmentFold fold) {
        Actor staff = claimed;
        if (cfg.staff() != null) {
            staff = cfg.staff().find(claimed.id()).orElseThrow(() -> new NotAuthorized(claimed.id()
                    + " is not staff the city knows; may not '" + command + "' member " + member));
        }
        if (!staff.hasRole(Role.COMMUNITY_STAFF)) {
            throw new NotAuthorized(staff.id() + " (roles " + staff.roles().stream().sorted().toList() + ") may not '"
                    + command + "' member " + member + ": needs the role COMMUNITY_STAFF");
        }
        if (!org.covers(staff, fold.community())) {
            throw new NotAuthorized(staff.id() + " may not '" + command + "' member " + member
                    + ": needs to be staff of the member's community " + fold.community() + " or a unit above it");
        }
    }

    private void verifyIdentity(Application a) {
        IdentityVerifier.Result r;
        try {
            r = cfg.verifier().verify(a.personalData());
        } catch (GovernanceException e) {
            throw e;
        } catch (RuntimeException e) {
            // Only the exception's class: a verifier's message may echo what it was given.
            throw new StoreFailure("the identity verifier failed (" + e.getClass().getName() + ") for " + a.member(), null);
        }
        if (r == null) {
            throw new IdentityNotVerified(a.member(), "the identity verifier gave no result");
        }
        if (!r.verified()) {
            IdentityNotVerified refused = new IdentityNotVerified(a.member(),
                    r.reason() == null ? "no reason given" : r.reason());
            log.info("member {} refused by the identity check: {}", a.member(), refused.reason());
            throw refused;
        }
    }

    // ---------------------------------------------------------------- reading

    public Optional<MemberView> find(ActorId member) {
        Checks.required("member", member);
        return EnrolmentFold.of(member, store.load(STREAM + member.value()))
                .map(f -> f.view(f.erased ? Optional.empty() : store.personalData(member)));
    }

    private MemberView view(ActorId member, List<MemberEnvelope> events) {
        EnrolmentFold f = EnrolmentFold.of(member, events).orElseThrow(() -> new NotFound("member " + member));
        return f.view(f.erased ? Optional.empty() : store.personalData(member));
    }

    public List<MemberEnvelope> history(ActorId member) {
        Checks.required("member", member);
        return store.load(STREAM + member.value());
    }

    public List<MemberView> members(OrgUnitId unit) {
        Checks.required("unit", unit);
        if (org.find(unit).isEmpty()) {
            throw new InvalidInput("unit", "unknown org unit '" + unit + "'");
        }
        catchUp();
        List<MemberView> out = new ArrayList<>();
        for (ActorId m : known) {
            find(m).filter(v -> org.within(v.community(), unit) || (v.grid() != null && org.within(v.grid(), unit)))
                    .ifPresent(out::add);
        }
        return out;
    }

    /** Reads the feed since the last look and remembers every member stream in it. */
    private synchronized void catchUp() {
        while (true) {
            List<StoredMemberEvent> page = store.readAfter(checkpoint, PAGE);
            for (StoredMemberEvent s : page) {
                String stream = s.envelope().stream();
                if (stream.startsWith(STREAM)) {
                    known.add(ActorId.of(stream.substring(STREAM.length())));
                }
                checkpoint = Math.max(checkpoint, s.position());
            }
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- erasure

    /**
     * Erases the personal data of every member who left (or was refused) at least the retention
     * period ago: first the {@code member.erased} event (its command id is derived from the leave,
     * so passes on several nodes write it once), then the vault. A vault entry that outlived its
     * event (a crash in between) is erased by the next pass. Returns how many members this pass erased.
     */
    public int erasePersonalDataDue() {
        catchUp();
        Instant now = cfg.clock().instant();
        int erased = 0;
        for (ActorId m : known) {
            String stream = STREAM + m.value();
            List<MemberEnvelope> events = store.load(stream);
            Optional<EnrolmentFold> of = EnrolmentFold.of(m, events);
            if (of.isEmpty()) {
                continue;
            }
            EnrolmentFold f = of.get();
            boolean closed = f.status() == MemberStatus.LEFT || f.status() == MemberStatus.REFUSED;
            if (!closed || f.closedAt == null || now.isBefore(f.closedAt.plus(cfg.retention()))) {
                continue;
            }
            if (!f.erased) {
                CommandId id = eraseId(m, f.closedVersion);
                MemberEnvelope env = new MemberEnvelope(stream, f.version() + 1, now, CLOCK, id,
                        new MemberDataErased(m, f.community()));
                try {
                    store.append(new MemberAppend(stream, f.version(), List.of(env)));
                } catch (ConcurrencyConflict | DuplicateCommand e) {
                    continue; // another pass, or a new application, got there first; the next pass looks again
                }
                erased++;
                log.info("member {}: personal data erased, {} days after {}", m, cfg.retention().toDays(), f.status());
            }
            store.erasePersonalData(m);
        }
        return erased;
    }

    private static CommandId eraseId(ActorId member, long closedVersion) {
        String id = "erase:" + member.value() + "@" + closedVersion;
        return CommandId.of(id.length() <= 128 ? id : "erase:" + sha256(id).substring(0, 48));
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    // ---------------------------------------------------------------- notices

    /** The notice the event causes the member, its text holding the phone only masked; none for other events. */
    private Optional<MemberNotice> notice(MemberEnvelope env, MemberView v) {
        String contact = v.maskedPhone() == null || v.personalDataErased() ? "" : "（联系电话 " + v.maskedPhone() + "）";
        MemberEvent e = env.event();
        String text;
        if (e instanceof MemberApplied) {
            text = "您已报名成为" + org.name(v.community()) + "移动网格员，社区将尽快审核" + contact + "。";
        } else if (e instanceof MemberApproved a) {
            text = "您的报名已通过：" + org.name(a.community()) + " " + org.name(a.grid())
                    + (a.team() == null ? "" : "，服务队 " + a.team()) + contact + "。";
        } else if (e instanceof MemberRefused r) {
            text = "您的报名未通过：" + r.reason() + contact + "。";
        } else if (e instanceof MemberSuspended s) {
            text = "您的移动网格员身份已暂停：" + s.reason() + contact + "。";
        } else if (e instanceof MemberReinstated) {
            text = "您的移动网格员身份已恢复" + contact + "。";
        } else if (e instanceof MemberLeft) {
            text = "您已退出" + org.name(v.community()) + "移动网格员；个人信息将在 " + cfg.retention().toDays()
                    + " 天后删除。";
        } else {
            return Optional.empty();
        }
        return Optional.of(new MemberNotice(v.member(), e.type(), text, env.at()));
    }

    /**
     * The notice as the outbox keeps it: to the member, about no ticket, the masked text and the
     * community in its data. Its id is {@code <topic>:<stream>@<version>} (a hash of the stream and
     * version when that is too long): one event, one notification, however often the command is
     * replayed.
     */
    private static Notification notification(MemberEnvelope env, MemberNotice n, MemberView v) {
        String at = env.stream() + "@" + env.version();
        String id = n.topic().length() + 1 + at.length() <= 128 ? n.topic() + ":" + at : n.topic() + ":" + sha256(at);
        return new Notification(id, n.topic(), Recipient.actor(n.member().value()), null, n.at(), false,
                Map.of("text", n.text(), "community", v.community().value()));
    }

    /** The deprecated after-commit hook, if the city set one: best effort, never thrown into the command. */
    private void handOver(MemberNotice n) {
        if (cfg.notices() == null) {
            return;
        }
        try {
            cfg.notices().accept(n);
        } catch (RuntimeException ex) {
            // The command is committed and its notice is in the outbox; a hook that fails is logged, not thrown.
            log.warn("notice {} for member {} was not handed to the hook: {}", n.topic(), n.member(),
                    ex.getClass().getName());
        }
    }
}
