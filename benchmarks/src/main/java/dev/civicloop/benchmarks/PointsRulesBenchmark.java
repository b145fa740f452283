package dev.civicloop.benchmarks;

import dev.civicloop.points.Award;
import dev.civicloop.points.AwardTally;
import dev.civicloop.points.CivicEvent;
import dev.civicloop.points.PointsRules;
import dev.civicloop.spi.model.ActorId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.api.RulesEngine;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second through 500 points rules: CivicLoop's {@link PointsRules} (rules indexed by
 * event type, priority order, limits and idempotency against an in-memory tally) against Easy
 * Rules' {@link DefaultRulesEngine} firing the same 500 rules written as lambda rules
 * ({@code RuleBuilder}), with the same in-memory totals. One operation = one event; each
 * invocation runs the whole seeded stream of {@value #EVENTS} events from an empty tally, so both
 * sides decide the same awards (checked in {@link #setUp()}). Neither side writes a ledger.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PointsRulesBenchmark {
    static final int RULES = 500;
    static final int EVENTS = 10_000;
    static final long SEED = 20261123L;

    private PointsWorkload workload;
    private PointsRules rules;
    private Rules easyRules;
    private RulesEngine easyEngine;

    @Setup
    public void setUp() {
        workload = new PointsWorkload(RULES, EVENTS, SEED);
        Clock clock = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
        rules = PointsRules.loader().clock(clock).load(workload.json(), "generated-500-rules.json");
        easyRules = workload.easyRules();
        easyEngine = new DefaultRulesEngine();
        Map<ActorId, Long> ours = civicLoopTotals();
        Map<ActorId, Long> theirs = easyRulesTotals();
        long awards = ours.values().stream().mapToLong(Long::longValue).sum();
        if (!ours.equals(theirs) || awards == 0) {
            throw new IllegalStateException("CivicLoop and Easy Rules disagree: " + ours + " vs " + theirs);
        }
        System.out.printf("%n# %d rules over %d event types (%d load warnings), %d events; both award %d points to %d members%n",
                rules.rules().size(), rules.eventTypes().size(), rules.warnings().size(), EVENTS, awards, ours.size());
    }

    private Map<ActorId, Long> civicLoopTotals() {
        AwardTally tally = AwardTally.inMemory();
        Map<ActorId, Long> totals = new HashMap<>();
        for (CivicEvent e : workload.events) {
            for (Award a : rules.evaluate(e, workload.members.get(e.member()), tally)) {
                if (a.points() != 0) {
                    totals.merge(a.member(), a.points(), Long::sum);
                }
            }
        }
        return totals;
    }

    private Map<ActorId, Long> easyRulesTotals() {
        PointsWorkload.EasyState state = new PointsWorkload.EasyState();
        Facts facts = new Facts();
        for (CivicEvent e : workload.events) {
            PointsWorkload.facts(facts, e, workload.members.get(e.member()), state);
            easyEngine.fire(easyRules, facts);
        }
        Map<ActorId, Long> totals = new HashMap<>();
        for (PointsWorkload.Decision d : state.decisions) {
            if (d.points() != 0) {
                totals.merge(d.member(), d.points(), Long::sum);
            }
        }
        return totals;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long civicLoop() {
        AwardTally tally = AwardTally.inMemory();
        long points = 0;
        List<CivicEvent> events = workload.events;
        for (int i = 0; i < events.size(); i++) {
            CivicEvent e = events.get(i);
            for (Award a : rules.evaluate(e, workload.members.get(e.member()), tally)) {
                points += a.points();
            }
        }
        return points;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long easyRules() {
        PointsWorkload.EasyState state = new PointsWorkload.EasyState();
        Facts facts = new Facts();
        List<CivicEvent> events = workload.events;
        for (int i = 0; i < events.size(); i++) {
            CivicEvent e = events.get(i);
            PointsWorkload.facts(facts, e, workload.members.get(e.member()), state);
            easyEngine.fire(easyRules, facts);
        }
        long points = 0;
        for (PointsWorkload.Decision d : state.decisions) {
            points += d.points();
        }
        return points;
    }
}
