package dev.civicloop.points;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.TicketId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Something a member did that rules may reward: a ticket event turned civic event
 * ({@code report.verified}, {@code report.resolved}, {@code report.closed},
 * {@code report.rejected_as_false}, see {@link TicketEventFeed}) or an external one the city posts
 * (volunteer activity attended, station check-in, dispute mediated, anti-fraud talk given).
 *
 * <pre>{@code
 * CivicEvent e = CivicEvent.of("act-2026-11-23-7", "volunteer.attended", ActorId.of("wang-bin"),
 *         Instant.parse("2026-11-23T06:00:00Z"), Map.of("hours", "2.5", "activity", "market-traffic"));
 * }</pre>
 *
 * @param id unique and stable per event: the award's posting id is derived from it, so posting the
 *     same event again awards nothing more (at most 100 characters, no white space)
 * @param type the event type rules are indexed by, e.g. {@code volunteer.attended}
 * @param member who earns (or loses) the points
 * @param at when it happened; limits, time windows and validity use this instant in the city's zone
 * @param ticket the ticket it concerns, or null (used by {@code oncePerTicket})
 * @param attributes free attributes rules may test: {@code category}, {@code kind}, {@code urgency},
 *     {@code satisfaction} for ticket events; anything for external ones (numbers as decimal text)
 */
public record CivicEvent(String id, String type, ActorId member, Instant at, TicketId ticket,
        Map<String, String> attributes) {
    public CivicEvent {
        token("id", id, 100);
        token("type", type, 64);
        if (member == null) {
            throw new InvalidInput("member", "is required");
        }
        if (at == null) {
            throw new InvalidInput("at", "is required");
        }
        if (attributes == null) {
            throw new InvalidInput("attributes", "is required (may be empty)");
        }
        attributes.forEach((k, v) -> {
            if (k == null || k.isBlank() || v == null) {
                throw new InvalidInput("attributes", "keys and values must not be null or blank keys, was " + k + "=" + v);
            }
        });
        attributes = Map.copyOf(new TreeMap<>(attributes));
    }

    /** An external civic event (no ticket). */
    public static CivicEvent of(String id, String type, ActorId member, Instant at, Map<String, String> attributes) {
        return new CivicEvent(id, type, member, at, null, attributes);
    }

    public Optional<TicketId> ticketIfAny() {
        return Optional.ofNullable(ticket);
    }

    /** One attribute, or null. */
    public String attribute(String name) {
        return attributes.get(name);
    }

    private static void token(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, "is required");
        }
        if (value.length() > max) {
            throw new InvalidInput(field, "must be at most " + max + " characters, was " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i)) || Character.isISOControl(value.charAt(i))) {
                throw new InvalidInput(field, "must not contain white space or control characters, was '" + value + "'");
            }
        }
    }
}
