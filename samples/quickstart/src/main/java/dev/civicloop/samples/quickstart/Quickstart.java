package dev.civicloop.samples.quickstart;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.core.Labels;
import dev.civicloop.core.Statistics;
import dev.civicloop.core.TicketView;
import dev.civicloop.core.TimelineEntry;
import dev.civicloop.core.WorkingCalendar;
import dev.civicloop.core.command.Accept;
import dev.civicloop.core.command.Claim;
import dev.civicloop.core.command.Confirm;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.command.Reopen;
import dev.civicloop.core.command.Report;
import dev.civicloop.core.command.Resolve;
import dev.civicloop.core.command.Return;
import dev.civicloop.core.command.Verify;
import dev.civicloop.spi.event.TicketDispatched;
import dev.civicloop.spi.event.TicketReminded;
import dev.civicloop.spi.event.TicketReopened;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.CategoryKind;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.CoordinateSystem;
import dev.civicloop.spi.model.Deadline;
import dev.civicloop.spi.model.Department;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.GeoPoint;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.Media;
import dev.civicloop.spi.model.MediaKind;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.model.Satisfaction;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.Urgency;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.store.memory.InMemoryTicketStore;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * CivicLoop in one file: a small city (大庆市 › 红岗区 › 八百垧街道 › 远航社区 › 第六网格, from seed 002),
 * an engine on the in-memory store, and two real cases from the seeds played end to end.
 *
 * <ol>
 *   <li><b>Seed 000, urgent.</b> A delivery rider smells gas in a housing estate and reports it.
 *       Gas leaks are an urgent category, so the report skips verification and the engine
 *       dispatches it at once to the community and the gas company. The community claims it, the
 *       gas company accepts and repairs, the result is fed back to the rider, who closes it
 *       satisfied.
 *   <li><b>Seed 002, the long way round.</b> A ride-hailing driver reports a raised manhole cover
 *       with a photo and a voice note. Grid staff verify it by the photo; the street dispatches it
 *       to the housing bureau, which returns it (退单) as not its job; the street re-dispatches it
 *       to municipal facilities, which fix it. The driver is not satisfied and reopens it (重办);
 *       it is fixed again and closed.
 * </ol>
 *
 * <p>Then it prints the street's statistics for the week. Time comes from a clock the sample moves
 * forward step by step (from Monday 2026-11-23, 09:00 in Asia/Shanghai), so every run prints the
 * same timelines, deadlines and figures. Labels are Chinese by default; {@code --lang=en} prints
 * English.
 *
 * <pre>{@code
 * ./mvnw -q -pl samples/quickstart -am package -DskipTests -Drun
 * java -p <module path> -m dev.civicloop.samples.quickstart/dev.civicloop.samples.quickstart.Quickstart --lang=en
 * }</pre>
 */
public final class Quickstart {

    // ---------------------------------------------------------------- the city

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static final OrgUnitId STREET = OrgUnitId.of("babaishang");
    static final OrgUnitId YUANHANG = OrgUnitId.of("yuanhang");
    static final OrgUnitId GRID_6 = OrgUnitId.of("yuanhang-grid-6");

    /** The jurisdiction tree: exactly one city; every other unit names its parent. */
    static final List<OrgUnit> ORG_TREE = List.of(
            OrgUnit.of("daqing", OrgLevel.CITY, "大庆市", null),
            OrgUnit.of("honggang", OrgLevel.DISTRICT, "红岗区", "daqing"),
            OrgUnit.of("babaishang", OrgLevel.STREET, "八百垧街道", "honggang"),
            OrgUnit.of("yuanhang", OrgLevel.COMMUNITY, "远航社区", "babaishang"),
            OrgUnit.of("yuanhang-grid-6", OrgLevel.GRID, "第六网格", "yuanhang"));

