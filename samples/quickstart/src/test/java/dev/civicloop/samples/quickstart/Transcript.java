package dev.civicloop.samples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quickstart's printed output, read back the way a person reads it: sections ("== … =="),
 * each ticket's timeline steps (label → state), its result line, and the statistics rows. Holds
 * the expected transcript of both cases in both languages, so the in-JVM test and the module-path
 * test check the same thing.
 */
final class Transcript {
    /** {@code  12  11-24 11:00  municipal-handler  resolved → resolved · municipal · …} */
    private static final Pattern STEP =
            Pattern.compile("^\\s+(\\d+)  (\\d\\d-\\d\\d \\d\\d:\\d\\d)  (\\S+)\\s+(.+?) → (.+?)(?: · (.*))?$");
    /** {@code   returns                 1} */
    private static final Pattern ROW = Pattern.compile("^  (\\S.*?)\\s{2,}(\\S.*)$");

    /** One timeline entry as printed. */
    record Step(int version, String at, String actor, String label, String state, String detail) {
        String labelAndState() {
            return label + " → " + state;
        }
    }

    /** One case: its heading, its ticket's steps, and the lines under them. */
    record Case(String title, List<Step> steps, List<String> lines) {
        List<String> labelsAndStates() {
            return steps.stream().map(Step::labelAndState).toList();
        }

