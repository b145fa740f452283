package dev.civicloop.stream.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.StoreFailure;
import dev.civicloop.store.memory.InMemoryTicketStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the publisher remembers how far the server acknowledged, and how it is configured. */
class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void aFileCheckpointSurvivesTheProcessAndKeepsEachFeedApart() throws Exception {
        Path file = dir.resolve("state").resolve("nats-checkpoint.properties");
        Checkpoint first = Checkpoint.file(file);
        assertEquals(0, first.load("tickets"), "nothing saved yet");
        first.save("tickets", 42);
        first.save("points", 7);
        first.save("tickets", 43);

        Checkpoint afterRestart = Checkpoint.file(file);
        assertEquals(43, afterRestart.load("tickets"));
        assertEquals(7, afterRestart.load("points"));
        assertEquals(0, afterRestart.load("members"));
        assertEquals(List.of("nats-checkpoint.properties"), Files.list(file.getParent())
                .map(p -> p.getFileName().toString()).toList(), "the temporary file was moved over the old one");
    }

    @Test
    void aDamagedCheckpointFileIsReportedNotReadAsZero() throws Exception {
        Path file = dir.resolve("nats-checkpoint.properties");
        Files.writeString(file, "tickets=forty-two\n");
        StoreFailure e = assertThrows(StoreFailure.class, () -> Checkpoint.file(file).load("tickets"));
        assertTrue(e.getMessage().contains("tickets must be a position"), e.getMessage());
    }

    @Test
    void positionsAreZeroOrMoreAndFeedsAreNamed() {
        for (Checkpoint c : List.of(Checkpoint.inMemory(), Checkpoint.file(dir.resolve("c.properties")))) {
            assertThrows(InvalidInput.class, () -> c.save("tickets", -1));
            assertThrows(InvalidInput.class, () -> c.save("no such=feed", 1));
            c.save("members", 3);
            assertEquals(3, c.load("members"));
        }
    }

    @Test
    void aPublisherNeedsACheckpointAndSomethingToPublish() {
        InvalidConfiguration noCheckpoint = assertThrows(InvalidConfiguration.class,
                () -> JetStreamPublisher.builder("nats://127.0.0.1:1").tickets(new InMemoryTicketStore()).build());
        assertTrue(noCheckpoint.getMessage().contains("checkpoint was not set"), noCheckpoint.getMessage());
        InvalidConfiguration noFeed = assertThrows(InvalidConfiguration.class,
                () -> JetStreamPublisher.builder("nats://127.0.0.1:1").checkpoint(Checkpoint.inMemory()).build());
        assertTrue(noFeed.getMessage().contains("no feed"), noFeed.getMessage());
        assertThrows(InvalidConfiguration.class, () -> JetStreamPublisher.builder());
        assertThrows(InvalidConfiguration.class, () -> JetStreamPublisher.builder("nats://x:1").subjectPrefix("city.>"));
    }
}