    static final DepartmentId GAS_CO = DepartmentId.of("gas-co");
    static final DepartmentId HOUSING = DepartmentId.of("housing");
    static final DepartmentId MUNICIPAL = DepartmentId.of("municipal");

    static final List<Department> DEPARTMENTS = List.of(
            Department.of("gas-co", "燃气公司", "Gas company"),
            Department.of("housing", "住建局", "Housing bureau"),
            Department.of("municipal", "市政设施管理处", "Municipal facilities"));

    /** Urgent: skips verification and is dispatched on report; 12345 practice gives emergencies 2 h. */
    static final Category GAS_LEAK = Category.builder("gas_leak", "燃气泄漏", "Gas leak")
            .kind(CategoryKind.HAZARD).urgency(Urgency.URGENT)
            .claimWithin(Deadline.hours(1)).resolveWithin(Deadline.hours(2))
            .lead(GAS_CO).build();

    /** Normal: verified by grid staff, dispatched by the street, fixed within one working day. */
    static final Category MANHOLE_COVER = Category.builder("manhole_cover", "井盖破损", "Broken manhole cover")
            .kind(CategoryKind.HAZARD)
            .claimWithin(Deadline.hours(24)).resolveWithin(Deadline.workingDays(1))
            .lead(MUNICIPAL).build();

    // ---------------------------------------------------------------- the people, one per role

    /** 王斌, delivery rider, volunteer mobile grid member (seed 000). */
    static final Actor RIDER = Actor.reporter("wang-bin", Role.MOBILE_GRID_MEMBER);
    /** 张国龙, ride-hailing driver, part-time member of grid 6 (seed 002). */
    static final Actor DRIVER = Actor.reporter("zhang-guolong", Role.MOBILE_GRID_MEMBER);
    static final Actor GRID_STAFF = staff("grid6-staff", Role.GRID_STAFF, GRID_6);
    static final Actor COMMUNITY_STAFF = staff("yuanhang-staff", Role.COMMUNITY_STAFF, YUANHANG);
    /** The street's governance centre (综治中心): dispatches for every grid of the street. */
    static final Actor COORDINATOR = staff("babaishang-centre", Role.STREET_COORDINATOR, STREET);
    static final Actor GAS_HANDLER = handler("gas-handler", GAS_CO);
    static final Actor HOUSING_HANDLER = handler("housing-handler", HOUSING);
    static final Actor MUNICIPAL_HANDLER = handler("municipal-handler", MUNICIPAL);

    // ---------------------------------------------------------------- the engine

    /** Lines under a timeline entry start below its description. */
    private static final String INDENT = " ".repeat(38);

    private final Locale locale;
    private final PrintStream out;
    private final SteppedClock clock = new SteppedClock(LocalDateTime.of(2026, 11, 23, 9, 0));
    /** What the outbox delivered; a real city plugs in SMS, app push or a webhook here. */
    private final List<Notification> delivered = new ArrayList<>();
    private final GovernanceEngine engine;

    Quickstart(Locale locale, PrintStream out) {
        this.locale = locale;
        this.out = out;
        AtomicInteger ticketNumber = new AtomicInteger();
        this.engine = GovernanceEngine.builder()
                .store(new InMemoryTicketStore())   // also the outbox
                .clock(clock)
                .calendar(WorkingCalendar.of(SHANGHAI))
                .orgUnits(ORG_TREE)
                .departments(DEPARTMENTS)
                .categories(List.of(GAS_LEAK, MANHOLE_COVER))
                .notifier(delivered::add)
                .ticketIds(() -> TicketId.of(String.format(Locale.ROOT, "BBS-%04d", ticketNumber.incrementAndGet())))
                .build();
    }

