package dev.civicloop.stream.nats;

import java.time.Duration;
import java.util.List;

/**
 * The JetStream stream as {@link JetStreamPublisher#ensureStream()} left it.
 *
 * @param name the stream's name
 * @param subjects the subjects it captures, including the publisher's {@code <prefix>.>}
 * @param duplicateWindow how long JetStream remembers a {@code Nats-Msg-Id} to drop a re-send
 * @param fileStorage whether messages are kept on disk (a stream created here always is; an
 *     existing memory stream is left as it is, since JetStream cannot change the storage)
 * @param created whether this call created the stream (false: it existed and was updated if needed)
 * @param messages how many messages it holds now
 */
public record StreamStatus(String name, List<String> subjects, Duration duplicateWindow, boolean fileStorage,
        boolean created, long messages) {
    public StreamStatus {
        subjects = List.copyOf(subjects);
    }
}
