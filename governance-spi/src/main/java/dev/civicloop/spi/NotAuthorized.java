package dev.civicloop.spi;

/** The actor lacks the role or the org scope the command needs. Nothing was changed. */
public class NotAuthorized extends GovernanceException {
    private static final long serialVersionUID = 1L;

    public NotAuthorized(String message) {
        super(message);
    }
}
