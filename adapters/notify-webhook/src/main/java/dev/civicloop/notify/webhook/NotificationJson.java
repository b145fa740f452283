package dev.civicloop.notify.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Recipient;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The wire form of a notification, through Jackson's tree API (no reflection on our types, so no
 * {@code opens}). Field names are the record's; data keys are sorted so a body is reproducible.
 */
final class NotificationJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NotificationJson() {}

    static byte[] write(Notification n) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", n.id());
        root.put("topic", n.topic());
        ObjectNode recipient = root.putObject("recipient");
        recipient.put("kind", n.recipient().kind().name());
        recipient.put("id", n.recipient().id());
        if (n.ticketId() == null) {
            root.putNull("ticketId"); // about no ticket (points awarded to a member)
        } else {
            root.put("ticketId", n.ticketId().value());
        }
        root.put("createdAt", n.createdAt().toString());
        root.put("urgent", n.urgent());
        ObjectNode data = root.putObject("data");
        new TreeMap<>(n.data()).forEach(data::put);
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write notification " + n.id(), e);
        }
    }

    /** Reads a body written by {@link #write}; anything else is an {@link IllegalArgumentException} naming the field. */
    static Notification read(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode recipient = field(root, "recipient");
        if (!recipient.isObject()) {
            throw new IllegalArgumentException("recipient: must be an object");
        }
        Recipient.Kind kind;
        try {
            kind = Recipient.Kind.valueOf(text(recipient, "recipient.kind"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("recipient.kind: unknown kind " + recipient.get("kind"), e);
        }
        JsonNode urgent = field(root, "urgent");
        if (!urgent.isBoolean()) {
            throw new IllegalArgumentException("urgent: must be true or false");
        }
        JsonNode dataNode = field(root, "data");
        if (!dataNode.isObject()) {
            throw new IllegalArgumentException("data: must be an object of strings");
        }
        Map<String, String> data = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : dataNode.properties()) {
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException("data." + e.getKey() + ": must be a string");
            }
            data.put(e.getKey(), e.getValue().asText());
        }
        Instant createdAt;
        try {
            createdAt = Instant.parse(text(root, "createdAt"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("createdAt: not an ISO-8601 instant", e);
        }
        try {
            return new Notification(text(root, "id"), text(root, "topic"),
                    new Recipient(kind, text(recipient, "recipient.id")), ticketId(root),
                    createdAt, urgent.booleanValue(), data);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Null or absent: a notification about no ticket. */
    private static TicketId ticketId(JsonNode root) {
        JsonNode v = root.get("ticketId");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("ticketId: must be a string or null");
        }
        return TicketId.of(v.asText());
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(name + ": required");
        }
        return v;
    }

    private static String text(JsonNode node, String path) {
        String name = path.substring(path.lastIndexOf('.') + 1);
        JsonNode v = node.get(name);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(path + ": required, a string");
        }
        return v.asText();
    }
}
