package dev.civicloop.spi.model;

/** The reporter's verdict on a result (满意度). */
public enum Satisfaction {
    SATISFIED,
    BASICALLY_SATISFIED,
    UNSATISFIED;

    public boolean satisfied() {
        return this != UNSATISFIED;
    }
}
