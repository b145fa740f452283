package dev.civicloop.spi.member;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import java.time.Instant;

/**
 * One event of one stream ({@code member:<id>}, {@code team:<id>}, {@code task:<id>},
 * {@code activity:<id>}) with its version in that stream, when it happened, who did it and the
 * command that caused it.
 */
public record MemberEnvelope(String stream, long version, Instant at, ActorId actor, CommandId commandId, MemberEvent event) {
    public MemberEnvelope {
        Check.id("stream", stream);
        if (version < 1) {
            throw new InvalidInput("version", "must be 1 or more, was " + version);
        }
        Check.notNull("at", at);
        Check.notNull("actor", actor);
        Check.notNull("commandId", commandId);
        Check.notNull("event", event);
    }
}
