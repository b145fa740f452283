package dev.civicloop.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.civicloop.core.workflow.Guard;
import dev.civicloop.core.workflow.Scope;
import dev.civicloop.core.workflow.Transition;
import dev.civicloop.core.workflow.Workflow;
import dev.civicloop.spi.GovernanceException;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.model.TicketState;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads workflow JSON with Jackson's tree model, so every error can name its JSON path. */
public final class WorkflowParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DEADLINES = Set.of("claim", "resolve", "feedback");
    private static final Set<String> JOINT_COMMANDS = Set.of("accept", "resolve");

    private WorkflowParser() {}

    public static Workflow parse(String source, InputStream in) {
        JsonNode root;
        try (in) {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new InvalidConfiguration(source + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidConfiguration(source + ": cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidConfiguration(source + ": $ must be a JSON object");
        }
        String id = text(source, root, "$", "id");
        try {
            TicketState initial = state(source, "$.initial", text(source, root, "$", "initial"));
            Set<TicketState> states = stateSet(source, root, "$", "states", true);
            Set<TicketState> terminal = stateSet(source, root, "$", "terminal", true);
            JsonNode ts = root.get("transitions");
            if (ts == null || !ts.isArray()) {
                throw new InvalidConfiguration(source + ": $.transitions must be an array");
            }
            List<Transition> transitions = new ArrayList<>();
            for (int i = 0; i < ts.size(); i++) {
                String path = "$.transitions[" + i + "]";
                JsonNode t = ts.get(i);
                if (!t.isObject()) {
                    throw new InvalidConfiguration(source + ": " + path + " must be an object");
                }
                String command = text(source, t, path, "command");
                TicketState to = t.hasNonNull("to") ? state(source, path + ".to", t.get("to").asText()) : null;
                Set<Role> roles = enumSet(source, t, path, "roles", Role.class, true);
                Set<Scope> scopes = enumSet(source, t, path, "scopes", Scope.class, true);
                boolean joint = t.path("joint").asBoolean(false);
                Guard guard = t.hasNonNull("guard")
                        ? enumValue(source, path + ".guard", t.get("guard").asText(), Guard.class) : Guard.NONE;
                Set<String> starts = names(source, t, path, "starts");
                Set<String> stops = names(source, t, path, "stops");
                if (!t.has("from")) {
                    transitions.add(new Transition(null, command, to, roles, scopes, joint, guard, starts, stops));
                } else {
                    for (TicketState from : stateSet(source, t, path, "from", true)) {
                        transitions.add(new Transition(from, command, to == null ? from : to, roles, scopes, joint,
                                guard, starts, stops));
                    }
                }
            }
            return new Workflow(id, initial, states, terminal, transitions);
        } catch (InvalidConfiguration e) {
            if (e.getMessage().startsWith(source)) {
                throw e;
            }
            throw new InvalidConfiguration(source + ": " + e.getMessage(), e);
        } catch (GovernanceException e) {
            throw new InvalidConfiguration(source + ": " + e.getMessage(), e);
        }
    }

    /** The checks every workflow passes, whether read from JSON or built in code. */
    public static void validate(String id, TicketState initial, Set<TicketState> states, Set<TicketState> terminal,
            List<Transition> transitions) {
        String w = "workflow '" + id + "'";
        if (id == null || id.isBlank()) {
            throw new InvalidConfiguration("workflow id is required");
        }
        if (!states.contains(initial)) {
            throw new InvalidConfiguration(w + ": initial state " + initial + " is not among the states " + states);
        }
        for (TicketState t : terminal) {
            if (!states.contains(t)) {
                throw new InvalidConfiguration(w + ": terminal state " + t + " is not among the states " + states);
            }
        }
        Set<String> seen = new HashSet<>();
        int reports = 0;
        for (Transition t : transitions) {
            String where = w + ", transition '" + t.command() + "' from " + t.from();
            if (!Workflow.COMMANDS.contains(t.command())) {
                throw new InvalidConfiguration(where + ": unknown command; known: " + Workflow.COMMANDS);
            }
            if (t.roles().isEmpty()) {
                throw new InvalidConfiguration(where + ": roles must name at least one role");
            }
            if (t.scopes().isEmpty()) {
                throw new InvalidConfiguration(where + ": scopes must name at least one scope");
            }
            if (t.joint() && !JOINT_COMMANDS.contains(t.command())) {
                throw new InvalidConfiguration(where + ": only " + JOINT_COMMANDS + " can be joint");
            }
            for (String d : union(t.starts(), t.stops())) {
                if (!DEADLINES.contains(d)) {
                    throw new InvalidConfiguration(where + ": unknown deadline '" + d + "'; known: " + DEADLINES);
                }
            }
            if (t.to() == null || !states.contains(t.to())) {
                throw new InvalidConfiguration(where + ": target state " + t.to() + " is not among the states " + states);
            }
            if (t.from() == null) {
                if (!t.command().equals("report")) {
                    throw new InvalidConfiguration(where + ": only 'report' may have no 'from'");
                }
                if (!t.to().equals(initial)) {
                    throw new InvalidConfiguration(where + ": 'report' must lead to the initial state " + initial);
                }
                reports++;
                continue;
            }
            if (t.command().equals("report")) {
                throw new InvalidConfiguration(where + ": 'report' creates tickets and takes no 'from'");
            }
            if (!states.contains(t.from())) {
                throw new InvalidConfiguration(where + ": state " + t.from() + " is not among the states " + states);
            }
            if (terminal.contains(t.from())) {
                throw new InvalidConfiguration(where + ": " + t.from() + " is terminal and can have no transitions");
            }
            if (!seen.add(t.from() + "/" + t.command())) {
                throw new InvalidConfiguration(where + ": a second transition for the same command and state");
            }
        }
        if (reports != 1) {
            throw new InvalidConfiguration(w + ": needs exactly one 'report' transition, has " + reports);
        }
        Set<TicketState> reached = new LinkedHashSet<>();
        Deque<TicketState> todo = new ArrayDeque<>(List.of(initial));
        while (!todo.isEmpty()) {
            TicketState s = todo.pop();
            if (reached.add(s)) {
                for (Transition t : transitions) {
                    if (s.equals(t.from())) {
                        todo.push(t.to());
                    }
                }
            }
        }
        for (TicketState s : states) {
            if (!reached.contains(s)) {
                throw new InvalidConfiguration(w + ": state " + s + " cannot be reached from " + initial);
            }
            boolean exit = transitions.stream().anyMatch(t -> s.equals(t.from()) && !s.equals(t.to()));
            if (!terminal.contains(s) && !exit) {
                throw new InvalidConfiguration(w + ": state " + s + " is not terminal but has no way out");
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    private static String text(String source, JsonNode node, String path, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new InvalidConfiguration(source + ": " + path + "." + field + " must be a non-empty string");
        }
        return v.asText();
    }

    private static TicketState state(String source, String path, String name) {
        try {
            return TicketState.of(name);
        } catch (GovernanceException e) {
            throw new InvalidConfiguration(source + ": " + path + " is not a valid state name: '" + name + "'");
        }
    }

    private static Set<TicketState> stateSet(String source, JsonNode node, String path, String field, boolean required) {
        Set<TicketState> out = new LinkedHashSet<>();
        for (String s : strings(source, node, path, field, required)) {
            if (!out.add(state(source, path + "." + field, s))) {
                throw new InvalidConfiguration(source + ": " + path + "." + field + " lists state " + s + " twice");
            }
        }
        return out;
    }

    private static Set<String> names(String source, JsonNode node, String path, String field) {
        return new LinkedHashSet<>(strings(source, node, path, field, false));
    }

    private static List<String> strings(String source, JsonNode node, String path, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null) {
            if (required) {
                throw new InvalidConfiguration(source + ": " + path + "." + field + " is required (an array of strings)");
            }
            return List.of();
        }
        if (!v.isArray()) {
            throw new InvalidConfiguration(source + ": " + path + "." + field + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw new InvalidConfiguration(source + ": " + path + "." + field + "[" + i + "] must be a string");
            }
            out.add(v.get(i).asText());
        }
        return out;
    }

    private static <E extends Enum<E>> Set<E> enumSet(String source, JsonNode node, String path, String field,
            Class<E> type, boolean required) {
        Set<E> out = new LinkedHashSet<>();
        List<String> names = strings(source, node, path, field, required);
        for (int i = 0; i < names.size(); i++) {
            out.add(enumValue(source, path + "." + field + "[" + i + "]", names.get(i), type));
        }
        return out;
    }

    private static <E extends Enum<E>> E enumValue(String source, String path, String name, Class<E> type) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfiguration(source + ": " + path + ": unknown " + type.getSimpleName().toLowerCase(Locale.ROOT)
                    + " '" + name + "'; known: " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
