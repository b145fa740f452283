package dev.civicloop.spi;

import java.util.List;

/** The command is not allowed in the ticket's current state; lists what is allowed there. */
public class TransitionNotAllowed extends GovernanceException {
    private static final long serialVersionUID = 1L;
    private final String state;
    private final String command;
    private final List<String> allowedCommands;

    public TransitionNotAllowed(String ticketId, String state, String command, List<String> allowedCommands) {
        super("ticket " + ticketId + " is " + state + ": '" + command + "' is not allowed there; allowed: "
                + (allowedCommands.isEmpty() ? "none (terminal state)" : String.join(", ", allowedCommands)));
        this.state = state;
        this.command = command;
        this.allowedCommands = List.copyOf(allowedCommands);
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
