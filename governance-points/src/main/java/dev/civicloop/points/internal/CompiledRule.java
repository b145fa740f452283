package dev.civicloop.points.internal;

import dev.civicloop.points.CivicEvent;
import dev.civicloop.points.LimitPeriod;
import dev.civicloop.points.MemberProfile;
import dev.civicloop.points.Rule;
import dev.civicloop.spi.ledger.PostingId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;

/** A rule ready to evaluate: conditions as objects, limits in an array by {@link LimitPeriod#ordinal()}. */
final class CompiledRule {
    static final long NO_LIMIT = -1;

    final Rule rule;
    final int index;
    final Condition[] conditions;
    final long[] limits = {NO_LIMIT, NO_LIMIT, NO_LIMIT};
    final boolean hasLimits;
    private final String postingPrefix;

    CompiledRule(Rule rule, int index, Condition[] conditions) {
        this.rule = rule;
        this.index = index;
        this.conditions = conditions;
        rule.limits().forEach((p, v) -> limits[p.ordinal()] = v);
        this.hasLimits = !rule.limits().isEmpty();
        this.postingPrefix = "pts." + rule.id() + ".";
    }

    boolean valid(Instant at) {
        return (rule.validFrom() == null || !at.isBefore(rule.validFrom()))
                && (rule.validUntil() == null || at.isBefore(rule.validUntil()));
    }

    boolean matches(CivicEvent e, MemberProfile m, LocalDateTime local) {
        for (Condition c : conditions) {
            if (!c.test(e, m, local)) {
                return false;
            }
        }
        return true;
    }

    /** Conditions, validity and the per-unit attribute can never stop it: a stop rule like this shadows the rest. */
    boolean alwaysMatches() {
        return conditions.length == 0 && rule.validFrom() == null && rule.validUntil() == null && rule.perUnit() == null;
    }

    /**
     * The points the event earns by this rule before limits, or null when the per-unit attribute is
     * missing or not a number ≥ 0 (then the rule does not match). Per-unit amounts are value × rate
     * rounded down to whole points (towards zero), so a rule never gives more than it promises.
     */
    Long requested(CivicEvent e) {
        if (rule.perUnit() == null) {
            return rule.points();
        }
        String v = e.attributes().get(rule.perUnit());
        if (v == null) {
            return null;
        }
        try {
            BigDecimal units = new BigDecimal(v.trim());
            if (units.signum() < 0) {
                return null;
            }
            return units.multiply(rule.rate()).setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (NumberFormatException | ArithmeticException ex) {
            return null;
        }
    }

    String basis(CivicEvent e, long requested) {
        if (rule.perUnit() == null) {
            return requested + " points";
        }
        return rule.perUnit() + " " + e.attributes().get(rule.perUnit()) + " × " + rule.rate().toPlainString() + " = "
                + requested + " points (rounded down)";
    }

    /** (rule, event), or (rule, ticket, member) for once-per-ticket rules; hashed when longer than an id may be. */
    PostingId postingId(CivicEvent e) {
        String key = rule.oncePerTicket() && e.ticket() != null
                ? "ticket." + e.ticket().value() + "." + e.member().value()
                : e.id();
        String id = postingPrefix + key;
        if (id.length() > 128) {
            id = postingPrefix + "h." + sha256(key).substring(0, 40);
        }
        return PostingId.of(id);
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : d) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