    /** Runs the quickstart: {@code --lang=zh} (default) or {@code --lang=en}. */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int status = run(args, out, err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Parses the arguments and plays both cases; returns the process exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Locale locale = Locale.SIMPLIFIED_CHINESE;
        for (String arg : args) {
            if (arg.equals("--lang=zh")) {
                locale = Locale.SIMPLIFIED_CHINESE;
            } else if (arg.equals("--lang=en")) {
                locale = Locale.ENGLISH;
            } else {
                err.println("unknown argument '" + arg + "'");
                err.println("usage: Quickstart [--lang=zh|--lang=en]");
                return 2;
            }
        }
        new Quickstart(locale, out).play();
        return 0;
    }

    void play() {
        out.println(say("CivicLoop 快速上手 · 大庆市 红岗区 八百垧街道 · 2026-11-23（周一）起 · 北京时间",
                "CivicLoop quickstart · Daqing, Honggang district, Babaishang street · from Monday 2026-11-23, Asia/Shanghai"));

        section(say("案例一（种子 000）：骑手送单时闻到燃气味", "Case 1 (seed 000): a rider smells gas on a delivery"));
        showTicket(gasLeak());

        section(say("案例二（种子 002）：网约车司机上报井盖翘起", "Case 2 (seed 002): a driver reports a raised manhole cover"));
        showTicket(raisedManholeCover());

        showStatistics();
    }

    // ---------------------------------------------------------------- case 1: gas leak, urgent

    private TicketId gasLeak() {
        clock.advanceTo(23, 9, 0);
        TicketView ticket = engine.handle(new Report(command("gas/report"), RIDER, GAS_LEAK.code(),
                Location.of(GeoPoint.of(46.5806, 124.8718, CoordinateSystem.GCJ02), "尚溪小区 3 栋院内"),
                say("送单时闻到小区院内燃气味很重，担心是管道泄漏", "strong smell of gas in the courtyard, maybe a leaking pipe"),
                List.of(), GRID_6));
        // Urgent: no verification; the engine has already dispatched it to 远航社区 and the gas company.
        TicketId id = ticket.ticketId();

        clock.advanceTo(23, 9, 8);
        engine.handle(new Claim(command("gas/claim"), COMMUNITY_STAFF, id));
        clock.advanceTo(23, 9, 15);
        engine.handle(new Accept(command("gas/accept"), GAS_HANDLER, id));
        // The clock's turn, as a city's scheduler runs it every few minutes: the resolve deadline
        // (11:00) is an hour away, half its span, so the gas company is reminded (临期提醒).
        clock.advanceTo(23, 10, 0);
        clockTurn();
        clock.advanceTo(23, 10, 20);
        engine.handle(new Resolve(command("gas/resolve"), GAS_HANDLER, id,
                say("确认 3 栋院内燃气管道接口泄漏，已紧急抢修，复测合格", "leaking pipe joint at building 3 repaired, re-tested"),
                List.of(media(MediaKind.PHOTO, "gas-repair.jpg", "image/jpeg", 1_204_331,
                        "a16f6e8bd74e407b0f52a5c4240d122e6c6aae5463f6d9b034ffee30a876e98f"))));
        // Resolving fed the result back to the rider (a "resolved" notification in the outbox).
        clock.advanceTo(23, 10, 40);
        engine.handle(new Confirm(command("gas/confirm"), RIDER, id, Satisfaction.SATISFIED,
                say("处理很及时", "quick work, thank you")));
        return id;
    }

    // ---------------------------------------------------------------- case 2: manhole cover, returned and reopened

