package dev.civicloop.spi;

/**
 * A command id was used before with a different payload. Command ids are idempotency keys:
 * the same id with the same payload returns the first result; with another payload it is refused.
 */
public class DuplicateCommand extends GovernanceException {
    private static final long serialVersionUID = 1L;
    private final String commandId;

    public DuplicateCommand(String commandId, String detail) {
        super("command id " + commandId + " " + detail);
        this.commandId = commandId;
    }

    public String commandId() {
        return commandId;
    }
}
