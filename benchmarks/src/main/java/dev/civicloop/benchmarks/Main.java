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
 * {@code indexX} / {@code naiveLoopX}, how many times faster the index was.
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
        boolean header = false;
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            if (!e.getKey().startsWith("index")) {
                continue;
            }
            String variant = e.getKey().substring("index".length());
            Double naive = scores.get("naiveLoop" + variant);
            if (naive == null) {
                continue;
            }
            if (!header) {
                System.out.println();
                System.out.println("Index vs naive loop (" + unit + "):");
                header = true;
            }
            System.out.printf(Locale.ROOT, "  %-12s index %,.0f  naive %,.0f  ratio %.1fx%n",
                    variant.isEmpty() ? "one thread" : variant, e.getValue(), naive, e.getValue() / naive);
        }
    }
}