    private TicketId raisedManholeCover() {
        clock.advanceTo(23, 11, 30);
        TicketView ticket = engine.handle(new Report(command("manhole/report"), DRIVER, MANHOLE_COVER.code(),
                Location.of(GeoPoint.of(46.5702, 124.8553, CoordinateSystem.GCJ02), "南六街外环路"),
                say("南六街外环路的井盖翘起来了，来往行人多，有安全隐患",
                        "the manhole cover on Nanliu Street ring road sticks up; many people pass, it is a hazard"),
                List.of(
                        media(MediaKind.PHOTO, "manhole.jpg", "image/jpeg", 2_348_112,
                                "12c5419ccb5f117a0d20f07621d7503077bb17a24429359dc5576b93a3b12386"),
                        media(MediaKind.VOICE, "manhole.amr", "audio/amr", 23_456,
                                "b2effe28274ff97356e1a52056b16b40c7cb83a6d1ff04a0af7058b8c1dd1ded")),
                GRID_6));
        TicketId id = ticket.ticketId();

        clock.advanceTo(23, 11, 45);
        engine.handle(new Verify(command("manhole/verify"), GRID_STAFF, id, VerificationMethod.BY_PHOTO,
                say("照片清晰，井盖高出路面约 5 厘米", "the photo is clear: the cover is about 5 cm proud")));

        // The street first sends it to the housing bureau, which sends it back: not its road.
        clock.advanceTo(23, 12, 0);
        engine.handle(new Dispatch(command("manhole/dispatch-1"), COORDINATOR, id, YUANHANG, HOUSING, List.of(),
                say("小区周边道路，派住建局", "road by a housing estate: housing bureau")));
        clock.advanceTo(23, 12, 30);
        engine.handle(new Return(command("manhole/return"), HOUSING_HANDLER, id,
                say("该井盖属市政道路设施，不属住建局职责", "the cover belongs to the municipal road, not to housing")));
        clock.advanceTo(23, 12, 40);
        engine.handle(new Dispatch(command("manhole/dispatch-2"), COORDINATOR, id, YUANHANG, MUNICIPAL, List.of(),
                say("退单后改派市政设施管理处", "re-dispatched after the return: municipal facilities")));

        clock.advanceTo(23, 13, 0);
        engine.handle(new Claim(command("manhole/claim-1"), COMMUNITY_STAFF, id));
        clock.advanceTo(23, 13, 10);
        engine.handle(new Accept(command("manhole/accept-1"), MUNICIPAL_HANDLER, id));
        clock.advanceTo(23, 16, 30);
        engine.handle(new Resolve(command("manhole/resolve-1"), MUNICIPAL_HANDLER, id,
                say("已更换新井盖", "cover replaced"),
                List.of(media(MediaKind.PHOTO, "manhole-fixed.jpg", "image/jpeg", 1_977_040,
                        "72fb63ff449853ab964233107165344f7b1d1b6a6ccce12fc8c365d456d83861"))));

        // The driver passes by in the evening: still not level. Reopening restarts the deadlines.
        clock.advanceTo(23, 18, 0);
        engine.handle(new Reopen(command("manhole/reopen"), DRIVER, id,
                say("新井盖仍比路面高出约 2 厘米，夜间骑行容易绊倒", "the new cover is still 2 cm proud; riders trip at night")));

        clock.advanceTo(24, 8, 30);
        engine.handle(new Claim(command("manhole/claim-2"), COMMUNITY_STAFF, id));
        clock.advanceTo(24, 8, 40);
        engine.handle(new Accept(command("manhole/accept-2"), MUNICIPAL_HANDLER, id));
        clock.advanceTo(24, 11, 0);
        engine.handle(new Resolve(command("manhole/resolve-2"), MUNICIPAL_HANDLER, id,
                say("重新调平井座，井盖与路面齐平", "frame re-levelled; the cover is flush with the road"),
                List.of(media(MediaKind.PHOTO, "manhole-relevelled.jpg", "image/jpeg", 2_101_876,
                        "ac42ff457571d8c5145ec9bf31b9eded06bbe3d0400ceada830ff0945e433003"))));
        clock.advanceTo(24, 12, 0);
        engine.handle(new Confirm(command("manhole/confirm"), DRIVER, id, Satisfaction.SATISFIED,
                say("这次平了，谢谢", "flush now, thanks")));
        return id;
    }

