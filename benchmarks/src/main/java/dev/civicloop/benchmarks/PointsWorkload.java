package dev.civicloop.benchmarks;

import dev.civicloop.points.CivicEvent;
import dev.civicloop.points.MemberProfile;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Occupation;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.model.TicketId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rule;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.core.RuleBuilder;

/**
 * A seeded points workload: 500 rules over 20 event types (as a CivicLoop rules file and as Easy
 * Rules lambda rules with the same meaning) and a stream of events with a realistic skew (a few
 * types — verified reports, check-ins — are most of the traffic).
 */
final class PointsWorkload {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String[] TYPES = {
        "report.verified", "report.resolved", "report.closed", "report.rejected_as_false", "volunteer.attended",
        "station.checkin", "dispute.mediated", "antifraud.talk_given", "task.completed", "activity.signed_up",
        "elder.visited", "traffic.guided", "fire.patrol", "flood.patrol", "blood.donated", "training.attended",
        "survey.answered", "market.inspected", "lost_elder.found", "medicine.delivered"};
    static final String[] CATEGORIES = {"gas_leak", "manhole_cover", "flying_wire", "neighbour_dispute", "suggestion",
        "rest_place", "blocked_exit", "illegal_parking"};
    static final String[] KINDS = {"HAZARD", "DISPUTE", "SUGGESTION", "OTHER"};
    static final String[] SATISFACTION = {"SATISFIED", "BASICALLY_SATISFIED", "UNSATISFIED"};
    static final Role[] MEMBER_ROLES = {Role.MOBILE_GRID_MEMBER, Role.VOLUNTEER, Role.REPORTER};

    /** One rule's meaning, shared by both engines. */
    static final class Spec {
        String id;
        int index;
        String type;
        int priority;
        boolean stop;
        long points;
        String perUnit;
        BigDecimal rate;
        long perDay = -1;
        long perWeek = -1;
        boolean oncePerTicket;
        Instant validFrom;
        Instant validUntil;
        Set<String> categories;
        Set<String> kinds;
        String urgency;
        Set<String> satisfaction;
        EnumSet<Role> roles;
        EnumSet<Occupation> occupations;
        LocalTime from;
        LocalTime until;
        Double minHours;
    }

    final List<Spec> specs = new ArrayList<>();
    final List<CivicEvent> events = new ArrayList<>();
    final Map<ActorId, MemberProfile> members = new HashMap<>();

