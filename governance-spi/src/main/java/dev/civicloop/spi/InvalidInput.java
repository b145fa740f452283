package dev.civicloop.spi;

/**
 * A value broke a rule. Names the field and the rule, so a form can point at the right box:
 * {@code latitude: must be a number between -90 and 90, was 91.0}. Nothing was changed.
 */
public class InvalidInput extends GovernanceException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String rule;

    public InvalidInput(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
        this.rule = rule;
    }

    /**
     * The offending field: the name of the value's own component ({@code latitude}, {@code sizeBytes})
     * when a value refuses itself, or the command's field ({@code category}, {@code coHandlers[1]})
     * when the engine refuses it.
     */
    public String field() {
        return field;
    }

    /** The rule the value broke, in words. */
    public String rule() {
        return rule;
    }
}
