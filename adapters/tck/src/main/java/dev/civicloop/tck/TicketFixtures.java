package dev.civicloop.tck;

import dev.civicloop.spi.event.DepartmentAccepted;
import dev.civicloop.spi.event.DepartmentResolved;
import dev.civicloop.spi.event.EventEnvelope;
import dev.civicloop.spi.event.GrievanceAnswered;
import dev.civicloop.spi.event.MeTooAdded;
import dev.civicloop.spi.event.ProgressNoted;
import dev.civicloop.spi.event.ReportRejectedAsFalse;
import dev.civicloop.spi.event.ReportVerified;
import dev.civicloop.spi.event.ResultConfirmed;
import dev.civicloop.spi.event.TicketCancelled;
import dev.civicloop.spi.event.TicketClaimed;
import dev.civicloop.spi.event.TicketDispatched;
import dev.civicloop.spi.event.TicketEscalated;
import dev.civicloop.spi.event.TicketEvent;
import dev.civicloop.spi.event.TicketMerged;
import dev.civicloop.spi.event.TicketRejected;
import dev.civicloop.spi.event.TicketReminded;
import dev.civicloop.spi.event.TicketReopened;
import dev.civicloop.spi.event.TicketReported;
import dev.civicloop.spi.event.TicketReturned;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.CoordinateSystem;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.GeoPoint;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.Media;
import dev.civicloop.spi.model.MediaKind;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Satisfaction;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Recipient;
import dev.civicloop.spi.store.AppendRequest;
import dev.civicloop.spi.store.CommandRecord;
import dev.civicloop.spi.store.TicketSummary;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Realistic values for storage tests: ticket histories that hold every kind of
 * {@link TicketEvent}, append requests with consistent versions and summaries, notifications and
 * command records. All instants have millisecond precision, which every mainstream database keeps.
 *
 * <pre>{@code
 * TicketId id = TicketId.of("t-1");
 * store.append(TicketFixtures.report(id, TicketFixtures.T0));
 * store.append(TicketFixtures.append(id, 1)
 *         .event(TicketState.VERIFIED, new ReportVerified(VerificationMethod.ON_SITE, "燃气味明显"))
 *         .command("verify-t-1", TicketFixtures.T0.plusSeconds(600))
 *         .notify(TicketFixtures.notification("n-1", id, TicketFixtures.T0.plusSeconds(600), false))
 *         .build());
 * }</pre>
 */
public final class TicketFixtures {

    /** The fixtures' "now": a Monday morning, with a millisecond part so truncation shows. */
    public static final Instant T0 = Instant.parse("2026-05-11T08:30:00.125Z");

    /** The grid the fixtures' tickets are reported in. */
    public static final OrgUnitId GRID = OrgUnitId.of("grid-6");
    /** The community above {@link #GRID}. */
    public static final OrgUnitId COMMUNITY = OrgUnitId.of("yuanhang");
    /** The street above {@link #COMMUNITY}. */
    public static final OrgUnitId STREET = OrgUnitId.of("nanhu-street");
    /** The lead department of the fixtures' hazards. */
    public static final DepartmentId GAS_CO = DepartmentId.of("gas-co");
    /** The co-handling department of the fixtures' hazards. */
    public static final DepartmentId URBAN_MANAGEMENT = DepartmentId.of("urban-management");
    /** A delivery rider who reports. */
    public static final ActorId RIDER = ActorId.of("wang-bin");

    private static final ActorId GRID_STAFF = ActorId.of("zhao-min");
    private static final ActorId COORDINATOR = ActorId.of("sun-li");
    private static final ActorId COMMUNITY_STAFF = ActorId.of("li-na");
    private static final ActorId GAS_HANDLER = ActorId.of("gas-co.chen-gang");
    private static final ActorId URBAN_HANDLER = ActorId.of("urban-management.he-jun");
    private static final ActorId SERVICE_CENTRE = ActorId.of("service-centre.xu-yan");
    private static final ActorId CLOCK = ActorId.of("clock");
    private static final Set<TicketState> TERMINAL = Set.of(
            TicketState.CLOSED, TicketState.REJECTED, TicketState.MERGED, TicketState.CANCELLED);

