package dev.civicloop.points;

/**
 * A rule that loaded but can never fire (or never fully): its validity already ended, an empty
 * window, a condition on a value that cannot occur, a limit or award of 0, shadowed by an earlier
 * stop rule that always matches. Loading goes on; the city reads {@link PointsRules#warnings()}.
 *
 * @param index the rule's position in the file, from 0
 * @param field the field at fault, e.g. {@code when.satisfaction}
 */
public record LoadWarning(String ruleId, int index, String field, String message) {
    @Override
    public String toString() {
        return "rule " + ruleId + " (rules[" + index + "]) " + field + ": " + message;
    }
}
