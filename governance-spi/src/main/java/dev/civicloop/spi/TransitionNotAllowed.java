package dev.civicloop.spi;

import java.util.List;

/** The command is not allowed in the current state (of a ticket, a member…); lists what is allowed there. */
public class TransitionNotAllowed extends GovernanceException {
    private static final long serialVersionUID = 1L;
    private final String state;
    private final String command;
    private final List<String> allowedCommands;

    public TransitionNotAllowed(String ticketId, String state, String command, List<String> allowedCommands) {
        this(state, command, allowedCommands, "ticket " + ticketId);
    }

    private TransitionNotAllowed(String state, String command, List<String> allowedCommands, String subject) {
        super(subject + " is " + state + ": '" + command + "' is not allowed there; allowed: "
                + (allowedCommands.isEmpty() ? "none (terminal state)" : String.join(", ", allowedCommands)));
        this.state = state;
        this.command = command;
        this.allowedCommands = List.copyOf(allowedCommands);
    }

    /**
     * Anything else with a lifecycle refused a step, e.g.
     * {@code on("member wang-bin", "SUSPENDED", "approve", List.of("reinstate", "leave"))}.
     */
    public static TransitionNotAllowed on(String subject, String state, String command, List<String> allowedCommands) {
        return new TransitionNotAllowed(state, command, allowedCommands, subject);
    }

    public String state() {
        return state;
    }

    public String command() {
        return command;
    }

    public List<String> allowedCommands() {
        return allowedCommands;
    }
}