    private TicketFixtures() {}

    // ------------------------------------------------------------------ events

    /** A gas-leak report by {@link #RIDER} in {@link #GRID}, with a photo and a voice message. */
    public static TicketReported gasLeakReport(boolean urgent) {
        return new TicketReported(Category.CLOSED_LOOP, "gas_leak",
                Location.of(GeoPoint.of(46.5872, 124.8634, CoordinateSystem.GCJ02), "尚溪小区 3 栋 2 单元"),
                "院内燃气味很重，楼道里有嘶嘶声 / strong smell of gas in the yard",
                List.of(media(MediaKind.PHOTO, "reports/2026/05/11/a1.jpg", "image/jpeg", 482_113),
                        media(MediaKind.VOICE, "reports/2026/05/11/a1.m4a", "audio/mp4", 61_240)),
                GRID, urgent, urgent, null, null);
    }

    /** Progress noted by {@link #GAS_CO}; handy filler when only the number of events matters. */
    public static ProgressNoted progress(String note) {
        return new ProgressNoted(GAS_CO, note);
    }

    /**
     * The full life of a closed-loop gas-leak ticket, versions 1 to 17: report, verification,
     * dispatch, a return, re-dispatch, claim, acceptance by two departments, progress, a
     * reminder, an escalation, a "me too", two resolutions, an unsatisfied confirmation, a reopening and
     * finally closure by the clock.
     */
    public static List<EventEnvelope> closedLoopHistory(TicketId id) {
        History h = new History(id);
        h.add(RIDER, TicketState.SUBMITTED, gasLeakReport(false));
        h.add(GRID_STAFF, TicketState.VERIFIED, new ReportVerified(VerificationMethod.ON_SITE, "现场确认，已疏散住户"));
        h.add(COORDINATOR, TicketState.DISPATCHED, new TicketDispatched(COMMUNITY, GAS_CO, List.of(URBAN_MANAGEMENT),
                T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2)), "category gas_leak: lead gas-co"));
        h.add(URBAN_HANDLER, TicketState.VERIFIED,
                new TicketReturned(URBAN_MANAGEMENT, "管道属燃气公司产权，非城管职责", 1));
        h.add(COORDINATOR, TicketState.DISPATCHED, new TicketDispatched(COMMUNITY, GAS_CO, List.of(),
                T0.plus(Duration.ofMinutes(90)), T0.plus(Duration.ofMinutes(150)), "returned by urban-management"));
        h.add(COMMUNITY_STAFF, TicketState.CLAIMED, new TicketClaimed(COMMUNITY));
        h.add(GAS_HANDLER, TicketState.CLAIMED, new DepartmentAccepted(GAS_CO));
        h.add(URBAN_HANDLER, TicketState.IN_HANDLING, new DepartmentAccepted(URBAN_MANAGEMENT));
        h.add(GAS_HANDLER, TicketState.IN_HANDLING, new ProgressNoted(GAS_CO, "阀门已关闭，正在查漏"));
        h.add(CLOCK, TicketState.IN_HANDLING, new TicketReminded("resolve", T0.plus(Duration.ofMinutes(150)), null,
                List.of(GAS_CO, URBAN_MANAGEMENT)));
        h.add(CLOCK, TicketState.IN_HANDLING,
                new TicketEscalated("resolve", 1, T0.plus(Duration.ofMinutes(150)), STREET));
        h.add(ActorId.of("liu-yang"), TicketState.IN_HANDLING,
                new MeTooAdded(TicketId.of(id.value() + "-dup"), ActorId.of("liu-yang"), 1));
        h.add(GAS_HANDLER, TicketState.IN_HANDLING, new DepartmentResolved(GAS_CO, "更换老化接头，复测无泄漏",
                List.of(media(MediaKind.PHOTO, "results/a1-after.jpg", "image/jpeg", 390_004),
                        media(MediaKind.VIDEO, "results/a1-test.mp4", "video/mp4", 7_340_032))));
        h.add(URBAN_HANDLER, TicketState.RESOLVED, new DepartmentResolved(URBAN_MANAGEMENT, "路面已恢复", List.of()));
        h.add(RIDER, TicketState.RESOLVED, new ResultConfirmed(Satisfaction.UNSATISFIED, "楼道里还有味道", false));
        h.add(COORDINATOR, TicketState.DISPATCHED, new TicketReopened("reporter unsatisfied", 1,
                T0.plus(Duration.ofHours(5)), T0.plus(Duration.ofHours(6))));
        h.add(CLOCK, TicketState.CLOSED, new ResultConfirmed(null, null, true));
        return h.events;
    }

    /**
     * Short histories that, together with {@link #closedLoopHistory}, hold every kind of
     * {@link TicketEvent} and the optional fields both set and null: a worker's grievance, a
     * report found false, a rejection, a merge and a cancellation. Ticket ids start with
     * {@code prefix}.
     */
    public static List<List<EventEnvelope>> historiesCoveringEveryEvent(String prefix) {
        List<List<EventEnvelope>> all = new ArrayList<>();
        all.add(closedLoopHistory(TicketId.of(prefix + "-closed-loop")));

        History grievance = new History(TicketId.of(prefix + "-grievance"));
        grievance.add(RIDER, TicketState.SUBMITTED, new TicketReported(Category.GRIEVANCE, "unpaid_wages",
                Location.address("南湖街道新就业群体服务站"), "平台拖欠两个月配送费", List.of(), STREET, false, true,
                T0.plus(Duration.ofHours(24)), T0.plus(Duration.ofDays(7))));
        grievance.add(CLOCK, TicketState.SUBMITTED,
                new TicketReminded("claim", T0.plus(Duration.ofHours(24)), STREET, List.of()));
        grievance.add(SERVICE_CENTRE, TicketState.ACCEPTED, new DepartmentAccepted(null));
        grievance.add(SERVICE_CENTRE, TicketState.ANSWERED, new GrievanceAnswered("已联系站点负责人，本周五前补发"));
        grievance.add(RIDER, TicketState.CLOSED, new ResultConfirmed(Satisfaction.BASICALLY_SATISFIED, "", false));
        all.add(grievance.events);

        History falseReport = new History(TicketId.of(prefix + "-false-report"));
        falseReport.add(ActorId.of("qian-hao"), TicketState.SUBMITTED, new TicketReported(Category.CLOSED_LOOP,
                "blocked_fire_lane", Location.at(GeoPoint.wgs84(46.60001, 124.88)), "消防通道被占", List.of(
                        media(MediaKind.PHOTO, "reports/2026/05/11/b7.png", "image/png", 1)),
                GRID, false, false, null, null));
        falseReport.add(GRID_STAFF, TicketState.REJECTED, new ReportRejectedAsFalse("现场无车辆停放，照片为旧图"));
        all.add(falseReport.events);

        History rejected = new History(TicketId.of(prefix + "-rejected"));
        rejected.add(RIDER, TicketState.SUBMITTED, gasLeakReport(false));
        rejected.add(GRID_STAFF, TicketState.VERIFIED, new ReportVerified(VerificationMethod.BY_PHOTO, null));
        rejected.add(COORDINATOR, TicketState.REJECTED, new TicketRejected("私人住宅内部设施，建议联系物业"));
        all.add(rejected.events);

        History merged = new History(TicketId.of(prefix + "-merged"));
        merged.add(ActorId.of("liu-yang"), TicketState.SUBMITTED, gasLeakReport(true));
        merged.add(COORDINATOR, TicketState.MERGED, new TicketMerged(TicketId.of(prefix + "-closed-loop")));
        all.add(merged.events);

        History cancelled = new History(TicketId.of(prefix + "-cancelled"));
        cancelled.add(RIDER, TicketState.SUBMITTED, gasLeakReport(false));
        cancelled.add(RIDER, TicketState.CANCELLED, new TicketCancelled("误报，是邻居在做饭"));
        all.add(cancelled.events);
        return List.copyOf(all);
    }

    // ------------------------------------------------------------------ values

    /**
     * An envelope at the given version: occurred at {@code T0 + version minutes}, by
     * {@link #RIDER}, with command id {@code <ticket>-v<version>}.
     */
    public static EventEnvelope envelope(TicketId ticketId, long version, TicketState state, TicketEvent event) {
        return new EventEnvelope(ticketId, version, T0.plus(Duration.ofMinutes(version)), RIDER,
                CommandId.of(ticketId.value() + "-v" + version), state, event);
    }

    /** A summary of an open ticket in {@link #GRID}, {@link #COMMUNITY} and {@link #STREET}. */
    public static TicketSummary summary(TicketId ticketId, long version, TicketState state, Instant reportedAt) {
        return new TicketSummary(ticketId, version, Category.CLOSED_LOOP, "gas_leak", state,
                TERMINAL.contains(state), Set.of(GRID, COMMUNITY, STREET), reportedAt, reportedAt, null);
    }

    /** A notification to {@link #COMMUNITY} about the ticket, created at the given instant. */
    public static Notification notification(String id, TicketId ticketId, Instant createdAt, boolean urgent) {
        return new Notification(id, "dispatched", Recipient.orgUnit(COMMUNITY.value()), ticketId, createdAt, urgent,
                Map.of("category", "gas_leak", "title", "燃气泄漏 · 尚溪小区 3 栋"));
    }

    /** A command record with fingerprint {@code fp:<commandId>}. */
    public static CommandRecord command(String commandId, TicketId ticketId, long version, Instant recordedAt) {
        return new CommandRecord(CommandId.of(commandId), "fp:" + commandId, ticketId, version, recordedAt);
    }

    /** A new ticket: one {@link #gasLeakReport} event at {@code reportedAt}, state SUBMITTED. */
    public static AppendRequest report(TicketId ticketId, Instant reportedAt) {
        EventEnvelope e = new EventEnvelope(ticketId, 1, reportedAt, RIDER, CommandId.of(ticketId.value() + "-v1"),
                TicketState.SUBMITTED, gasLeakReport(false));
        return append(ticketId, 0).envelope(e).reportedAt(reportedAt).build();
    }

    /** Starts an append to {@code ticketId}, which is at {@code expectedVersion} (0: a new ticket). */
    public static Append append(TicketId ticketId, long expectedVersion) {
        return new Append(ticketId, expectedVersion);
    }

    private static Media media(MediaKind kind, String path, String contentType, long size) {
        String hex = Integer.toHexString(Objects.hash(path, size));
        return Media.of(kind, URI.create("https://media.civicloop.example/" + path), contentType, size,
                "0".repeat(64 - hex.length()) + hex);
    }

    /**
     * Builds an {@link AppendRequest} whose versions and summary agree: events get the next
     * versions in turn, the summary takes the last event's state, version and time. Defaults:
     * reported at {@link #T0}, org units {@link #GRID}, {@link #COMMUNITY}, {@link #STREET}, no
     * running deadline, terminal if the state is CLOSED, REJECTED, MERGED or CANCELLED.
     */
    public static final class Append {
        private final TicketId ticketId;
        private final long expectedVersion;
        private final List<EventEnvelope> events = new ArrayList<>();
        private final List<Notification> notifications = new ArrayList<>();
        private CommandRecord command;
        private String commandId;
        private Instant commandRecordedAt;
        private Instant reportedAt = T0;
        private Set<OrgUnitId> orgUnits = Set.of(GRID, COMMUNITY, STREET);
        private Instant nextDueAt;
        private Boolean terminal;
        private String workflow = Category.CLOSED_LOOP;
        private String category = "gas_leak";

        private Append(TicketId ticketId, long expectedVersion) {
            this.ticketId = Objects.requireNonNull(ticketId, "ticketId");
            this.expectedVersion = expectedVersion;
        }

        /** Adds an event at the next version (see {@link TicketFixtures#envelope}). */
        public Append event(TicketState state, TicketEvent event) {
            return envelope(TicketFixtures.envelope(ticketId, nextVersion(), state, event));
        }

        /** Adds an event at the next version, with its own time, actor and command id. */
        public Append event(TicketState state, TicketEvent event, Instant occurredAt, ActorId actor, CommandId commandId) {
            return envelope(new EventEnvelope(ticketId, nextVersion(), occurredAt, actor, commandId, state, event));
        }

        /** Adds a prepared envelope; its version must be the next one. */
        public Append envelope(EventEnvelope envelope) {
            events.add(envelope);
            return this;
        }

        /** Adds prepared envelopes; their versions must follow on. */
        public Append envelopes(List<EventEnvelope> envelopes) {
            events.addAll(envelopes);
            return this;
        }

        /** Adds a notification to the outbox entries of this append. */
        public Append notify(Notification notification) {
            notifications.add(notification);
            return this;
        }

        /** Records the command that caused this append, at the version the append produces. */
        public Append command(String id, Instant recordedAt) {
            this.command = null;
            this.commandId = Objects.requireNonNull(id, "id");
            this.commandRecordedAt = Objects.requireNonNull(recordedAt, "recordedAt");
            return this;
        }

        /** Records a prepared command record, as it is. */
        public Append command(CommandRecord record) {
            this.command = record;
            this.commandId = null;
            return this;
        }

        /** When the ticket was reported (summary only). */
        public Append reportedAt(Instant instant) {
            this.reportedAt = instant;
            return this;
        }

        /** The org units the ticket belongs to (summary only). */
        public Append orgUnits(OrgUnitId... units) {
            this.orgUnits = Set.of(units);
            return this;
        }

        /** When the next running deadline falls due (summary only); null for none. */
        public Append nextDueAt(Instant instant) {
            this.nextDueAt = instant;
            return this;
        }

        /** Overrides whether the ticket is terminal (summary only). */
        public Append terminal(boolean value) {
            this.terminal = value;
            return this;
        }

        /** The workflow and category (summary only). */
        public Append workflow(String workflowId, String categoryCode) {
            this.workflow = workflowId;
            this.category = categoryCode;
            return this;
        }

        /** The request; throws InvalidInput if versions do not follow on. */
        public AppendRequest build() {
            if (events.isEmpty()) {
                throw new IllegalStateException("an append needs at least one event: call event(…) first");
            }
            EventEnvelope last = events.get(events.size() - 1);
            boolean isTerminal = terminal != null ? terminal : TERMINAL.contains(last.state());
            TicketSummary summary = new TicketSummary(ticketId, last.version(), workflow, category, last.state(),
                    isTerminal, orgUnits, reportedAt, last.occurredAt(), nextDueAt);
            CommandRecord record = commandId != null
                    ? TicketFixtures.command(commandId, ticketId, last.version(), commandRecordedAt)
                    : command;
            return new AppendRequest(ticketId, expectedVersion, events, notifications, record, summary);
        }

        private long nextVersion() {
            return expectedVersion + events.size() + 1;
        }
    }

    /** Collects one ticket's envelopes, a few minutes apart, each by its own command. */
    private static final class History {
        private final TicketId id;
        private final List<EventEnvelope> events = new ArrayList<>();

        History(TicketId id) {
            this.id = id;
        }

        void add(ActorId actor, TicketState state, TicketEvent event) {
            long version = events.size() + 1L;
            Instant at = T0.plus(Duration.ofMinutes(7 * version)).plusMillis(version * 13);
            String command = event.command() + "-" + id.value() + "-" + version;
            events.add(new EventEnvelope(id, version, at, actor, CommandId.of(command), state, event));
        }
    }
}
