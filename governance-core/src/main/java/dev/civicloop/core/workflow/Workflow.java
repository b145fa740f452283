package dev.civicloop.core.workflow;

import dev.civicloop.core.internal.WorkflowParser;
import dev.civicloop.spi.model.TicketState;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A ticket workflow as data: states, terminal states and transitions, compiled once into an
 * immutable table shared by every ticket that follows it. Two ship built in:
 * {@link #closedLoop()} (report → dispatch → claim → joint handling → feedback) and
 * {@link #grievance()} (a worker's own request). A city may supply its own JSON in the same
 * format; it is validated: every state reachable, every non-terminal state has an exit, roles,
 * commands and scopes known.
 *
 * <pre>{@code
 * Workflow mine = Workflow.fromJson("city-pack/workflow.json", Files.newInputStream(path));
 * GovernanceEngine engine = GovernanceEngine.builder().workflow(mine)…build();
 * }</pre>
 */
public final class Workflow {
    /** The commands the engine knows how to carry out; a workflow chooses where each is allowed. */
    public static final List<String> COMMANDS = List.of(
            "report", "verify", "reject_as_false", "dispatch", "claim", "accept", "return", "note_progress",
            "resolve", "answer", "confirm", "reopen", "reject", "merge", "cancel", "escalate");

    private final String id;
    private final TicketState initial;
    private final Set<TicketState> states;
    private final Set<TicketState> terminal;
    private final List<Transition> transitions;
    private final Map<TicketState, Map<String, Transition>> table;
    private final Transition report;

    /** Validates and compiles; throws {@code InvalidConfiguration} naming the source and the flaw. */
    public Workflow(String id, TicketState initial, Set<TicketState> states, Set<TicketState> terminal,
            List<Transition> transitions) {
        WorkflowParser.validate(id, initial, states, terminal, transitions);
        this.id = id;
        this.initial = initial;
        this.states = Set.copyOf(states);
        this.terminal = Set.copyOf(terminal);
        this.transitions = List.copyOf(transitions);
        Map<TicketState, Map<String, Transition>> t = new LinkedHashMap<>();
        Transition r = null;
        for (Transition tr : transitions) {
            if (tr.from() == null) {
                r = tr;
            } else {
                t.computeIfAbsent(tr.from(), k -> new LinkedHashMap<>()).put(tr.command(), tr);
            }
        }
        t.replaceAll((k, v) -> Collections.unmodifiableMap(v));
        this.table = Collections.unmodifiableMap(t);
        this.report = r;
    }

    /** The default closed-loop workflow of DESIGN §4. */
    public static Workflow closedLoop() {
        return Builtin.CLOSED_LOOP;
    }

    /** The worker grievance workflow (诉求): submitted → accepted → answered → closed or reopened. */
    public static Workflow grievance() {
        return Builtin.GRIEVANCE;
    }

    /** Reads a workflow from JSON; {@code source} names the file in error messages. */
    public static Workflow fromJson(String source, InputStream json) {
        return WorkflowParser.parse(source, json);
    }

    public String id() {
        return id;
    }

    public TicketState initial() {
        return initial;
    }

    public Set<TicketState> states() {
        return states;
    }

    public Set<TicketState> terminalStates() {
        return terminal;
    }

    public boolean isTerminal(TicketState state) {
        return terminal.contains(state);
    }

    public List<Transition> transitions() {
        return transitions;
    }

    /** The transition that creates a ticket. */
    public Transition reportTransition() {
        return report;
    }

    /** The transition for {@code command} in {@code state}, if the workflow allows it there. */
    public Optional<Transition> transition(TicketState state, String command) {
        return Optional.ofNullable(table.getOrDefault(state, Map.of()).get(command));
    }

    /** The commands allowed in {@code state}, in table order. */
    public List<String> allowedCommands(TicketState state) {
        return new ArrayList<>(table.getOrDefault(state, Map.of()).keySet());
    }

    @Override
    public String toString() {
        return "Workflow[" + id + ", " + states.size() + " states, " + transitions.size() + " transitions]";
    }

    private static final class Builtin {
        static final Workflow CLOSED_LOOP = load("closed-loop.json");
        static final Workflow GRIEVANCE = load("grievance.json");

        private static Workflow load(String name) {
            InputStream in = Workflow.class.getResourceAsStream(name);
            if (in == null) {
                throw new IllegalStateException("built-in workflow " + name + " is missing from the jar");
            }
            return WorkflowParser.parse("built-in " + name, in);
        }
    }
}
