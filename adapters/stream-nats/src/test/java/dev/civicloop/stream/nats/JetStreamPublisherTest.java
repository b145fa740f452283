package dev.civicloop.stream.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.civicloop.spi.event.EventEnvelope;
import dev.civicloop.spi.event.StoredEvent;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.stream.nats.StreamReader.Received;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher against a real, private JetStream server. */
class JetStreamPublisherTest {
    @TempDir
    Path dir;
    private PrivateNatsServer server;
    private final List<JetStreamPublisher> publishers = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = PrivateNatsServer.start(dir);
    }

    @AfterEach
    void stopServer() throws Exception {
        publishers.forEach(JetStreamPublisher::close);
        if (server != null) {
            server.close();
        }
    }

    private JetStreamPublisher.Builder publisher(City city) {
        return JetStreamPublisher.builder(server.url())
                .tickets(city.tickets).points(city.ledger).members(city.members)
                .ackTimeout(Duration.ofSeconds(2)).connectTimeout(Duration.ofSeconds(2));
    }

    private JetStreamPublisher keep(JetStreamPublisher p) {
        publishers.add(p);
        return p;
    }

    /** Three tickets reported, then taken round the loop in turns, so their events interleave in the feed. */
    private static List<TicketId> interleavedLoops(City city, int tickets, int eventsEach) {
        List<TicketId> ids = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
            ids.add(city.report());
        }
        for (int n = 1; n < eventsEach; n++) {
            for (TicketId t : ids) {
                city.step(t, n);
            }
        }
        return ids;
    }

    private static void finishLoops(City city, List<TicketId> ids, int eventsSoFar) {
        for (int n = eventsSoFar; n < 7; n++) {
            for (TicketId t : ids) {
                city.step(t, n);
            }
        }
    }

    /** The event ids the stores hold, in feed order: what a consumer must end up with, each once. */
    private static List<String> expectedIds(City city) {
        List<String> ids = new ArrayList<>();
        city.tickets.readAfter(0, 10_000).forEach(s -> ids.add("tickets/" + s.envelope().ticketId().value() + "/"
                + s.envelope().version()));
        city.ledger.readAfter(0, 10_000).forEach(s -> ids.add("points/" + s.posting().id().value()));
        city.members.readAfter(0, 10_000).forEach(s -> ids.add("members/" + s.envelope().stream() + "/"
                + s.envelope().version()));
        return ids;
    }

    private static void assertEveryEventOnceInOrderPerTicket(City city, List<Received> received) {
        List<String> msgIds = received.stream().map(Received::msgId).toList();
        assertEquals(msgIds.size(), new HashSet<>(msgIds).size(), "no event twice: " + msgIds);
        assertEquals(Set.copyOf(expectedIds(city)), Set.copyOf(msgIds), "every event");
        Map<String, List<Long>> versionsPerTicket = new LinkedHashMap<>();
        for (Received r : received) {
            if (r.feed().equals("tickets")) {
                versionsPerTicket.computeIfAbsent(r.body().get("ticketId").asText(), k -> new ArrayList<>())
                        .add(r.body().get("version").asLong());
            }
        }
        versionsPerTicket.forEach((ticket, versions) -> {
            List<Long> inOrder = new ArrayList<>();
            for (long v = 1; v <= city.tickets.load(TicketId.of(ticket)).size(); v++) {
                inOrder.add(v);
            }
            assertEquals(inOrder, versions, "ticket " + ticket + " in version order");
        });
    }

    @Test
    void everyTicketPointsAndMemberEventReachesTheStreamOnceWithItsIdAndInOrderPerTicket() throws Exception {
        City city = new City();
        List<TicketId> tickets = interleavedLoops(city, 3, 7);
        String award = city.award(City.RIDER.id(), 5);
        city.award(ActorId.of("zhang-guolong"), 3);
        city.memberEvent("member:wang-bin", new City.Volunteered("member.applied", City.RIDER.id(), Map.of("grid", "6")));
        city.memberEvent("task:clean-park", new City.Volunteered("task.published", null, Map.of("slots", "4")));
        city.memberEvent("task:clean-park", new City.Volunteered("task.completed", City.RIDER.id(), Map.of("hours", "2")));

        JetStreamPublisher publisher = keep(publisher(city).checkpoint(Checkpoint.inMemory()).build());
        PollResult first = publisher.poll();

        assertTrue(first.complete(), first.problem());
        assertEquals(21 + 2 + 3, first.published());
        assertEquals(0, first.duplicates());
        List<Received> received = StreamReader.readAll(server.url(), "CIVICLOOP");
        assertEquals(26, received.size());
        assertEveryEventOnceInOrderPerTicket(city, received);
        assertEquals(expectedIds(city), received.stream().map(Received::msgId).toList(), "feed order, feed by feed");

        // a ticket event: subject per ticket, the envelope and the event record as JSON
        Received reported = received.get(0);
        assertEquals("civicloop.tickets." + tickets.get(0).value(), reported.subject());
        assertEquals("tickets/" + tickets.get(0).value() + "/1", reported.msgId());
        assertEquals("TicketReported", reported.type());
        JsonNode body = reported.body();
        assertEquals(reported.msgId(), body.get("id").asText(), "the payload repeats the event id");
        assertEquals("report", body.get("command").asText());
        assertEquals("wang-bin", body.get("actor").asText());
        assertEquals(City.NOW.toString(), body.get("occurredAt").asText());
        assertEquals("manhole_cover", body.get("event").get("category").asText());
        assertEquals("尚溪小区 3 栋院内", body.get("event").get("location").get("address").asText());
        assertEquals("yuanhang-grid-6", body.get("event").get("orgUnit").asText(), "ids are plain strings");
        Received confirmed = received.stream().filter(r -> r.msgId().equals("tickets/" + tickets.get(2).value() + "/7"))
                .findFirst().orElseThrow();
        assertEquals("ResultConfirmed", confirmed.type());
        assertEquals("SATISFIED", confirmed.body().get("event").get("satisfaction").asText());
        assertEquals(city.engine.ticket(tickets.get(2)).state().name(), confirmed.body().get("state").asText());

        // a posting: subject of the member's account
        Received points = received.stream().filter(r -> r.msgId().equals("points/" + award)).findFirst().orElseThrow();
        assertEquals("civicloop.points.member.wang-bin", points.subject());
        assertEquals(5, points.body().get("amount").asLong());
        assertEquals("system:issuance", points.body().get("debit").asText());
        assertEquals("snap-report", points.body().get("details").get("rule").asText());

        // member events: subject of the stream, type/member/attributes
        List<Received> task = received.stream().filter(r -> r.subject().equals("civicloop.members.task.clean-park")).toList();
        assertEquals(List.of("members/task:clean-park/1", "members/task:clean-park/2"),
                task.stream().map(Received::msgId).toList());
        assertTrue(task.get(0).body().get("member").isNull());
        assertEquals("2", task.get(1).body().get("attributes").get("hours").asText());
        assertEquals("task.completed", task.get(1).type());

        assertEquals(Map.of("tickets", lastTicketPosition(city), "points", 2L, "members",
                city.members.readAfter(0, 100).get(2).position()), first.positions());
        PollResult again = publisher.poll();
        assertEquals(0, again.published() + again.duplicates(), "nothing new, nothing re-sent");
        assertEquals(26, StreamReader.readAll(server.url(), "CIVICLOOP").size());
    }

    private static long lastTicketPosition(City city) {
        List<StoredEvent> all = city.tickets.readAfter(0, 10_000);
        return all.get(all.size() - 1).position();
    }

    @Test
    void theServerKilledMidStreamAndRestartedOnItsStoreLosesNothingAndKeepsNothingTwice() throws Exception {
        City city = new City();
        Path checkpointFile = dir.resolve("checkpoint.properties");
        // the server dies while the publisher reads its second batch of ticket events
        KillingTicketStore tickets = new KillingTicketStore(city.tickets, 2, server);
        JetStreamPublisher publisher = keep(JetStreamPublisher.builder(server.url()).tickets(tickets).points(city.ledger)
                .members(city.members).checkpoint(Checkpoint.file(checkpointFile)).batchSize(5)
                .ackTimeout(Duration.ofSeconds(2)).connectTimeout(Duration.ofSeconds(2)).build());
        List<TicketId> ids = interleavedLoops(city, 3, 4); // 12 ticket events
        city.award(City.RIDER.id(), 5);

        PollResult cut = publisher.poll();
        assertFalse(cut.complete(), "the publish after the kill is not acknowledged");
        assertEquals(5, cut.published(), "the first batch was acknowledged before the kill");
        long fifth = city.tickets.readAfter(0, 5).get(4).position();
        assertEquals(fifth, cut.positions().get("tickets"), "stopped at the last acknowledged event");
        assertEquals(0L, cut.positions().get("points"), "later feeds wait for the next poll");
        assertEquals(fifth, Checkpoint.file(checkpointFile).load("tickets"), "the checkpoint on disk says so too");
        java.nio.file.Files.copy(checkpointFile, dir.resolve("old-checkpoint.properties"));

        // the city goes on while the server is down
        finishLoops(city, ids, 4);
        city.award(City.RIDER.id(), 3);
        city.memberEvent("member:wang-bin", new City.Volunteered("member.applied", City.RIDER.id(), Map.of()));
        PollResult down = publisher.poll();
        assertFalse(down.complete());
        assertNotNull(down.problem());
        assertEquals(0, down.published());
        assertEquals(cut.positions(), down.positions(), "nothing skipped while the server is away");

        server.restart(); // same port, same store folder
        PollResult resumed = publisher.poll();
        assertTrue(resumed.complete(), resumed.problem());
        List<Received> received = StreamReader.readAll(server.url(), "CIVICLOOP");
        int total = expectedIds(city).size();
        assertEquals(21 + 2 + 1, total);
        assertEquals(total, received.size(), "the five published before the crash survived it, the rest followed");
        assertEquals(total - 5, resumed.published() + resumed.duplicates());
        assertEveryEventOnceInOrderPerTicket(city, received);

        // a publisher that starts again from an older checkpoint re-sends; JetStream drops every duplicate
        JetStreamPublisher fromOld = keep(publisher(city).checkpoint(Checkpoint.file(dir.resolve("old-checkpoint.properties")))
                .build());
        PollResult resent = fromOld.poll();
        assertTrue(resent.complete(), resent.problem());
        assertEquals(0, resent.published());
        assertEquals(total - 5, resent.duplicates());
        assertEquals(received, StreamReader.readAll(server.url(), "CIVICLOOP"), "the stream is unchanged");

        // and one restarted on the current checkpoint publishes only what is new
        publisher.close();
        city.award(City.RIDER.id(), 1);
        JetStreamPublisher restarted = keep(publisher(city).checkpoint(Checkpoint.file(checkpointFile)).build());
        PollResult next = restarted.poll();
        assertEquals(1, next.published());
        assertEquals(0, next.duplicates());
        assertEveryEventOnceInOrderPerTicket(city, StreamReader.readAll(server.url(), "CIVICLOOP"));
    }

    @Test
    void aPublisherWhoseServerIsUnreachableReportsItAndPublishesOnceTheServerIsBack() throws Exception {
        City city = new City();
        city.report();
        server.kill();
        JetStreamPublisher publisher = keep(publisher(city).checkpoint(Checkpoint.inMemory()).build());

        PollResult down = publisher.poll();
        assertFalse(down.complete());
        assertEquals(Map.of("tickets", 0L, "points", 0L, "members", 0L), down.positions());

        server.restart();
        PollResult up = publisher.poll();
        assertTrue(up.complete(), up.problem());
        assertNull(up.problem());
        assertEquals(1, up.published());
        assertEquals(List.of("tickets/T1/1"), StreamReader.readAll(server.url(), "CIVICLOOP").stream()
                .map(Received::msgId).toList());
    }

    @Test
    void idsWithDotsAndWildcardsBecomeSafeDistinctSubjectTokens() throws Exception {
        City city = new City("2026.11*");
        TicketId t = city.report();
        city.memberEvent("task:clean.up>park", new City.Volunteered("task.published", null, Map.of()));
        JetStreamPublisher publisher = keep(publisher(city).checkpoint(Checkpoint.inMemory()).build());
        assertTrue(publisher.poll().complete());

        Map<String, String> subjects = StreamReader.readAll(server.url(), "CIVICLOOP").stream()
                .collect(Collectors.toMap(Received::msgId, Received::subject));
        assertEquals(Map.of("tickets/" + t.value() + "/1", "civicloop.tickets.2026~2E11~2A1",
                "members/task:clean.up>park/1", "civicloop.members.task.clean~2Eup~3Epark"), subjects);
    }

    @Test
    void theStreamIsCreatedOnFilesWithTheDuplicateWindowAndUpdatedWhenTheWindowChanges() throws Exception {
        City city = new City();
        JetStreamPublisher publisher = keep(publisher(city).checkpoint(Checkpoint.inMemory()).stream("CITY_EVENTS")
                .duplicateWindow(Duration.ofMinutes(30)).build());
        StreamStatus created = publisher.ensureStream();
        assertEquals(new StreamStatus("CITY_EVENTS", List.of("civicloop.>"), Duration.ofMinutes(30), true, true, 0),
                created);

        city.report();
        assertEquals(1, publisher.poll().published());
        JetStreamPublisher wider = keep(publisher(city).checkpoint(Checkpoint.inMemory()).stream("CITY_EVENTS")
                .duplicateWindow(Duration.ofHours(6)).build());
        StreamStatus updated = wider.ensureStream();
        assertEquals(new StreamStatus("CITY_EVENTS", List.of("civicloop.>"), Duration.ofHours(6), true, false, 1), updated);
        assertEquals(updated, wider.ensureStream(), "ensuring again changes nothing");
        assertEquals(1, wider.poll().duplicates(), "the re-send from a fresh checkpoint is dropped");
    }

    /** Delegates to the real store and kills the server when the publisher asks for its n-th batch. */
    private static final class KillingTicketStore implements dev.civicloop.spi.store.TicketStore {
        private final dev.civicloop.spi.store.TicketStore delegate;
        private final int killOnRead;
        private final PrivateNatsServer server;
        private int reads;

        KillingTicketStore(dev.civicloop.spi.store.TicketStore delegate, int killOnRead, PrivateNatsServer server) {
            this.delegate = delegate;
            this.killOnRead = killOnRead;
            this.server = server;
        }

        @Override
        public List<StoredEvent> readAfter(long afterPosition, int limit) {
            if (++reads == killOnRead) {
                try {
                    server.kill();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return delegate.readAfter(afterPosition, limit);
        }

        @Override
        public dev.civicloop.spi.store.AppendResult append(dev.civicloop.spi.store.AppendRequest request) {
            return delegate.append(request);
        }

        @Override
        public List<EventEnvelope> load(TicketId ticketId) {
            return delegate.load(ticketId);
        }

        @Override
        public java.util.Optional<dev.civicloop.spi.store.CommandRecord> findCommand(
                dev.civicloop.spi.model.CommandId commandId) {
            return delegate.findCommand(commandId);
        }

        @Override
        public int purgeCommands(java.time.Instant recordedBefore) {
            return delegate.purgeCommands(recordedBefore);
        }

        @Override
        public dev.civicloop.spi.store.Page<dev.civicloop.spi.store.TicketSummary> query(
                dev.civicloop.spi.store.TicketQuery query) {
            return delegate.query(query);
        }
    }
}