        String lineStartingWith(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in case " + title
                            + ":\n" + String.join("\n", lines)));
        }

        long count(String label) {
            return steps.stream().filter(s -> s.label().equals(label)).count();
        }
    }

    final String text;
    final List<Case> cases = new ArrayList<>();
    final Map<String, String> statistics = new LinkedHashMap<>();

    Transcript(String text) {
        this.text = text;
        String section = null;
        List<Step> steps = null;
        List<String> lines = null;
        boolean inStatistics = false;
        for (String line : text.split("\\R")) {
            if (line.startsWith("== ")) {
                section = line;
                inStatistics = cases.size() == 2;
                if (!inStatistics) {
                    steps = new ArrayList<>();
                    lines = new ArrayList<>();
                    cases.add(new Case(section, steps, lines));
                }
                continue;
            }
            if (section == null) {
                continue;
            }
            if (inStatistics) {
                Matcher m = ROW.matcher(line);
                if (m.matches()) {
                    statistics.put(m.group(1), m.group(2));
                }
                continue;
            }
            lines.add(line);
            Matcher m = STEP.matcher(line);
            if (m.matches()) {
                steps.add(new Step(Integer.parseInt(m.group(1)), m.group(2), m.group(3), m.group(4), m.group(5),
                        m.group(6)));
            }
        }
    }

    // ---------------------------------------------------------------- what both cases must show

    /** Language-specific text of the expected transcript. */
    record Expected(
            List<String> gasLeakSteps,
            List<String> manholeSteps,
            String resultPrefix,
            String gasLeakResult,
            String manholeResult,
            String returnDetail,
            String reopenDetail,
            String gasLeakDeadlines,
            String reopenDeadlines,
            Map<String, String> statistics) {}

    static final Expected ENGLISH = new Expected(
            List.of("reported → submitted", "dispatched → dispatched", "claimed → claimed", "accepted → in handling",
                    "reminded → in handling", "resolved → resolved", "confirmed → closed"),
            List.of("reported → submitted", "verified → verified", "dispatched → dispatched", "returned → verified",
                    "dispatched → dispatched", "claimed → claimed", "accepted → in handling", "resolved → resolved",
                    "reopened → dispatched", "claimed → claimed", "accepted → in handling", "resolved → resolved",
                    "confirmed → closed"),
            "Result: ",
            "Result: closed · returns 0 · reopened 0 · satisfaction satisfied",
            "Result: closed · returns 1 · reopened 1 · satisfaction satisfied",
            "return #1",
            "redo #1",
            "claim by 11-23 10:00 · resolve by 11-23 11:00",
            "claim by 11-24 18:00 · resolve by 11-24 18:00",
            expectedStatistics("submitted", "dispatched", "responded", "resolved", "resolved on time", "rated",
                    "satisfied", "returns", "reopened", "median time to claim", "median time to resolve",
                    "by category", "hazards removed",
                    "response rate ", "resolution rate ", "on-time rate ", "satisfaction rate ", "redo rate ",
                    " min", " h "));

    static final Expected CHINESE = new Expected(
            List.of("上报 → 已上报", "派单 → 已派单", "领单 → 已领单", "接单 → 办理中", "临期提醒 → 办理中", "办结 → 已办结",
                    "评价反馈 → 已关闭"),
            List.of("上报 → 已上报", "核实 → 已核实", "派单 → 已派单", "退单 → 已核实", "派单 → 已派单", "领单 → 已领单",
                    "接单 → 办理中", "办结 → 已办结", "重办 → 已派单", "领单 → 已领单", "接单 → 办理中", "办结 → 已办结",
                    "评价反馈 → 已关闭"),
            "结果：",
            "结果：已关闭 · 退单 0 次 · 重办 0 次 · 满意度 满意",
            "结果：已关闭 · 退单 1 次 · 重办 1 次 · 满意度 满意",
            "第1次退单",
            "第1次重办",
            "领单时限 11-23 10:00 · 办结时限 11-23 11:00",
            "领单时限 11-24 18:00 · 办结时限 11-24 18:00",
            expectedStatistics("上报", "派单", "领单响应", "办结", "按时办结", "已评价", "满意", "退单次数", "重办工单",
                    "领单用时中位数", "办结用时中位数", "按类别", "消除隐患",
                    "响应率 ", "办结率 ", "按时率 ", "满意率 ", "重办率 ", " 分钟", " 小时 "));

    /**
     * The street's figures, worked out by hand from the two cases (Babaishang holds grid 6, where
     * both were reported; period Mon 23 to Sun 29 November):
     * <ul>
     *   <li>submitted 2, dispatched 2 (both at least once), responded 2 (both claimed): 100 %.
     *   <li>resolved 2 (both CLOSED after a resolution): resolution rate 2/2 = 100 %.
     *   <li>on time 2: the gas leak was resolved 10:20, due 11:00 (2 h from its 09:00 dispatch); the
     *       manhole cover's last resolution was Tue 11:00, due Tue 18:00 (1 working day from the
     *       reopening on Mon 18:00, which restarted the clock).
     *   <li>rated 2, satisfied 2 (the last answer counts; reopening is not a rating): 100 %.
     *   <li>returns 1 (housing sent the cover back once); reopened 1 of 2 ever resolved: 50 %.
     *   <li>time to claim, first dispatch → first claim: gas 09:00 → 09:08 = 8 min, cover
     *       12:00 → 13:00 = 60 min; median of two = (8 + 60) / 2 = 34 min.
     *   <li>time to resolve, report → first resolution: gas 09:00 → 10:20 = 80 min, cover
     *       11:30 → 16:30 = 300 min; median = (80 + 300) / 2 = 190 min = 3 h 10 min.
     *   <li>by category gas_leak 1, manhole_cover 1; both are hazards: 2 hazards removed.
     * </ul>
     */
    private static Map<String, String> expectedStatistics(String submitted, String dispatched, String responded,
            String resolved, String onTime, String rated, String satisfied, String returns, String reopened,
            String medianClaim, String medianResolve, String byCategory, String hazards, String responseRate,
            String resolutionRate, String onTimeRate, String satisfactionRate, String redoRate, String min,
            String hours) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(submitted, "2");
        m.put(dispatched, "2");
        m.put(responded, "2   " + responseRate + "100%");
        m.put(resolved, "2   " + resolutionRate + "100%");
        m.put(onTime, "2   " + onTimeRate + "100%");
        m.put(rated, "2");
        m.put(satisfied, "2   " + satisfactionRate + "100%");
        m.put(returns, "1");
        m.put(reopened, "1   " + redoRate + "50%");
        m.put(medianClaim, "34" + min);
        m.put(medianResolve, "3" + hours + "10" + min);
        m.put(byCategory, "gas_leak 1, manhole_cover 1");
        m.put(hazards, "2");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Asserts the whole story: both timelines in order ending closed, deadlines, feedback, figures. */
    void assertShows(Expected expected) {
        assertEquals(2, cases.size(), "two case sections then statistics:\n" + text);
        Case gas = cases.get(0);
        Case manhole = cases.get(1);

        assertEquals(expected.gasLeakSteps(), gas.labelsAndStates(), "gas leak timeline:\n" + text);
        assertEquals(expected.manholeSteps(), manhole.labelsAndStates(), "manhole cover timeline:\n" + text);
        assertEquals("auto-dispatch", gas.steps().get(1).actor(), "urgent: the engine dispatches on report");
        Step reminded = gas.steps().get(4);
        assertEquals("clock", reminded.actor(), "the clock reminds");
        assertEquals("10:00", reminded.at().substring(6), "halfway through the 2 h resolve deadline");
        assertTrue(reminded.detail().endsWith("gas-co"), "the gas company must resolve it: " + reminded.detail());

        assertEquals(expected.gasLeakResult(), gas.lineStartingWith(expected.resultPrefix()));
        assertEquals(expected.manholeResult(), manhole.lineStartingWith(expected.resultPrefix()));

        Step returned = manhole.steps().get(3);
        assertEquals("housing-handler", returned.actor(), "the wrong department returns it");
        assertTrue(returned.detail().endsWith(expected.returnDetail()), returned.detail());
        assertEquals(1, manhole.count(manhole.steps().get(3).label()), "returned exactly once");
        Step reopened = manhole.steps().get(8);
        assertEquals("zhang-guolong", reopened.actor(), "the reporter reopens");
        assertTrue(reopened.detail().endsWith(expected.reopenDetail()), reopened.detail());
        assertEquals(1, manhole.count(reopened.label()), "reopened exactly once");
        assertEquals("municipal-handler", manhole.steps().get(11).actor(), "the right department resolves it");

        assertTrue(gas.lines().stream().anyMatch(l -> l.strip().equals(expected.gasLeakDeadlines())),
                "urgent deadlines (claim 1 h, resolve 2 h) under the dispatch:\n" + text);
        assertTrue(manhole.lines().stream().anyMatch(l -> l.strip().equals(expected.reopenDeadlines())),
                "reopening restarts the clocks (24 h, 1 working day):\n" + text);

        assertTrue(gas.lines().contains("  11-23 10:20  resolved → actor:wang-bin"), "result fed back to the rider");
        assertTrue(gas.lines().contains("  11-23 10:00  reminded → department:gas-co"), "the gas company is reminded");
        assertTrue(manhole.lines().contains("  11-23 12:30  returned → org_unit:babaishang"), "the street hears of the return");
        assertEquals(2, manhole.lines().stream().filter(l -> l.endsWith("resolved → actor:zhang-guolong")).count(),
                "each resolution is fed back to the driver");

        assertEquals(expected.statistics(), statistics, "the street's figures:\n" + text);
    }
}