    /** What a city's scheduler does every few minutes: remind near deadlines, escalate missed ones. */
    private void clockTurn() {
        engine.remindDeadlines();
        engine.escalateOverdue();
    }

    // ---------------------------------------------------------------- printing

    private void section(String title) {
        out.println();
        out.println("== " + title + " ==");
    }

    /** The ticket, its timeline (what a reporter's app shows), and what the outbox delivered. */
    private void showTicket(TicketId id) {
        TicketView t = engine.ticket(id);
        Category category = engine.category(t.category());
        out.println(say("工单 ", "Ticket ") + id + " · " + say(category.nameZh(), category.nameEn())
                + (t.urgent() ? say(" · 紧急", " · urgent") : "") + " · " + t.location().address()
                + say(" · 上报人 ", " · reported by ") + t.reporter());
        for (Media m : t.media()) {
            out.println(say("  附件 ", "  attached ") + m.kind() + " " + m.contentType()
                    + String.format(Locale.ROOT, " %,d B", m.sizeBytes())
                    + " sha256 " + m.sha256().substring(0, 12) + "…");
        }
        for (TimelineEntry e : engine.history(id)) {
            out.printf(Locale.ROOT, "  %2d  %s  %-18s %s%n", e.version(), time(e.at()), e.actor(), e.describe(locale));
            // Dispatching and reopening start the claim and resolve clocks; show when they fall due.
            if (e.event() instanceof TicketDispatched d) {
                out.println(INDENT + dueLine(d.claimDueAt(), d.resolveDueAt()));
            } else if (e.event() instanceof TicketReopened r) {
                out.println(INDENT + dueLine(r.claimDueAt(), r.resolveDueAt()));
            } else if (e.event() instanceof TicketReminded r) {
                // The reminder names the deadline that is near; show when it falls due.
                out.println(INDENT + (r.deadline().equals("claim") ? say("领单时限 ", "claim by ")
                        : say("办结时限 ", "resolve by ")) + time(r.dueAt()));
            }
        }
        out.println(say("结果：", "Result: ") + Labels.state(t.state().name(), locale)
                + say(" · 退单 ", " · returns ") + t.returnCount()
                + say(" 次 · 重办 ", " · reopened ") + t.redoCount()
                + say(" 次 · 满意度 ", " · satisfaction ") + satisfaction(t.satisfaction()));

        engine.deliverNotifications();
        out.println(say("通知（发件箱投递）：", "Notifications (delivered from the outbox):"));
        for (Notification n : delivered) {
            out.println("  " + time(n.createdAt()) + "  " + n.topic() + " → " + n.recipient());
        }
        delivered.clear();
    }

