package dev.civicloop.points.internal;

import dev.civicloop.points.Award;
import dev.civicloop.points.AwardTally;
import dev.civicloop.points.CivicEvent;
import dev.civicloop.points.Explanation;
import dev.civicloop.points.LimitPeriod;
import dev.civicloop.points.LoadWarning;
import dev.civicloop.points.MemberProfile;
import dev.civicloop.points.Rule;
import dev.civicloop.spi.ledger.PostingId;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules indexed by event type, each type's rules sorted by priority (higher first, then file
 * order): an event meets only the rules of its type.
 */
public final class RuleSet {
    private final ZoneId zone;
    private final List<Rule> rules;
    private final List<LoadWarning> warnings;
    private final Map<String, CompiledRule[]> byType;

    RuleSet(ZoneId zone, List<CompiledRule> compiled, List<LoadWarning> warnings) {
        this.zone = zone;
        List<Rule> all = new ArrayList<>();
        Map<String, List<CompiledRule>> grouped = new LinkedHashMap<>();
        for (CompiledRule c : compiled) {
            all.add(c.rule);
            grouped.computeIfAbsent(c.rule.eventType(), t -> new ArrayList<>()).add(c);
        }
        Map<String, CompiledRule[]> index = new HashMap<>();
        List<LoadWarning> w = new ArrayList<>(warnings);
        grouped.forEach((type, list) -> {
            CompiledRule[] sorted = list.toArray(new CompiledRule[0]);
            Arrays.sort(sorted, Comparator.comparingInt((CompiledRule c) -> -c.rule.priority()).thenComparingInt(c -> c.index));
            index.put(type, sorted);
            CompiledRule stopper = null;
            for (CompiledRule c : sorted) {
                if (stopper != null) {
                    w.add(new LoadWarning(c.rule.id(), c.index, "priority", "never fires: rule " + stopper.rule.id()
                            + " comes first for " + type + ", always matches and stops"));
                } else if (c.rule.stop() && c.alwaysMatches()) {
                    stopper = c;
                }
            }
        });
        w.sort(Comparator.comparingInt(LoadWarning::index));
        this.rules = List.copyOf(all);
        this.warnings = List.copyOf(w);
        this.byType = index;
    }

    public ZoneId zone() {
        return zone;
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<LoadWarning> warnings() {
        return warnings;
    }

    /** The rules an event of this type meets, in evaluation order. */
    public List<Rule> rulesFor(String eventType) {
        CompiledRule[] c = byType.get(eventType);
        if (c == null) {
            return List.of();
        }
        List<Rule> out = new ArrayList<>(c.length);
        for (CompiledRule r : c) {
            out.add(r.rule);
        }
        return out;
    }

    public java.util.Set<String> eventTypes() {
        return java.util.Set.copyOf(byType.keySet());
    }

    public List<Award> evaluate(CivicEvent e, MemberProfile member, AwardTally tally) {
        CompiledRule[] candidates = byType.get(e.type());
        if (candidates == null) {
            return List.of();
        }
        MemberProfile m = member == null ? MemberProfile.UNKNOWN : member;
        LocalDateTime local = LocalDateTime.ofInstant(e.at(), zone);
        List<Award> out = null;
        for (CompiledRule r : candidates) {
            if (!r.valid(e.at()) || !r.matches(e, m, local)) {
                continue;
            }
            Long requested = r.requested(e);
            if (requested == null) {
                continue;
            }
            if (requested != 0) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(decide(r, e, requested, local, tally));
            }
            if (r.rule.stop()) {
                break;
            }
        }
        return out == null ? List.of() : out;
    }

    private Award decide(CompiledRule r, CivicEvent e, long requested, LocalDateTime local, AwardTally tally) {
        Rule rule = r.rule;
        PostingId id = r.postingId(e);
        ZonedDateTime at = local.atZone(zone);
        String basis = r.basis(e, requested);
        if (tally.alreadyAwarded(id)) {
            return new Award(rule.id(), e.id(), e.member(), 0, id, Award.Outcome.ALREADY_AWARDED,
                    new Explanation(rule.id(), rule.description(), e.id(), e.type(), at, basis, requested, 0, null, 0, 0,
                            id.value()));
        }
        if (requested < 0) {
            Award a = new Award(rule.id(), e.id(), e.member(), requested, id, Award.Outcome.PENALTY,
                    new Explanation(rule.id(), rule.description(), e.id(), e.type(), at, basis, requested, requested, null,
                            0, 0, null));
            tally.add(a);
            return a;
        }
        long awarded = requested;
        LimitPeriod binding = null;
        long bindingLimit = 0;
        long bindingAlready = 0;
        if (r.hasLimits) {
            long bestRemaining = Long.MAX_VALUE;
            for (LimitPeriod p : LimitPeriod.values()) {
                long limit = r.limits[p.ordinal()];
                if (limit == CompiledRule.NO_LIMIT) {
                    continue;
                }
                long already = tally.awarded(e.member(), rule.id(), p, Periods.key(p, local.toLocalDate()));
                long remaining = Math.max(0, limit - already);
                if (remaining < bestRemaining) {
                    bestRemaining = remaining;
                    if (remaining < requested) {
                        binding = p;
                        bindingLimit = limit;
                        bindingAlready = already;
                    }
                }
            }
            awarded = Math.min(requested, bestRemaining);
        }
        Award a = new Award(rule.id(), e.id(), e.member(), awarded, id,
                awarded == 0 ? Award.Outcome.LIMIT_REACHED : Award.Outcome.AWARDED,
                new Explanation(rule.id(), rule.description(), e.id(), e.type(), at, basis, requested, awarded, binding,
                        bindingLimit, bindingAlready, null));
        if (awarded > 0) {
            tally.add(a);
        }
        return a;
    }
}
