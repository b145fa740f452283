package dev.civicloop.points.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.civicloop.points.LimitPeriod;
import dev.civicloop.points.LoadWarning;
import dev.civicloop.points.Rule;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.model.CategoryKind;
import dev.civicloop.spi.model.Occupation;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.model.Satisfaction;
import dev.civicloop.spi.model.Urgency;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a rules file as a JSON tree (no reflection, nothing to open to Jackson) and compiles it.
 * Errors name the source, the rule (id and index) and the field; rules that can never fire become
 * {@link LoadWarning}s.
 */
public final class RuleParser {
    /** The default city zone. */
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final Pattern EVENT_TYPE = Pattern.compile("\\S{1,64}");
    private static final Set<String> RULE_FIELDS = Set.of("id", "description", "on", "priority", "stop", "when",
            "points", "limits", "oncePerTicket", "valid");
    private static final Set<String> WHEN_FIELDS = Set.of("category", "kind", "urgency", "role", "occupation",
            "satisfaction", "timeOfDay", "dates", "attributes");
    private static final Set<String> ATTRIBUTE_TESTS = Set.of("equals", "oneOf", "gte", "lte");

    private final String source;
    private final Clock clock;
    private final Set<String> knownCategories;
    private final List<LoadWarning> warnings = new ArrayList<>();

    private RuleParser(String source, Clock clock, Set<String> knownCategories) {
        this.source = source;
        this.clock = clock;
        this.knownCategories = knownCategories;
    }

    /**
     * @param knownCategories the city's category codes, or null to not check them
     */
    public static RuleSet parse(String json, String source, Clock clock, Set<String> knownCategories) {
        return new RuleParser(source, clock, knownCategories).parse(json);
    }

