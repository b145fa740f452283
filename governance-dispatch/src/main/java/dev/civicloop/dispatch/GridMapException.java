package dev.civicloop.dispatch;

import dev.civicloop.spi.InvalidConfiguration;

/**
 * A grid map was refused. Names the feature (its index in the file and its id, when it has one)
 * and the rule it broke. Nothing of a refused map is ever used.
 */
public final class GridMapException extends InvalidConfiguration {
    private static final long serialVersionUID = 1L;

    private final String feature;
    private final String rule;

    public GridMapException(String feature, String rule) {
        super("grid map: " + feature + ": " + rule);
        this.feature = feature;
        this.rule = rule;
    }

    /** The feature at fault, e.g. {@code feature #12 (id "Canton Industrial Area")}. */
    public String feature() {
        return feature;
    }

    /** The rule it broke. */
    public String rule() {
        return rule;
    }
}
