package dev.civicloop.spi.model;

import dev.civicloop.spi.internal.Check;

/**
 * Identifies a command, chosen by the caller; the idempotency key of that command.
 * At most 128 characters, no white space: {@code CommandId.of("…")}.
 */
public record CommandId(String value) implements Comparable<CommandId> {
    public CommandId {
        Check.id("commandId", value);
    }

    public static CommandId of(String value) {
        return new CommandId(value);
    }

    @Override
    public int compareTo(CommandId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
