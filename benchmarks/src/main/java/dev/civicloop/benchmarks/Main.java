package dev.civicloop.benchmarks;

import java.io.IOException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks with JMH's usual command line ({@code -wi 2 -i 3 -f 1 -w 1s -r 1s}, a
 * benchmark regexp, {@code -h} for the rest), then prints, for every pair of benchmarks named
 * {@code indexX} / {@code naiveLoopX} or {@code civicLoopX} / {@code easyRulesX}, how many times
 * faster ours was.
 *
 * <pre>{@code
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     dev.civicloop.benchmarks.Main GridLookup -wi 2 -i 3 -f 1 -w 1s -r 1s
 * }</pre>
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws RunnerException, IOException {
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("Error parsing command line: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (cli.shouldHelp() || cli.shouldList() || cli.shouldListWithParams() || cli.shouldListProfilers()
                || cli.shouldListResultFormats()) {
            // JMH's own Main prints help and lists.
            org.openjdk.jmh.Main.main(args);
            return;
        }
        Collection<RunResult> results = new Runner(new OptionsBuilder().parent(cli).build()).run();
        printRatios(results);
    }

    private static void printRatios(Collection<RunResult> results) {
        Map<String, Double> scores = new TreeMap<>();
        String unit = "";
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            scores.put(benchmark.substring(benchmark.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
            unit = r.getPrimaryResult().getScoreUnit();
        }
        printRatios(scores, unit, "index", "naiveLoop");
        printRatios(scores, unit, "civicLoop", "easyRules");
    }

    /** For every pair of benchmarks {@code <ours>X} / {@code <peer>X}, how many times faster ours was. */
    private static void printRatios(Map<String, Double> scores, String unit, String ours, String peer) {
        boolean header = false;
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            if (!e.getKey().startsWith(ours)) {
                continue;
            }
            String variant = e.getKey().substring(ours.length());
            Double other = scores.get(peer + variant);
            if (other == null) {
                continue;
            }
            if (!header) {
                System.out.println();
                System.out.println(ours + " vs " + peer + " (" + unit + "):");
                header = true;
            }
            System.out.printf(Locale.ROOT, "  %-12s %s %,.0f  %s %,.0f  ratio %.1fx%n",
                    variant.isEmpty() ? "one thread" : variant, ours, e.getValue(), peer, other, e.getValue() / other);
        }
    }
}
