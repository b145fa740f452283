package dev.civicloop.stream.nats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.civicloop.spi.StoreFailure;
import dev.civicloop.spi.event.EventEnvelope;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.member.MemberEnvelope;
import dev.civicloop.spi.member.MemberEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON payloads, built with Jackson's tree API: no data binding, so nothing needs to be opened
 * to Jackson. Ticket events are public records of an exported SPI package and are walked by their
 * record components; single-value ids ({@code TicketId}, {@code ActorId}, {@code TicketState}…)
 * become plain strings, instants ISO-8601 strings, enums their names. Member events are read only
 * through the {@link MemberEvent} interface (type, member, attributes), since their records may
 * live in packages this module cannot read.
 */
final class EventJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final ObjectMapper mapper = new ObjectMapper();

    byte[] ticket(String id, long position, EventEnvelope e) {
        ObjectNode o = header(id, JetStreamPublisher.TICKETS, position);
        o.put("ticketId", e.ticketId().value());
        o.put("version", e.version());
        o.put("occurredAt", e.occurredAt().toString());
        o.put("actor", e.actor().value());
        o.put("commandId", e.commandId().value());
        o.put("state", e.state().name());
        o.put("type", e.event().getClass().getSimpleName());
        o.put("command", e.event().command());
        o.set("event", value(e.event()));
        return bytes(o);
    }

    byte[] posting(String id, long position, Posting p) {
        ObjectNode o = header(id, JetStreamPublisher.POINTS, position);
        o.put("postingId", p.id().value());
        o.put("debit", p.debit().value());
        o.put("credit", p.credit().value());
        o.put("asset", p.asset());
        o.put("amount", p.amount());
        o.put("kind", p.kind());
        o.put("type", p.kind()); // every payload has a type, as the CivicLoop-Type header
        o.put("at", p.at().toString());
        o.set("details", value(p.details()));
        return bytes(o);
    }

    byte[] member(String id, long position, MemberEnvelope e) {
        ObjectNode o = header(id, JetStreamPublisher.MEMBERS, position);
        o.put("stream", e.stream());
        o.put("version", e.version());
        o.put("at", e.at().toString());
        o.put("actor", e.actor().value());
        o.put("commandId", e.commandId().value());
        MemberEvent event = e.event();
        o.put("type", event.type());
        if (event.member() == null) {
            o.putNull("member");
        } else {
            o.put("member", event.member().value());
        }
        Map<String, String> attributes = event.attributes();
        o.set("attributes", value(attributes == null ? Map.of() : attributes));
        return bytes(o);
    }

    private static ObjectNode header(String id, String feed, long position) {
        ObjectNode o = NODES.objectNode();
        o.put("id", id);
        o.put("feed", feed);
        o.put("position", position);
        return o;
    }

    private byte[] bytes(ObjectNode o) {
        try {
            return mapper.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new StoreFailure("cannot write the JSON of event " + o.path("id").asText(), e);
        }
    }

    static JsonNode value(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof String s) {
            return NODES.textNode(s);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return NODES.numberNode(((Number) v).longValue());
        }
        if (v instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (v instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (v instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (v instanceof BigInteger i) {
            return NODES.numberNode(i);
        }
        if (v instanceof Enum<?> e) {
            return NODES.textNode(e.name());
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = NODES.arrayNode();
            c.forEach(x -> a.add(value(x)));
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
            ObjectNode o = NODES.objectNode();
            sorted.forEach((k, x) -> o.set(k, value(x)));
            return o;
        }
        if (v instanceof Record r) {
            return record(r);
        }
        // Instant, URI, UUID and the like: their string forms are the standard ones.
        return NODES.textNode(v.toString());
    }

    private static JsonNode record(Record r) {
        RecordComponent[] components = r.getClass().getRecordComponents();
        if (components.length == 1 && components[0].getType() == String.class) {
            return value(read(r, components[0])); // an id: TicketId("T1") → "T1"
        }
        ObjectNode o = NODES.objectNode();
        for (RecordComponent c : components) {
            o.set(c.getName(), value(read(r, c)));
        }
        return o;
    }

    private static Object read(Record r, RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException e) {
            throw new StoreFailure("cannot read " + r.getClass().getName() + "." + c.getName()
                    + ": the record must be public in a package exported to dev.civicloop.stream.nats", e);
        } catch (InvocationTargetException e) {
            throw new StoreFailure("cannot read " + r.getClass().getName() + "." + c.getName(), e.getCause());
        }
    }
}
