package dev.civicloop.points;

import dev.civicloop.points.internal.RuleParser;
import dev.civicloop.points.internal.RuleSet;
import dev.civicloop.spi.InvalidConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A city's points rules (积分规则), loaded from JSON and compiled into an index by event type:
 * an event meets only the rules of its type, in priority order. Immutable and thread-safe.
 *
 * <pre>{@code
 * PointsRules rules = PointsRules.loader()
 *         .clock(clock)
 *         .categories(List.of("gas_leak", "manhole_cover"))
 *         .load(json, "points-rules.json");
 * rules.warnings().forEach(w -> log.warn("{}", w));
 * }</pre>
 *
 * <p>The format is described in {@code docs/fragment-points-rules.md}: a {@code zone} (default
 * Asia/Shanghai) and a list of {@code rules}, each with {@code id}, {@code on}, {@code when},
 * {@code points}, {@code limits}, {@code oncePerTicket}, {@code valid}, {@code priority},
 * {@code stop}. A malformed file is an {@link InvalidConfiguration} naming the rule and the field;
 * a rule that can never fire is a {@link LoadWarning}.
 */
public final class PointsRules {
    private final RuleSet set;

    private PointsRules(RuleSet set) {
        this.set = set;
    }

    /** Loads with the system clock and no category check. */
    public static PointsRules fromJson(String json, String source) {
        return loader().load(json, source);
    }

    public static Loader loader() {
        return new Loader();
    }

    /** The rules in file order. */
    public List<Rule> rules() {
        return set.rules();
    }

    /** Rules that loaded but can never fire, in file order. Empty when all is well. */
    public List<LoadWarning> warnings() {
        return set.warnings();
    }

    /** The city's zone: days, ISO weeks, months, local times and dates are counted in it. */
    public ZoneId zone() {
        return set.zone();
    }

    /** The rules an event of this type meets, in the order they are evaluated. */
    public List<Rule> rulesFor(String eventType) {
        return set.rulesFor(eventType);
    }

    /** The event types some rule listens to. */
    public Set<String> eventTypes() {
        return set.eventTypes();
    }

    /**
     * Decides what the event earns, without writing anything: for each matching rule (priority
     * order, until a matching {@code stop} rule) one {@link Award}, limited by what the tally says
     * the member already received. The tally is told about every AWARDED and PENALTY decision.
     * A rule whose amount works out to 0 gives no decision.
     */
    public List<Award> evaluate(CivicEvent event, MemberProfile member, AwardTally tally) {
        if (event == null || tally == null) {
            throw new IllegalArgumentException("event and tally are required");
        }
        return set.evaluate(event, member, tally);
    }

    /** Loads rules; checks them against the clock (validity already ended) and, if given, the city's categories. */
    public static final class Loader {
        private Clock clock = Clock.systemUTC();
        private Set<String> categories;

        private Loader() {}

        /** The clock "already ended" is judged by (default: system clock). */
        public Loader clock(Clock clock) {
            if (clock == null) {
                throw new InvalidConfiguration("points rules loader: clock is required");
            }
            this.clock = clock;
            return this;
        }

        /** The city's category codes; a rule naming another category is warned about. Default: not checked. */
        public Loader categories(Collection<String> codes) {
            if (codes == null) {
                throw new InvalidConfiguration("points rules loader: categories must not be null");
            }
            this.categories = Set.copyOf(codes);
            return this;
        }

        /**
         * @param source names the file in messages, e.g. {@code points-rules.json}
         * @throws InvalidConfiguration the JSON is malformed or a rule is invalid (rule id, index and field named)
         */
        public PointsRules load(String json, String source) {
            if (json == null) {
                throw new InvalidConfiguration("points rules " + source + ": no content");
            }
            return new PointsRules(RuleParser.parse(json, source, clock, categories));
        }

        /** Reads the stream as UTF-8 (and closes it). */
        public PointsRules load(InputStream json, String source) {
            if (json == null) {
                throw new InvalidConfiguration("points rules " + source + ": not found");
            }
            try (InputStream in = json) {
                return load(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
            } catch (IOException e) {
                throw new UncheckedIOException("points rules " + source + ": cannot read", e);
            }
        }
    }
}