    private void showStatistics() {
        Instant from = LocalDate.of(2026, 11, 23).atStartOfDay(SHANGHAI).toInstant();
        Instant to = LocalDate.of(2026, 11, 30).atStartOfDay(SHANGHAI).toInstant();
        Statistics s = engine.statistics(STREET, from, to);
        section(say("八百垧街道统计 · 2026-11-23 至 2026-11-29 上报的工单",
                "Statistics of Babaishang street · tickets reported 2026-11-23 to 2026-11-29"));
        row(say("上报", "submitted"), s.submitted(), "");
        row(say("派单", "dispatched"), s.dispatched(), "");
        row(say("领单响应", "responded"), s.responded(), say("响应率 ", "response rate ") + percent(s.responseRate()));
        row(say("办结", "resolved"), s.resolved(), say("办结率 ", "resolution rate ") + percent(s.resolutionRate()));
        row(say("按时办结", "resolved on time"), s.resolvedOnTime(), say("按时率 ", "on-time rate ") + percent(s.onTimeRate()));
        row(say("已评价", "rated"), s.rated(), "");
        row(say("满意", "satisfied"), s.satisfied(), say("满意率 ", "satisfaction rate ") + percent(s.satisfactionRate()));
        row(say("退单次数", "returns"), s.returns(), "");
        row(say("重办工单", "reopened"), s.reopened(), say("重办率 ", "redo rate ") + percent(s.redoRate()));
        row(say("领单用时中位数", "median time to claim"), s.medianClaim().map(this::duration).orElse("-"));
        row(say("办结用时中位数", "median time to resolve"), s.medianResolve().map(this::duration).orElse("-"));
        row(say("按类别", "by category"), s.byCategory().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).sorted().collect(Collectors.joining(", ")));
        row(say("消除隐患", "hazards removed"), s.resolvedByKind().getOrDefault(CategoryKind.HAZARD, 0L), "");
    }

    private void row(String label, long value, String rate) {
        row(label, value + (rate.isEmpty() ? "" : "   " + rate));
    }

    /** One figure per line, the label padded to a column (a Chinese character takes two). */
    private void row(String label, String value) {
        int width = label.codePoints().map(c -> c >= 0x2E80 ? 2 : 1).sum();
        out.println("  " + label + " ".repeat(Math.max(2, 24 - width)) + value);
    }

    private String dueLine(Instant claimDue, Instant resolveDue) {
        return say("领单时限 ", "claim by ") + time(claimDue) + say(" · 办结时限 ", " · resolve by ") + time(resolveDue);
    }

    private String satisfaction(Satisfaction s) {
        if (s == null) {
            return "-";
        }
        return switch (s) {
            case SATISFIED -> say("满意", "satisfied");
            case BASICALLY_SATISFIED -> say("基本满意", "basically satisfied");
            case UNSATISFIED -> say("不满意", "unsatisfied");
        };
    }

    private String duration(Duration d) {
        long h = d.toHours();
        long m = d.toMinutesPart();
        return h == 0 ? m + say(" 分钟", " min") : h + say(" 小时 ", " h ") + m + say(" 分钟", " min");
    }

    private static String percent(double rate) {
        return Math.round(rate * 100) + "%";
    }

    private static String time(Instant instant) {
        return instant == null ? "-" : DateTimeFormatter.ofPattern("MM-dd HH:mm").format(instant.atZone(SHANGHAI));
    }

    /** Chinese or English, by the chosen language. */
    private String say(String zh, String en) {
        return "zh".equals(locale.getLanguage()) ? zh : en;
    }

    // ---------------------------------------------------------------- small helpers

    /** Command ids are the caller's idempotency keys; here each names its step. */
    private static CommandId command(String step) {
        return CommandId.of(step);
    }

    private static Actor staff(String id, Role role, OrgUnitId unit) {
        return Actor.of(id, Set.of(role), Set.of(unit), Set.of());
    }

    private static Actor handler(String id, DepartmentId department) {
        return Actor.of(id, Set.of(Role.DEPARTMENT_HANDLER), Set.of(), Set.of(department));
    }

    /** Media as a media store hands them back: where, what type, how big, and the SHA-256 of the bytes. */
    private static Media media(MediaKind kind, String file, String contentType, long sizeBytes, String sha256) {
        return Media.of(kind, URI.create("media://babaishang/2026-11/" + file), contentType, sizeBytes, sha256);
    }

    /** A clock that stands still until the sample moves it forward to the next step's local time. */
    private static final class SteppedClock extends Clock {
        private Instant now;

        SteppedClock(LocalDateTime start) {
            this.now = start.atZone(SHANGHAI).toInstant();
        }

        /** Moves to {@code 2026-11-<day> hour:minute} in Asia/Shanghai; time never runs backwards. */
        void advanceTo(int day, int hour, int minute) {
            Instant next = LocalDateTime.of(2026, 11, day, hour, minute).atZone(SHANGHAI).toInstant();
            if (next.isBefore(now)) {
                throw new IllegalArgumentException("the clock runs forward only: " + next + " is before " + now);
            }
            now = next;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return SHANGHAI;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the quickstart clock stays in Asia/Shanghai");
        }
    }
}