    private RuleSet parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidConfiguration("points rules " + source + ": not valid JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidConfiguration("points rules " + source + ": expected an object {\"zone\": …, \"rules\": […]}");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("zone") && !f.equals("rules")) {
                throw new InvalidConfiguration("points rules " + source + ": unknown field '" + f + "' (allowed: zone, rules)");
            }
        }
        ZoneId zone = SHANGHAI;
        JsonNode z = root.get("zone");
        if (z != null) {
            try {
                zone = ZoneId.of(z.asText());
            } catch (DateTimeException e) {
                throw new InvalidConfiguration("points rules " + source + ": zone: not a time zone id, was " + z);
            }
        }
        JsonNode rules = root.get("rules");
        if (rules == null || !rules.isArray()) {
            throw new InvalidConfiguration("points rules " + source + ": rules: an array of rules is required");
        }
        List<CompiledRule> compiled = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            CompiledRule c = new RuleReader(rules.get(i), i, zone).read();
            if (!ids.add(c.rule.id())) {
                throw new InvalidConfiguration(where(c.rule.id(), i, "id") + "appears twice; rule ids must be unique");
            }
            compiled.add(c);
        }
        return new RuleSet(zone, compiled, warnings);
    }

    private String where(String id, int index, String field) {
        return "points rules " + source + ": rule " + (id == null ? "?" : id) + " (rules[" + index + "]) " + field + ": ";
    }

    /** Reads one rule; knows its id and index for every message. */
    private final class RuleReader {
        private final JsonNode node;
        private final int index;
        private final ZoneId zone;
        private String id;

        RuleReader(JsonNode node, int index, ZoneId zone) {
            this.node = node;
            this.index = index;
            this.zone = zone;
        }

        private InvalidConfiguration error(String field, String problem) {
            return new InvalidConfiguration(where(id, index, field) + problem);
        }

        private void warn(String field, String message) {
            warnings.add(new LoadWarning(id, index, field, message));
        }

        CompiledRule read() {
            if (node == null || !node.isObject()) {
                throw error("(rule)", "expected an object, was " + node);
            }
            JsonNode idNode = node.get("id");
            if (idNode == null || !idNode.isTextual() || !RULE_ID.matcher(idNode.asText()).matches()) {
                throw error("id", "required: 1–64 letters, digits, '_', '.', '-', was " + idNode);
            }
            id = idNode.asText();
            onlyFields(node, RULE_FIELDS, "");
            String description = optionalText("description");
            JsonNode on = node.get("on");
            if (on == null || !on.isTextual() || !EVENT_TYPE.matcher(on.asText()).matches()) {
                throw error("on", "required: the event type, e.g. report.verified (no white space), was " + on);
            }
            int priority = 0;
            JsonNode p = node.get("priority");
            if (p != null) {
                if (!p.isInt()) {
                    throw error("priority", "must be a whole number, was " + p);
                }
                priority = p.asInt();
            }
            boolean stop = bool("stop");
            boolean oncePerTicket = bool("oncePerTicket");

            long points = 0;
            String perUnit = null;
            BigDecimal rate = null;
            JsonNode pts = node.get("points");
            if (pts == null) {
                throw error("points", "required: a whole number, or {\"per\": \"<attribute>\", \"rate\": <number>}");
            } else if (pts.isIntegralNumber() && pts.canConvertToLong()) {
                points = pts.asLong();
                if (points == 0) {
                    warn("points", "is 0: the rule never awards anything");
                }
            } else if (pts.isObject()) {
                onlyFields(pts, Set.of("per", "rate"), "points.");
                JsonNode per = pts.get("per");
                JsonNode r = pts.get("rate");
                if (per == null || !per.isTextual() || per.asText().isBlank()) {
                    throw error("points.per", "required: the attribute counted, e.g. hours, was " + per);
                }
                if (r == null || !r.isNumber()) {
                    throw error("points.rate", "required: points per unit, a number, was " + r);
                }
                perUnit = per.asText();
                rate = r.decimalValue();
                if (rate.signum() == 0) {
                    warn("points.rate", "is 0: the rule never awards anything");
                }
            } else {
                throw error("points", "must be a whole number or {\"per\": …, \"rate\": …}, was " + pts);
            }
            boolean penalty = perUnit == null ? points < 0 : rate.signum() < 0;

            Map<LimitPeriod, Long> limits = new EnumMap<>(LimitPeriod.class);
            JsonNode lim = node.get("limits");
            if (lim != null) {
                if (!lim.isObject()) {
                    throw error("limits", "must be an object {\"perDay\": n, \"perWeek\": n, \"perMonth\": n}, was " + lim);
                }
                onlyFields(lim, Set.of("perDay", "perWeek", "perMonth"), "limits.");
                limit(lim, "perDay", LimitPeriod.DAY, limits);
                limit(lim, "perWeek", LimitPeriod.WEEK, limits);
                limit(lim, "perMonth", LimitPeriod.MONTH, limits);
                if (penalty && !limits.isEmpty()) {
                    throw error("limits", "limits cap awards; a penalty rule (negative points) cannot have them");
                }
            }

            Instant validFrom = null;
            Instant validUntil = null;
            JsonNode valid = node.get("valid");
            if (valid != null) {
                if (!valid.isObject()) {
                    throw error("valid", "must be an object {\"from\": …, \"until\": …}, was " + valid);
                }
                onlyFields(valid, Set.of("from", "until"), "valid.");
                validFrom = instant(valid.get("from"), "valid.from", false);
                validUntil = instant(valid.get("until"), "valid.until", true);
                if (validFrom != null && validUntil != null && !validFrom.isBefore(validUntil)) {
                    warn("valid", "empty window: from " + validFrom + " is not before until " + validUntil);
                } else if (validUntil != null && !validUntil.isAfter(clock.instant())) {
                    warn("valid.until", "already ended at " + validUntil + " (now " + clock.instant() + ")");
                }
            }

            List<Condition> conditions = new ArrayList<>();
            JsonNode when = node.get("when");
            if (when != null) {
                if (!when.isObject()) {
                    throw error("when", "must be an object of conditions, was " + when);
                }
                onlyFields(when, WHEN_FIELDS, "when.");
                conditions(when, conditions);
            }
            List<String> described = new ArrayList<>();
            for (Condition c : conditions) {
                described.add(c.describe());
            }
            Rule rule = new Rule(id, description, on.asText(), priority, stop, points, perUnit, rate, limits,
                    oncePerTicket, validFrom, validUntil, described);
            return new CompiledRule(rule, index, conditions.toArray(new Condition[0]));
        }

        private void conditions(JsonNode when, List<Condition> out) {
            Set<String> categories = strings(when, "category");
            if (categories != null) {
                if (knownCategories != null) {
                    for (String c : categories) {
                        if (!knownCategories.contains(c)) {
                            warn("when.category", "'" + c + "' is not a category of the city, so never matches (known: "
                                    + new TreeSet<>(knownCategories) + ")");
                        }
                    }
                }
                out.add(new Condition.AttributeIn("category", categories));
            }
            enumValues(when, "kind", CategoryKind.class, out);
            enumValues(when, "urgency", Urgency.class, out);
            enumValues(when, "satisfaction", Satisfaction.class, out);
            Set<String> roles = strings(when, "role");
            if (roles != null) {
                out.add(new Condition.RoleIn(known(roles, Role.class, "when.role")));
            }
            Set<String> occupations = strings(when, "occupation");
            if (occupations != null) {
                out.add(new Condition.OccupationIn(known(occupations, Occupation.class, "when.occupation")));
            }
            JsonNode tod = when.get("timeOfDay");
            if (tod != null) {
                if (!tod.isObject()) {
                    throw error("when.timeOfDay", "must be {\"from\": \"HH:mm\", \"until\": \"HH:mm\"}, was " + tod);
                }
                onlyFields(tod, Set.of("from", "until"), "when.timeOfDay.");
                LocalTime from = time(tod.get("from"), "when.timeOfDay.from");
                LocalTime until = time(tod.get("until"), "when.timeOfDay.until");
                if (from.equals(until)) {
                    warn("when.timeOfDay", "empty window: from and until are both " + from);
                }
                out.add(new Condition.TimeOfDay(from, until));
            }
            JsonNode dates = when.get("dates");
            if (dates != null) {
                if (!dates.isObject()) {
                    throw error("when.dates", "must be {\"from\": \"yyyy-MM-dd\", \"until\": \"yyyy-MM-dd\"}, was " + dates);
                }
                onlyFields(dates, Set.of("from", "until"), "when.dates.");
                LocalDate from = date(dates.get("from"), "when.dates.from");
                LocalDate until = date(dates.get("until"), "when.dates.until");
                if (from == null && until == null) {
                    throw error("when.dates", "needs from, until or both");
                }
                if (from != null && until != null && from.isAfter(until)) {
                    warn("when.dates", "empty window: from " + from + " is after until " + until);
                } else if (until != null && until.isBefore(LocalDate.ofInstant(clock.instant(), zone))) {
                    warn("when.dates.until", "already ended on " + until);
                }
                out.add(new Condition.DateRange(from, until));
            }
            JsonNode attrs = when.get("attributes");
            if (attrs != null) {
                if (!attrs.isObject()) {
                    throw error("when.attributes", "must be an object {\"<name>\": {\"equals\"|\"oneOf\"|\"gte\"|\"lte\": …}}");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> a = it.next();
                    attribute(a.getKey(), a.getValue(), out);
                }
            }
        }

        private void attribute(String name, JsonNode test, List<Condition> out) {
            String field = "when.attributes." + name;
            if (!test.isObject() || test.size() == 0) {
                throw error(field, "must be an object with equals, oneOf, gte and/or lte, was " + test);
            }
            onlyFields(test, ATTRIBUTE_TESTS, field + ".");
            JsonNode eq = test.get("equals");
            JsonNode oneOf = test.get("oneOf");
            if (eq != null && oneOf != null) {
                throw error(field, "use equals or oneOf, not both");
            }
            if (eq != null) {
                if (!eq.isValueNode() || eq.isNull()) {
                    throw error(field + ".equals", "must be a string, number or boolean, was " + eq);
                }
                out.add(new Condition.AttributeIn(name, Set.of(eq.asText())));
            }
            if (oneOf != null) {
                if (!oneOf.isArray() || oneOf.size() == 0) {
                    throw error(field + ".oneOf", "must be a non-empty array, was " + oneOf);
                }
                Set<String> values = new LinkedHashSet<>();
                for (JsonNode v : oneOf) {
                    if (!v.isValueNode() || v.isNull()) {
                        throw error(field + ".oneOf", "values must be strings, numbers or booleans, was " + v);
                    }
                    values.add(v.asText());
                }
                out.add(new Condition.AttributeIn(name, Set.copyOf(values)));
            }
            Double gte = number(test.get("gte"), field + ".gte");
            Double lte = number(test.get("lte"), field + ".lte");
            if (gte != null || lte != null) {
                if (gte != null && lte != null && gte > lte) {
                    warn(field, "empty range: gte " + gte + " is above lte " + lte);
                }
                out.add(new Condition.AttributeBetween(name, gte, lte));
            }
        }

        private <E extends Enum<E>> void enumValues(JsonNode when, String field, Class<E> type, List<Condition> out) {
            Set<String> values = strings(when, field);
            if (values == null) {
                return;
            }
            Set<String> names = new HashSet<>();
            for (E e : known(values, type, "when." + field)) {
                names.add(e.name());
            }
            out.add(new Condition.AttributeIn(field, Set.copyOf(names)));
        }

        /** The values naming a constant; the others are warned about (they can never occur). */
        private <E extends Enum<E>> EnumSet<E> known(Set<String> values, Class<E> type, String field) {
            EnumSet<E> out = EnumSet.noneOf(type);
            for (String v : values) {
                try {
                    out.add(Enum.valueOf(type, v));
                } catch (IllegalArgumentException e) {
                    warn(field, "'" + v + "' cannot occur, so never matches (known: "
                            + Arrays.toString(type.getEnumConstants()) + ")");
                }
            }
            return out;
        }

        /** A string or an array of strings as a set; null when the field is absent. */
        private Set<String> strings(JsonNode parent, String field) {
            JsonNode n = parent.get(field);
            if (n == null) {
                return null;
            }
            Set<String> out = new LinkedHashSet<>();
            if (n.isTextual()) {
                out.add(n.asText());
            } else if (n.isArray() && n.size() > 0) {
                for (JsonNode v : n) {
                    if (!v.isTextual()) {
                        throw error("when." + field, "values must be strings, was " + v);
                    }
                    out.add(v.asText());
                }
            } else {
                throw error("when." + field, "must be a string or a non-empty array of strings, was " + n);
            }
            return Set.copyOf(out);
        }

        private void limit(JsonNode lim, String name, LimitPeriod period, Map<LimitPeriod, Long> into) {
            JsonNode n = lim.get(name);
            if (n == null) {
                return;
            }
            if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
                throw error("limits." + name, "must be a whole number ≥ 0, was " + n);
            }
            if (n.asLong() == 0) {
                warn("limits." + name, "is 0: the rule never awards anything");
            }
            into.put(period, n.asLong());
        }

        /** A date (local, the start of the day; for until, the end of it), a local date-time, or an instant with offset. */
        private Instant instant(JsonNode n, String field, boolean until) {
            if (n == null) {
                return null;
            }
            if (!n.isTextual()) {
                throw error(field, "must be a date (2026-01-01), local date-time (2026-01-01T08:00) or instant, was " + n);
            }
            String s = n.asText();
            try {
                if (s.length() == 10) {
                    LocalDate d = LocalDate.parse(s);
                    return (until ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
                }
                if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$")) {
                    return java.time.OffsetDateTime.parse(s).toInstant();
                }
                return LocalDateTime.parse(s).atZone(zone).toInstant();
            } catch (DateTimeException e) {
                throw error(field, "must be a date (2026-01-01), local date-time (2026-01-01T08:00) or instant, was " + n);
            }
        }

        private LocalTime time(JsonNode n, String field) {
            if (n == null || !n.isTextual()) {
                throw error(field, "required: a local time HH:mm, was " + n);
            }
            try {
                return LocalTime.parse(n.asText());
            } catch (DateTimeException e) {
                throw error(field, "must be a local time HH:mm, was " + n);
            }
        }

        private LocalDate date(JsonNode n, String field) {
            if (n == null) {
                return null;
            }
            try {
                return LocalDate.parse(n.asText());
            } catch (DateTimeException e) {
                throw error(field, "must be a date yyyy-MM-dd, was " + n);
            }
        }

        private Double number(JsonNode n, String field) {
            if (n == null) {
                return null;
            }
            if (!n.isNumber()) {
                throw error(field, "must be a number, was " + n);
            }
            return n.asDouble();
        }

        private boolean bool(String field) {
            JsonNode n = node.get(field);
            if (n == null) {
                return false;
            }
            if (!n.isBoolean()) {
                throw error(field, "must be true or false, was " + n);
            }
            return n.asBoolean();
        }

        private String optionalText(String field) {
            JsonNode n = node.get(field);
            if (n == null) {
                return null;
            }
            if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > 200) {
                throw error(field, "must be text of 1–200 characters, was " + n);
            }
            return n.asText();
        }

        private void onlyFields(JsonNode obj, Set<String> allowed, String prefix) {
            for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!allowed.contains(f)) {
                    throw error(prefix + f, "unknown field (allowed: " + new TreeSet<>(allowed) + ")");
                }
            }
        }
    }
}