    PointsWorkload(int rules, int eventCount, long seed) {
        Random r = new Random(seed);
        Instant start = LocalDateTime.parse("2026-11-02T00:00").atZone(ZONE).toInstant();
        for (int i = 0; i < rules; i++) {
            Spec s = new Spec();
            s.index = i;
            s.id = String.format(Locale.ROOT, "r%03d", i);
            s.type = TYPES[i % TYPES.length];
            s.priority = r.nextInt(10);
            boolean ticket = s.type.startsWith("report.");
            if (s.type.equals("volunteer.attended") || (s.type.endsWith(".patrol") && r.nextBoolean())) {
                s.perUnit = "hours";
                s.rate = BigDecimal.valueOf(5 + r.nextInt(36), 1); // 0.5 … 4.0 points per hour
            } else {
                s.points = s.type.equals("report.rejected_as_false") ? 0 : 1 + r.nextInt(20);
                if (s.points == 0) {
                    s.points = 1 + r.nextInt(5);
                }
            }
            if (r.nextInt(2) == 0) {
                s.perDay = 10 + r.nextInt(40);
            }
            if (r.nextInt(4) == 0) {
                s.perWeek = 40 + r.nextInt(100);
            }
            s.oncePerTicket = ticket && r.nextInt(3) == 0;
            if (r.nextInt(10) == 0) {
                s.validFrom = start.plusSeconds(86_400L * r.nextInt(7));
                s.validUntil = s.validFrom.plusSeconds(86_400L * (3 + r.nextInt(7)));
            }
            if (ticket && r.nextInt(2) == 0) {
                s.categories = pick(r, CATEGORIES, 1 + r.nextInt(3));
            }
            if (ticket && r.nextInt(4) == 0) {
                s.kinds = pick(r, KINDS, 1 + r.nextInt(2));
            }
            if (ticket && r.nextInt(5) == 0) {
                s.urgency = r.nextInt(3) == 0 ? "URGENT" : "NORMAL";
            }
            if (s.type.equals("report.closed") && r.nextInt(2) == 0) {
                s.satisfaction = pick(r, SATISFACTION, 1 + r.nextInt(2));
            }
            if (r.nextInt(4) == 0) {
                s.roles = EnumSet.of(MEMBER_ROLES[r.nextInt(MEMBER_ROLES.length)]);
            }
            if (r.nextInt(5) == 0) {
                Occupation[] o = Occupation.values();
                s.occupations = EnumSet.of(o[r.nextInt(o.length)], o[r.nextInt(o.length)]);
            }
            if (r.nextInt(6) == 0) {
                s.from = LocalTime.of(r.nextInt(24), 0);
                s.until = LocalTime.of((s.from.getHour() + 4 + r.nextInt(12)) % 24, 0);
            }
            if (s.perUnit == null && r.nextInt(8) == 0 && (s.type.endsWith(".patrol") || s.type.equals("task.completed"))) {
                s.minHours = 0.5 * (1 + r.nextInt(4));
            }
            s.stop = r.nextInt(15) == 0 && (s.categories != null || s.roles != null || s.from != null);
            specs.add(s);
        }
        List<ActorId> ids = new ArrayList<>();
        for (int m = 0; m < 300; m++) {
            ActorId id = ActorId.of("member-" + m);
            ids.add(id);
            Occupation[] o = Occupation.values();
            members.put(id, MemberProfile.of(Set.of(MEMBER_ROLES[r.nextInt(MEMBER_ROLES.length)]),
                    r.nextInt(5) == 0 ? null : o[r.nextInt(o.length)]));
        }
        for (int e = 0; e < eventCount; e++) {
            // skew: type k with weight 1/(k+1)
            int type = skewed(r);
            String t = TYPES[type];
            ActorId member = ids.get((int) Math.abs(r.nextGaussian() * 60) % ids.size());
            Instant at = start.plusSeconds(r.nextInt(14 * 86_400));
            Map<String, String> attrs = new HashMap<>();
            TicketId ticket = null;
            if (t.startsWith("report.")) {
                ticket = TicketId.of("T" + r.nextInt(eventCount / 2 + 1));
                attrs.put("category", CATEGORIES[r.nextInt(CATEGORIES.length)]);
                attrs.put("kind", KINDS[r.nextInt(KINDS.length)]);
                attrs.put("urgency", r.nextInt(6) == 0 ? "URGENT" : "NORMAL");
                if (t.equals("report.closed")) {
                    attrs.put("satisfaction", SATISFACTION[r.nextInt(SATISFACTION.length)]);
                }
            }
            if (t.equals("volunteer.attended") || t.endsWith(".patrol") || t.equals("task.completed")) {
                attrs.put("hours", Double.toString(0.25 * r.nextInt(33)));
            }
            events.add(new CivicEvent("e" + e, t, member, at, ticket, attrs));
        }
    }

    private static int skewed(Random r) {
        double total = 0;
        for (int k = 0; k < TYPES.length; k++) {
            total += 1.0 / (k + 1);
        }
        double x = r.nextDouble() * total;
        for (int k = 0; k < TYPES.length; k++) {
            x -= 1.0 / (k + 1);
            if (x <= 0) {
                return k;
            }
        }
        return TYPES.length - 1;
    }

    private static Set<String> pick(Random r, String[] from, int n) {
        Set<String> out = new HashSet<>();
        while (out.size() < n) {
            out.add(from[r.nextInt(from.length)]);
        }
        return Set.copyOf(out);
    }

    // ---- the CivicLoop rules file ----------------------------------------------------------

