package dev.civicloop.points;

import dev.civicloop.spi.GovernanceException;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.member.MemberEnvelope;
import dev.civicloop.spi.member.MemberEvent;
import dev.civicloop.spi.member.MemberStore;
import dev.civicloop.spi.member.StoredMemberEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the member event feed ({@link MemberStore#readAfter}) from a checkpoint and feeds every
 * event about a member to a {@link PointsAwarder} as a civic event of the same type and attributes:
 * {@code task.completed} (attributes {@code community}, {@code task}, {@code kind}, {@code hours}),
 * {@code activity.attended} ({@code community}, {@code activity}, {@code kind}, {@code hours}), and
 * whatever else the members module records. Rules decide which types earn; the rest are ignored.
 * Each civic event's id is {@code <stream>@<version>} (e.g. {@code task:med-1123@5}), so reading
 * the feed again awards nothing more. The twin of {@link TicketEventFeed}; it needs only the SPI.
 *
 * <pre>{@code
 * // rules: {"id": "task-hours", "on": "task.completed", "points": {"per": "hours", "rate": 4}}
 * MemberEventFeed feed = new MemberEventFeed(memberStore, awarder, savedCheckpoint);
 * feed.poll();                       // e.g. every minute
 * save(feed.checkpoint());
 * }</pre>
 */
public final class MemberEventFeed {
    private static final Logger log = LoggerFactory.getLogger(MemberEventFeed.class);
    private static final int BATCH = 500;
    private static final int MAX_ID = 100;
    private final MemberStore store;
    private final PointsAwarder awarder;
    private long checkpoint;

    /** @param checkpoint the last position already fed (0 to start from the beginning) */
    public MemberEventFeed(MemberStore store, PointsAwarder awarder, long checkpoint) {
        if (store == null || awarder == null || checkpoint < 0) {
            throw new InvalidConfiguration("member event feed: store and awarder are required, checkpoint ≥ 0");
        }
        this.store = store;
        this.awarder = awarder;
        this.checkpoint = checkpoint;
    }

    /** The last position fed; save it and pass it to the next feed after a restart. */
    public synchronized long checkpoint() {
        return checkpoint;
    }

    /** Feeds every event after the checkpoint; returns the decisions made. */
    public synchronized List<Award> poll() {
        List<Award> out = new ArrayList<>();
        while (true) {
            List<StoredMemberEvent> batch = store.readAfter(checkpoint, BATCH);
            if (batch.isEmpty()) {
                return out;
            }
            for (StoredMemberEvent e : batch) {
                for (CivicEvent c : civicEvents(e)) {
                    out.addAll(awarder.accept(c));
                }
                checkpoint = e.position();
            }
        }
    }

    /**
     * The civic event one stored member event becomes: none for an event about no one member (a
     * task published, a team created) or one a civic event cannot carry (logged and skipped, so
     * one odd event never stops the feed), else one.
     */
    public List<CivicEvent> civicEvents(StoredMemberEvent stored) {
        MemberEnvelope env = stored.envelope();
        MemberEvent ev = env.event();
        if (ev.member() == null) {
            return List.of();
        }
        Map<String, String> attrs = new HashMap<>();
        ev.attributes().forEach((k, v) -> {
            if (k != null && !k.isBlank() && v != null) {
                attrs.put(k, v);
            }
        });
        try {
            return List.of(CivicEvent.of(eventId(env), ev.type(), ev.member(), env.at(), attrs));
        } catch (GovernanceException e) {
            log.warn("member event {}@{} ({}) cannot become a civic event, skipped: {}", env.stream(), env.version(),
                    ev.type(), e.getMessage());
            return List.of();
        }
    }

    /** {@code <stream>@<version>}, or a hash of it when longer than a civic event id may be. */
    private static String eventId(MemberEnvelope env) {
        String readable = env.stream() + "@" + env.version();
        if (readable.length() <= MAX_ID) {
            return readable;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(readable.getBytes(StandardCharsets.UTF_8));
            return "member-event:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
