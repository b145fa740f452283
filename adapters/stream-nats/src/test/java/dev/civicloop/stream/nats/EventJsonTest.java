package dev.civicloop.stream.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.civicloop.spi.event.EventEnvelope;
import dev.civicloop.spi.event.TicketReminded;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON a consumer reads for a ticket event, without a server: the clock's reminder (临期提醒). */
class EventJsonTest {
    private static final Instant DUE = Instant.parse("2026-11-24T01:00:00Z");

    @Test
    void aReminderToTheDepartmentsNamesTheDeadlineItsDueInstantAndEachDepartment() throws Exception {
        JsonNode body = json(new TicketReminded("resolve", DUE, null,
                List.of(DepartmentId.of("gas-co"), DepartmentId.of("fire"))));
        assertEquals("TicketReminded", body.get("type").asText());
        assertEquals("remind", body.get("command").asText());
        assertEquals("clock", body.get("actor").asText());
        assertEquals("IN_HANDLING", body.get("state").asText());
        JsonNode event = body.get("event");
        assertEquals("resolve", event.get("deadline").asText());
        assertEquals("2026-11-24T01:00:00Z", event.get("dueAt").asText());
        assertTrue(event.get("orgUnit").isNull());
        assertEquals("[\"gas-co\",\"fire\"]", event.get("departments").toString(), "ids as plain strings, lead first");
    }

    @Test
    void aReminderToTheCommunityNamesTheUnit() throws Exception {
        JsonNode event = json(new TicketReminded("claim", DUE, OrgUnitId.of("yuanhang"), List.of())).get("event");
        assertEquals("yuanhang", event.get("orgUnit").asText());
        assertEquals(0, event.get("departments").size());
    }

    private static JsonNode json(TicketReminded reminder) throws Exception {
        EventEnvelope e = new EventEnvelope(TicketId.of("T1"), 5, DUE.minusSeconds(3600), ActorId.of("clock"),
                CommandId.of("clock/T1/resolve/2/remind"), TicketState.IN_HANDLING, reminder);
        return new ObjectMapper().readTree(new EventJson().ticket("tickets-17", 17, e));
    }
}
