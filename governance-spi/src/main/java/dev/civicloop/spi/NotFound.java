package dev.civicloop.spi;

/** A ticket, category, org unit or other named thing does not exist. */
public class NotFound extends GovernanceException {
    private static final long serialVersionUID = 1L;

    public NotFound(String what) {
        super(what + " not found");
    }
}