    String json() {
        StringBuilder b = new StringBuilder("{\"zone\": \"Asia/Shanghai\", \"rules\": [\n");
        for (Spec s : specs) {
            if (s.index > 0) {
                b.append(",\n");
            }
            b.append("{\"id\": \"").append(s.id).append("\", \"on\": \"").append(s.type).append("\", \"priority\": ")
                    .append(s.priority).append(", \"stop\": ").append(s.stop).append(", \"oncePerTicket\": ")
                    .append(s.oncePerTicket);
            b.append(", \"points\": ").append(s.perUnit == null ? Long.toString(s.points)
                    : "{\"per\": \"" + s.perUnit + "\", \"rate\": " + s.rate.toPlainString() + "}");
            if (s.perDay >= 0 || s.perWeek >= 0) {
                b.append(", \"limits\": {");
                if (s.perDay >= 0) {
                    b.append("\"perDay\": ").append(s.perDay);
                }
                if (s.perWeek >= 0) {
                    b.append(s.perDay >= 0 ? ", " : "").append("\"perWeek\": ").append(s.perWeek);
                }
                b.append('}');
            }
            if (s.validFrom != null) {
                b.append(", \"valid\": {\"from\": \"").append(s.validFrom).append("\", \"until\": \"").append(s.validUntil)
                        .append("\"}");
            }
            List<String> when = new ArrayList<>();
            if (s.categories != null) {
                when.add("\"category\": " + strings(s.categories));
            }
            if (s.kinds != null) {
                when.add("\"kind\": " + strings(s.kinds));
            }
            if (s.urgency != null) {
                when.add("\"urgency\": \"" + s.urgency + "\"");
            }
            if (s.satisfaction != null) {
                when.add("\"satisfaction\": " + strings(s.satisfaction));
            }
            if (s.roles != null) {
                when.add("\"role\": " + strings(names(s.roles)));
            }
            if (s.occupations != null) {
                when.add("\"occupation\": " + strings(names(s.occupations)));
            }
            if (s.from != null) {
                when.add("\"timeOfDay\": {\"from\": \"" + s.from + "\", \"until\": \"" + s.until + "\"}");
            }
            if (s.minHours != null) {
                when.add("\"attributes\": {\"hours\": {\"gte\": " + s.minHours + "}}");
            }
            if (!when.isEmpty()) {
                b.append(", \"when\": {").append(String.join(", ", when)).append('}');
            }
            b.append('}');
        }
        return b.append("\n]}").toString();
    }

    private static Set<String> names(Set<? extends Enum<?>> values) {
        Set<String> out = new HashSet<>();
        values.forEach(v -> out.add(v.name()));
        return out;
    }

    private static String strings(Set<String> values) {
        List<String> q = new ArrayList<>();
        values.stream().sorted().forEach(v -> q.add("\"" + v + "\""));
        return "[" + String.join(", ", q) + "]";
    }

    // ---- the same rules for Easy Rules, as lambdas -------------------------------------------

    /** What one Easy Rules rule decided. */
    record Decision(String ruleId, String eventId, ActorId member, long points) {}

    /** Per-event and accumulated state the Easy Rules actions share through the facts. */
    static final class EasyState {
        final Set<String> awarded = new HashSet<>();
        final Map<String, Long> totals = new HashMap<>();
        final List<Decision> decisions = new ArrayList<>();
        boolean stopped;

        long total(ActorId m, String rule, String periodKey) {
            Long t = totals.get(m.value() + '|' + rule + '|' + periodKey);
            return t == null ? 0 : t;
        }
    }

    Rules easyRules() {
        Rules rules = new Rules();
        for (Spec s : specs) {
            rules.register(easyRule(s));
        }
        return rules;
    }

