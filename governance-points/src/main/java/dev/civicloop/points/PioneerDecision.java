package dev.civicloop.points;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.OrgUnitId;
import java.time.Instant;
import java.time.YearMonth;

/**
 * One immutable step in choosing a 金牌先锋 (gold pioneer): a nomination by community staff, then
 * an approval or a refusal by the street coordinator, each with who, when and why. Kept by a
 * {@link HonoursStore}; a {@link Nomination} is the fold of its decisions.
 *
 * @param id the caller-supplied decision id (idempotency key)
 * @param nomination the id of the nominating decision this one belongs to (its own id for a nomination)
 * @param community the member's community when nominated
 * @param street the street above that community, whose coordinator decides
 */
public record PioneerDecision(
        CommandId id,
        CommandId nomination,
        Kind kind,
        ActorId member,
        YearMonth month,
        OrgUnitId community,
        OrgUnitId street,
        ActorId by,
        Instant at,
        String reason) {
    public PioneerDecision {
        require("id", id);
        require("nomination", nomination);
        require("kind", kind);
        require("member", member);
        require("month", month);
        require("community", community);
        require("street", street);
        require("by", by);
        require("at", at);
        require("reason", reason);
        if (reason.isBlank()) {
            throw new InvalidInput("reason", "must not be blank");
        }
        if (reason.length() > 1000) {
            throw new InvalidInput("reason", "must be at most 1000 characters, was " + reason.length());
        }
        if ((kind == Kind.NOMINATED) != id.equals(nomination)) {
            throw new InvalidInput("nomination", "a nomination is its own nomination id; an approval or refusal names another");
        }
    }

    public enum Kind {
        NOMINATED,
        APPROVED,
        REFUSED
    }

    private static void require(String field, Object value) {
        if (value == null) {
            throw new InvalidInput(field, "is required");
        }
    }
}
