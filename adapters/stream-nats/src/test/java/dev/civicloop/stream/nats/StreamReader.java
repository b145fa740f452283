package dev.civicloop.stream.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamInfo;
import java.util.ArrayList;
import java.util.List;

/** A consumer's view: every message of the stream, in stream order, read on its own connection. */
final class StreamReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    record Received(long sequence, String subject, String msgId, String feed, String type, JsonNode body) {}

    private StreamReader() {}

    static List<Received> readAll(String url, String stream) throws Exception {
        try (Connection c = Nats.connect(url)) {
            JetStreamManagement jsm = c.jetStreamManagement();
            StreamInfo info = jsm.getStreamInfo(stream);
            List<Received> out = new ArrayList<>();
            long first = info.getStreamState().getFirstSequence();
            long last = info.getStreamState().getLastSequence();
            for (long seq = first; seq <= last && info.getStreamState().getMsgCount() > 0; seq++) {
                MessageInfo m = jsm.getMessage(stream, seq);
                out.add(new Received(m.getSeq(), m.getSubject(), m.getHeaders().getFirst("Nats-Msg-Id"),
                        m.getHeaders().getFirst("CivicLoop-Feed"), m.getHeaders().getFirst("CivicLoop-Type"),
                        MAPPER.readTree(m.getData())));
            }
            return out;
        }
    }
}