    private Rule easyRule(Spec s) {
        return new RuleBuilder()
                .name(s.id)
                // Easy Rules fires lower priority values first; ties by name = file order
                .priority(-s.priority)
                .when(facts -> {
                    EasyState st = facts.get("state");
                    CivicEvent e = facts.get("event");
                    if (st.stopped || !e.type().equals(s.type)) {
                        return false;
                    }
                    if (s.validFrom != null && (e.at().isBefore(s.validFrom) || !e.at().isBefore(s.validUntil))) {
                        return false;
                    }
                    if (s.categories != null && !s.categories.contains(e.attributes().get("category"))
                            || s.kinds != null && !s.kinds.contains(e.attributes().get("kind"))
                            || s.urgency != null && !s.urgency.equals(e.attributes().get("urgency"))
                            || s.satisfaction != null && !s.satisfaction.contains(e.attributes().get("satisfaction"))) {
                        return false;
                    }
                    MemberProfile m = facts.get("member");
                    if (s.roles != null && m.roles().stream().noneMatch(s.roles::contains)) {
                        return false;
                    }
                    if (s.occupations != null && (m.occupation() == null || !s.occupations.contains(m.occupation()))) {
                        return false;
                    }
                    if (s.from != null) {
                        LocalTime t = ((LocalDateTime) facts.get("local")).toLocalTime();
                        boolean in = s.from.isBefore(s.until) ? !t.isBefore(s.from) && t.isBefore(s.until)
                                : !t.isBefore(s.from) || t.isBefore(s.until);
                        if (!in) {
                            return false;
                        }
                    }
                    if (s.minHours != null) {
                        String h = e.attributes().get("hours");
                        if (h == null || Double.parseDouble(h) < s.minHours) {
                            return false;
                        }
                    }
                    return s.perUnit == null || e.attributes().get(s.perUnit) != null;
                })
                .then(facts -> {
                    EasyState st = facts.get("state");
                    CivicEvent e = facts.get("event");
                    LocalDate day = ((LocalDateTime) facts.get("local")).toLocalDate();
                    if (s.stop) {
                        st.stopped = true;
                    }
                    long requested = s.perUnit == null ? s.points
                            : new BigDecimal(e.attributes().get(s.perUnit)).multiply(s.rate)
                                    .setScale(0, RoundingMode.DOWN).longValueExact();
                    if (requested == 0) {
                        return;
                    }
                    String key = s.oncePerTicket && e.ticket() != null
                            ? s.id + "|t|" + e.ticket().value() + "|" + e.member().value() : s.id + "|" + e.id();
                    if (st.awarded.contains(key)) {
                        st.decisions.add(new Decision(s.id, e.id(), e.member(), 0));
                        return;
                    }
                    long remaining = Long.MAX_VALUE;
                    String dayKey = day.toString();
                    String weekKey = week(day);
                    if (s.perDay >= 0) {
                        remaining = Math.min(remaining, Math.max(0, s.perDay - st.total(e.member(), s.id, dayKey)));
                    }
                    if (s.perWeek >= 0) {
                        remaining = Math.min(remaining, Math.max(0, s.perWeek - st.total(e.member(), s.id, weekKey)));
                    }
                    long awarded = Math.min(requested, remaining);
                    st.decisions.add(new Decision(s.id, e.id(), e.member(), awarded));
                    if (awarded > 0) {
                        st.awarded.add(key);
                        st.totals.merge(e.member().value() + '|' + s.id + '|' + dayKey, awarded, Long::sum);
                        st.totals.merge(e.member().value() + '|' + s.id + '|' + weekKey, awarded, Long::sum);
                        st.totals.merge(e.member().value() + '|' + s.id + '|' + month(day), awarded, Long::sum);
                    }
                })
                .build();
    }

    static String week(LocalDate d) {
        int w = d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        return d.get(IsoFields.WEEK_BASED_YEAR) + (w < 10 ? "-W0" : "-W") + w;
    }

    static String month(LocalDate d) {
        int m = d.getMonthValue();
        return d.getYear() + (m < 10 ? "-0" : "-") + m;
    }

    /** Puts one event's facts; the engine then evaluates every rule against them. */
    static void facts(Facts facts, CivicEvent e, MemberProfile m, EasyState state) {
        state.stopped = false;
        facts.put("event", e);
        facts.put("member", m);
        facts.put("local", LocalDateTime.ofInstant(e.at(), ZONE));
        facts.put("state", state);
    }
}
