package dev.civicloop.tck;

import static dev.civicloop.tck.MemberFixtures.MEDICINE_TASK;
import static dev.civicloop.tck.MemberFixtures.NEIGHBOUR;
import static dev.civicloop.tck.MemberFixtures.RIDER;
import static dev.civicloop.tck.MemberFixtures.RIDER_ID_NUMBER;
import static dev.civicloop.tck.MemberFixtures.RIDER_NEW_PHONE;
import static dev.civicloop.tck.MemberFixtures.RIDER_PHONE;
import static dev.civicloop.tck.MemberFixtures.append;
import static dev.civicloop.tck.MemberFixtures.application;
import static dev.civicloop.tck.MemberFixtures.approval;
import static dev.civicloop.tck.MemberFixtures.approvalNotice;
import static dev.civicloop.tck.MemberFixtures.stream;
import static dev.civicloop.tck.MemberFixtures.taskStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.DuplicateCommand;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.member.MemberAppend;
import dev.civicloop.spi.member.MemberEnvelope;
import dev.civicloop.spi.member.MemberStore;
import dev.civicloop.spi.member.PersonalData;
import dev.civicloop.spi.member.StoredMemberEvent;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.store.OutboxEntry;
import dev.civicloop.spi.store.OutboxStore;
import dev.civicloop.tck.MemberFixtures.ActivityAttended;
import dev.civicloop.tck.MemberFixtures.MemberApproved;
import dev.civicloop.tck.MemberFixtures.MemberLeft;
import dev.civicloop.tck.MemberFixtures.TaskClaimed;
import dev.civicloop.tck.MemberFixtures.TaskCompleted;
import dev.civicloop.tck.MemberFixtures.TaskPublished;
import dev.civicloop.tck.Parallel.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit for {@link MemberStore} adapters: an abstract JUnit 5 class whose tests
 * check the member SPI's contract — events come back exactly as appended, from the stream, by
 * command id and in the global feed; all-or-nothing appends under an expected stream version
 * (exactly one of many racers for a task's slot wins); every used command id refused as
 * {@link DuplicateCommand}, even with equal content; a feed whose positions grow in commit order
 * so a reader following it never skips an event; an append's notifications in the outbox exactly
 * when its events are stored; and a personal data vault, apart from the streams, whose erasure is
 * for good and leaves the streams whole. An adapter proves itself with a few lines:
 *
 * <pre>{@code
 * class InMemoryMemberStoreConformanceTest extends MemberStoreCompatibilityKit {
 *     private InMemoryOutbox outbox;
 *     @Override protected MemberStore newStore() { outbox = new InMemoryOutbox(); return new InMemoryMemberStore(outbox); }
 *     @Override protected OutboxStore outbox() { return outbox; }
 * }
 * }</pre>
 *
 * <p>{@link #newStore()} runs before every test and must return an empty store;
 * {@link #closeStore(MemberStore)} runs after it. The concurrency tests use 16 threads; a store
 * that needs a connection pool should allow that many connections. Values, including the event
 * records the kit appends, come from {@link MemberFixtures}.
 */
public abstract class MemberStoreCompatibilityKit {

    private static final int THREADS = 16;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Instant FAR_FUTURE = MemberFixtures.T0.plus(Duration.ofDays(3650));
    private static final String RIDER_STREAM = stream(RIDER);
    private static final String NEIGHBOUR_STREAM = stream(NEIGHBOUR);
    private static final String TASK_STREAM = taskStream(MEDICINE_TASK);

    private MemberStore store;

    /** A new, empty store; called before each test. */
    protected abstract MemberStore newStore();

    /**
     * The outbox the store writes its appends' notifications to, empty before each test (the
     * ticket store on the same database, the {@code InMemoryOutbox} the store was built with);
     * called after {@link #newStore()}.
     */
    protected abstract OutboxStore outbox();

    /** Releases what {@link #newStore()} opened (connections, schemas); called after each test. */
    protected void closeStore(MemberStore store) {}

    /** The store under test, for an adapter's own extra tests. */
    protected final MemberStore store() {
        return store;
    }

    @BeforeEach
    final void createMemberStoreUnderTest() {
        store = newStore();
        assertNotNull(store, "newStore() returned null");
    }

    @AfterEach
    final void closeMemberStoreUnderTest() {
        if (store != null) {
            MemberStore s = store;
            store = null;
            closeStore(s);
        }
    }

    // ================================================================== append, load, byCommand, feed

    /**
     * The rider applies and is approved, a task is published and claimed: every append comes back
     * equal from append(), load(), byCommand() and the feed, in commit order.
     */
    @Test
    public void appendedEventsComeBackEqualFromTheStreamTheCommandAndTheFeed() {
        MemberAppend applied = application(RIDER, "apply-wang-bin");
        MemberAppend published = append(TASK_STREAM, 0, "publish-medicine",
                new TaskPublished(MEDICINE_TASK, "yuanhang", "幸福里 3 栋 502", 2));
        MemberAppend approved = approval(RIDER, 1, "approve-wang-bin");
        MemberAppend claimed = append(TASK_STREAM, 1, "claim-medicine-wang-bin",
                new TaskClaimed(MEDICINE_TASK, RIDER), new TaskCompleted(MEDICINE_TASK, RIDER, 2));
        List<MemberAppend> appends = List.of(applied, published, approved, claimed);

        List<StoredMemberEvent> returned = new ArrayList<>();
        for (MemberAppend a : appends) {
            List<StoredMemberEvent> r = store.append(a);
            assertEquals(a.events(), envelopes(r), "append() returns the events as given, in their order");
            returned.addAll(r);
        }
        assertIncreasing(returned, "positions append() returned across four appends");
        assertEquals(returned, readFeed(100), "readAfter(0, …): every event at the position append() returned");

        assertEquals(List.of(applied.events().get(0), approved.events().get(0)), store.load(RIDER_STREAM),
                "load(" + RIDER_STREAM + ")");
        List<MemberEnvelope> task = new ArrayList<>(published.events());
        task.addAll(claimed.events());
        assertEquals(task, store.load(TASK_STREAM), "load(" + TASK_STREAM + ")");
        for (MemberAppend a : appends) {
            CommandId id = a.events().get(0).commandId();
            assertEquals(a.events(), store.byCommand(id), "byCommand(" + id + ")");
        }
        assertEquals(List.of(), store.load(NEIGHBOUR_STREAM), "load of a stream never written");
        assertEquals(List.of(), store.byCommand(CommandId.of("never-used")), "byCommand of a command id never used");
    }

    /** Every field survives: 32 attributes, a 1000-character value in Chinese and ASCII, 128-character ids, milliseconds. */
    @Test
    public void anEventFilledToEveryLimitSurvivesTheRoundTrip() {
        MemberAppend full = MemberFixtures.fullAppend();
        MemberEnvelope event = full.events().get(0);
        List<StoredMemberEvent> returned = store.append(full);
        assertEquals(List.of(event), envelopes(returned), "append()");
        assertEquals(List.of(event), store.load(full.stream()), "load()");
        assertEquals(List.of(event), store.byCommand(event.commandId()), "byCommand()");
        assertEquals(returned, store.readAfter(0, 10), "readAfter()");
        MemberEnvelope loaded = store.load(full.stream()).get(0);
        assertEquals(event.event().attributes(), loaded.event().attributes(), "attributes() of the loaded event");
        assertEquals("member.noted", loaded.event().type(), "type() of the loaded event");
    }

    /** An event about no one member (a task published) keeps its null member. */
    @Test
    public void anEventAboutNoOneMemberKeepsItsNullMember() {
        MemberAppend published = append(TASK_STREAM, 0, "publish-no-member",
                new TaskPublished(MEDICINE_TASK, "yuanhang", "幸福里 3 栋 502", 5));
        store.append(published);
        List<MemberEnvelope> loaded = store.load(TASK_STREAM);
        assertEquals(published.events(), loaded, "load()");
        assertNull(loaded.get(0).event().member(), "member() of a task.published event");
    }

    /** An empty store has no streams, no command ids, no feed and no personal data. */
    @Test
    public void anEmptyStoreHasNoStreamsNoCommandsNoFeedAndNoPersonalData() {
        assertEquals(List.of(), store.load(RIDER_STREAM), "load");
        assertEquals(List.of(), store.byCommand(CommandId.of("apply-wang-bin")), "byCommand");
        assertEquals(List.of(), store.readAfter(0, 10), "readAfter(0, 10)");
        assertEquals(Optional.empty(), store.personalData(RIDER), "personalData");
        assertFalse(store.erasePersonalData(RIDER), "erasePersonalData of a member never stored");
    }

    /** Callers cannot corrupt the store through a list it returned. */
    @Test
    public void returnedCollectionsCannotChangeWhatIsStored() {
        List<StoredMemberEvent> appended = store.append(application(RIDER, "copy-apply"));
        store.append(approval(RIDER, 1, "copy-approve"));
        Snapshot before = snapshot();
        tryToClear(appended);
        tryToClear(store.load(RIDER_STREAM));
        tryToClear(store.byCommand(CommandId.of("copy-apply")));
        tryToClear(store.readAfter(0, 10));
        assertUnchanged(before, "clearing returned lists");
    }

    // ================================================================== expected versions

    /** A stream's version is its number of events; each append continues it from there. */
    @Test
    public void aStreamsVersionIsItsEventCountAndEachAppendContinuesIt() {
        store.append(application(RIDER, "ver-apply"));
        store.append(append(RIDER_STREAM, 1, "ver-approve-and-claim",
                new MemberApproved(RIDER, "grid-6", "骑聚三营"), new ActivityAttended("anti-fraud-talk", RIDER)));
        store.append(append(RIDER_STREAM, 3, "ver-leave", new MemberLeft(RIDER, "moved to another city")));
        List<MemberEnvelope> loaded = store.load(RIDER_STREAM);
        assertEquals(List.of(1L, 2L, 3L, 4L), loaded.stream().map(MemberEnvelope::version).toList(),
                "versions in load(): 1, 2, 3, 4 with no gap");
        assertEquals(List.of("member.applied", "member.approved", "activity.attended", "member.left"),
                loaded.stream().map(e -> e.event().type()).toList(), "event types, oldest first");
    }

    /**
     * A stale expected version is ConcurrencyConflict naming the expected and actual versions;
     * nothing changes, and the refused command id stays unused, so the caller reloads and retries
     * under the same id.
     */
    @Test
    public void aStaleExpectedVersionIsRefusedAndLeavesItsCommandIdUnused() {
        store.append(application(RIDER, "stale-apply"));
        store.append(approval(RIDER, 1, "stale-approve"));
        Snapshot before = snapshot();

        ConcurrencyConflict conflict = assertThrows(ConcurrencyConflict.class,
                () -> store.append(append(RIDER_STREAM, 1, "stale-leave", new MemberLeft(RIDER, "decided on version 1"))),
                "an append decided on version 1 of a stream now at 2");
        assertEquals(1, conflict.expectedVersion(), "ConcurrencyConflict.expectedVersion");
        assertEquals(2, conflict.actualVersion(), "ConcurrencyConflict.actualVersion");
        assertUnchanged(before, "a refused stale append");
        assertEquals(List.of(), store.byCommand(CommandId.of("stale-leave")), "byCommand of the refused command id");

        MemberAppend retry = append(RIDER_STREAM, 2, "stale-leave", new MemberLeft(RIDER, "decided on version 2"));
        assertEquals(retry.events(), envelopes(store.append(retry)), "the retry under the same command id");
        assertEquals(retry.events(), store.byCommand(CommandId.of("stale-leave")), "byCommand after the retry");
    }

    /** An expected version ahead of the stream, or above 0 for a stream never written, is refused. */
    @Test
    public void anExpectedVersionAheadOfTheStreamIsRefused() {
        store.append(application(RIDER, "ahead-apply"));
        Snapshot before = snapshot();

        ConcurrencyConflict ahead = assertThrows(ConcurrencyConflict.class,
                () -> store.append(approval(RIDER, 5, "ahead-approve")));
        assertEquals(5, ahead.expectedVersion(), "expectedVersion");
        assertEquals(1, ahead.actualVersion(), "actualVersion");

        ConcurrencyConflict unknown = assertThrows(ConcurrencyConflict.class,
                () -> store.append(approval(NEIGHBOUR, 1, "ahead-approve-neighbour")));
        assertEquals(1, unknown.expectedVersion(), "expectedVersion");
        assertEquals(0, unknown.actualVersion(), "actualVersion of a stream never written");
        assertUnchanged(before, "refused appends");
    }

    /** Expected version 0 means "a new stream": it admits the first append and refuses a second. */
    @Test
    public void expectedVersionZeroAdmitsOnlyTheFirstAppendToAStream() {
        store.append(application(RIDER, "zero-apply-1"));
        Snapshot before = snapshot();
        ConcurrencyConflict conflict = assertThrows(ConcurrencyConflict.class,
                () -> store.append(application(RIDER, "zero-apply-2")), "a second application as a new stream");
        assertEquals(0, conflict.expectedVersion(), "expectedVersion");
        assertEquals(1, conflict.actualVersion(), "actualVersion");
        assertUnchanged(before, "a refused second application");
    }

    /** Streams are versioned apart: an append to one stream does not move another's version. */
    @Test
    public void streamsAreVersionedApart() {
        store.append(application(RIDER, "apart-apply-rider"));
        store.append(approval(RIDER, 1, "apart-approve-rider"));
        store.append(application(NEIGHBOUR, "apart-apply-neighbour"));
        store.append(append(TASK_STREAM, 0, "apart-publish", new TaskPublished(MEDICINE_TASK, "yuanhang", "幸福里", 1)));
        store.append(approval(NEIGHBOUR, 1, "apart-approve-neighbour"));
        assertEquals(2, store.load(RIDER_STREAM).size(), "the rider's stream");
        assertEquals(2, store.load(NEIGHBOUR_STREAM).size(), "the neighbour's stream");
        assertEquals(1, store.load(TASK_STREAM).size(), "the task's stream");
    }

    // ================================================================== command ids

    /**
     * A used command id is DuplicateCommand even when the append equals the stored one (the
     * members module compares with byCommand; the store does no idempotency), and reported before
     * a stale version: a retry whose first attempt was stored learns that, instead of reloading
     * and retrying in vain. Nothing is written; byCommand still returns the original.
     */
    @Test
    public void aUsedCommandIdIsDuplicateCommandEvenForEqualContentAndWritesNothing() {
        MemberAppend original = application(RIDER, "dup-apply");
        store.append(original);
        Snapshot before = snapshot();

        DuplicateCommand same = assertThrows(DuplicateCommand.class, () -> store.append(original),
                "the very same append again (its version is now stale because of itself)");
        assertEquals("dup-apply", same.commandId(), "DuplicateCommand.commandId");
        DuplicateCommand current = assertThrows(DuplicateCommand.class,
                () -> store.append(approval(RIDER, 1, "dup-apply")), "the same id, another event, at the current version");
        assertEquals("dup-apply", current.commandId(), "DuplicateCommand.commandId");
        assertThrows(DuplicateCommand.class, () -> store.append(application(NEIGHBOUR, "dup-apply")),
                "the same id on another stream, as a new stream");
        assertUnchanged(before, "refused duplicate command ids");
        assertEquals(original.events(), store.byCommand(CommandId.of("dup-apply")), "the original stays");
        assertEquals(List.of(), store.load(NEIGHBOUR_STREAM), "the neighbour's stream was not created");
    }

    /** byCommand returns exactly what that command appended, from whichever stream, and nothing of other commands. */
    @Test
    public void byCommandReturnsExactlyWhatThatCommandAppended() {
        MemberAppend apply = application(RIDER, "cmd-apply");
        MemberAppend publish = append(TASK_STREAM, 0, "cmd-publish", new TaskPublished(MEDICINE_TASK, "yuanhang", "幸福里", 3));
        MemberAppend claimAndComplete = append(TASK_STREAM, 1, "cmd-claim",
                new TaskClaimed(MEDICINE_TASK, RIDER), new TaskCompleted(MEDICINE_TASK, RIDER, 3));
        MemberAppend approve = approval(RIDER, 1, "cmd-approve");
        for (MemberAppend a : List.of(apply, publish, claimAndComplete, approve)) {
            store.append(a);
        }
        for (MemberAppend a : List.of(apply, publish, claimAndComplete, approve)) {
            CommandId id = a.events().get(0).commandId();
            assertEquals(a.events(), store.byCommand(id), "byCommand(" + id + ")");
        }
    }

    // ================================================================== the feed

    /** Pages of any size visit every event once, in position order, each append's events together; a page may start anywhere. */
    @Test
    public void readAfterPagesThroughEveryEventInPositionOrder() {
        List<StoredMemberEvent> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ActorId member = ActorId.of("page-member-" + i);
            all.addAll(store.append(application(member, "page-apply-" + i)));
            MemberApproved approved = new MemberApproved(member, "grid-6", "骑聚三营");
            ActivityAttended attended = new ActivityAttended("tree-planting", member);
            all.addAll(store.append(i % 2 == 0
                    ? append(stream(member), 1, "page-more-" + i, approved)
                    : append(stream(member), 1, "page-more-" + i, approved, attended, new MemberLeft(member, "done"))));
        }
        assertEquals(12, all.size(), "events appended");
        assertIncreasing(all, "positions append() returned");

        assertEquals(all, readFeed(100), "one page of 100");
        assertEquals(all, readFeed(3), "pages of 3");
        assertEquals(all, readFeed(1), "pages of 1");
        assertEquals(all.subList(0, 3), store.readAfter(0, 3), "readAfter(0, 3)");
        assertEquals(all.subList(4, 9), store.readAfter(all.get(3).position(), 5), "readAfter(4th position, 5)");
        assertEquals(all.subList(7, 12), store.readAfter(all.get(6).position(), 50), "readAfter(7th position, 50): the rest");
        long last = all.get(11).position();
        assertEquals(List.of(), store.readAfter(last, 10), "readAfter the last position");
        assertEquals(List.of(), store.readAfter(last + 1_000, 10), "readAfter beyond the last position");
        assertAppendsTogether(readFeed(100), "the feed");
    }

    // ================================================================== notifications

    /**
     * An accepted append's notifications are in the outbox once, pending, due at their creation,
     * untried; an append without notifications adds none, and the events are stored as without.
     */
    @Test
    public void theNotificationsOfAnAcceptedAppendAreInTheOutboxExactlyOnce() {
        OutboxStore outbox = outbox();
        Notification toRider = approvalNotice(RIDER, 2);
        Notification toNeighbour = approvalNotice(NEIGHBOUR, 2);
        store.append(application(RIDER, "note-apply-rider"));
        store.append(application(NEIGHBOUR, "note-apply-neighbour"));
        MemberAppend approveRider = approval(RIDER, 1, "note-approve-rider").withNotifications(List.of(toRider));
        List<StoredMemberEvent> stored = store.append(approveRider);
        store.append(approval(NEIGHBOUR, 1, "note-approve-neighbour").withNotifications(List.of(toNeighbour)));
        store.append(append(TASK_STREAM, 0, "note-publish", new TaskPublished(MEDICINE_TASK, "yuanhang", "幸福里", 1)));

        assertEquals(approveRider.events(), envelopes(stored), "the events are stored as without notifications");
        assertEquals(approveRider.events(), store.byCommand(CommandId.of("note-approve-rider")), "byCommand");
        assertEquals(2, outbox.pendingCount(), "pendingCount: the two notices, none for the appends without");
        assertEquals(Set.of(new OutboxEntry(toRider, 0, toRider.createdAt(), null),
                new OutboxEntry(toNeighbour, 0, toNeighbour.createdAt(), null)),
                Set.copyOf(outbox.due(FAR_FUTURE, 10)), "due: each once, untried, about no ticket");
        assertEquals(2, outbox.due(FAR_FUTURE, 10).size(), "due: exactly two entries");
        assertEquals(List.of(), outbox.due(toRider.createdAt().minusMillis(1), 10), "not due before their creation");
    }

    /** The notifications of an append refused for a used command id or a stale version never appear. */
    @Test
    public void theNotificationsOfARefusedAppendNeverAppear() {
        OutboxStore outbox = outbox();
        store.append(application(RIDER, "refused-note-apply"));
        store.append(approval(RIDER, 1, "refused-note-approve"));
        Snapshot before = snapshot();

        assertThrows(DuplicateCommand.class, () -> store.append(approval(RIDER, 2, "refused-note-approve")
                .withNotifications(List.of(approvalNotice(RIDER, 3)))), "a replayed approval with its notice");
        assertThrows(ConcurrencyConflict.class, () -> store.append(approval(RIDER, 1, "refused-note-stale")
                .withNotifications(List.of(approvalNotice(RIDER, 2)))), "an approval decided on a stale version");

        assertUnchanged(before, "refused appends with notifications");
        assertEquals(0, outbox.pendingCount(), "pendingCount after refused appends");
        assertEquals(List.of(), outbox.due(FAR_FUTURE, 10), "due after refused appends");
    }

    /**
     * A notification id already in the outbox (pending or delivered) refuses the whole append with
     * InvalidInput: no event, no notification, the command id stays unused; the same command with a
     * new id then goes through.
     */
    @Test
    public void aNotificationIdAlreadyInTheOutboxRefusesTheAppendAndWritesNothing() {
        OutboxStore outbox = outbox();
        Notification first = approvalNotice(RIDER, 2);
        store.append(application(RIDER, "clash-apply-rider"));
        store.append(approval(RIDER, 1, "clash-approve-rider").withNotifications(List.of(first)));
        store.append(application(NEIGHBOUR, "clash-apply-neighbour"));
        Snapshot before = snapshot();
        List<OutboxEntry> dueBefore = outbox.due(FAR_FUTURE, 10);

        assertThrows(InvalidInput.class, () -> store.append(approval(NEIGHBOUR, 1, "clash-approve-neighbour")
                .withNotifications(List.of(approvalNotice(NEIGHBOUR, 2), first))),
                "an append whose second notification reuses a pending id");
        assertUnchanged(before, "an append refused for a notification id");
        assertEquals(List.of(), store.byCommand(CommandId.of("clash-approve-neighbour")), "the refused command id");
        assertEquals(dueBefore, outbox.due(FAR_FUTURE, 10), "the outbox after the refused append");

        outbox.markDelivered(first.id(), MemberFixtures.T0.plusSeconds(3));
        assertThrows(InvalidInput.class, () -> store.append(approval(NEIGHBOUR, 1, "clash-approve-neighbour")
                .withNotifications(List.of(first))), "an append reusing a delivered id");
        assertUnchanged(before, "an append refused for a delivered notification id");
        assertEquals(0, outbox.pendingCount(), "nothing pending after the refused appends");

        MemberAppend retry = approval(NEIGHBOUR, 1, "clash-approve-neighbour")
                .withNotifications(List.of(approvalNotice(NEIGHBOUR, 2)));
        assertEquals(retry.events(), envelopes(store.append(retry)), "the retry under the same command id");
        assertEquals(List.of(approvalNotice(NEIGHBOUR, 2).id()),
                outbox.due(FAR_FUTURE, 10).stream().map(e -> e.notification().id()).toList(), "due after the retry");
    }

    // ================================================================== bad arguments

    /** Null arguments, a negative position or a limit below 1 are InvalidInput and change nothing. */
    @Test
    public void badArgumentsAreInvalidInputAndChangeNothing() {
        store.append(application(RIDER, "bad-apply"));
        store.putPersonalData(RIDER, MemberFixtures.riderData());
        Snapshot before = snapshot();
        assertThrows(InvalidInput.class, () -> store.append(null), "append(null)");
        assertThrows(InvalidInput.class, () -> store.load(null), "load(null)");
        assertThrows(InvalidInput.class, () -> store.byCommand(null), "byCommand(null)");
        assertThrows(InvalidInput.class, () -> store.readAfter(-1, 10), "readAfter(-1, 10)");
        assertThrows(InvalidInput.class, () -> store.readAfter(0, 0), "readAfter(0, 0)");
        assertThrows(InvalidInput.class, () -> store.readAfter(0, -5), "readAfter(0, -5)");
        assertThrows(InvalidInput.class, () -> store.putPersonalData(null, MemberFixtures.neighbourData()),
                "putPersonalData(null, …)");
        assertThrows(InvalidInput.class, () -> store.putPersonalData(RIDER, null), "putPersonalData(rider, null)");
        assertThrows(InvalidInput.class, () -> store.personalData(null), "personalData(null)");
        assertThrows(InvalidInput.class, () -> store.erasePersonalData(null), "erasePersonalData(null)");
        assertUnchanged(before, "refused arguments");
    }

    // ================================================================== personal data

    /** Personal data come back equal, to every limit and without an ID number; a second put replaces them. */
    @Test
    public void personalDataComeBackEqualAndASecondPutReplacesThem() {
        store.putPersonalData(RIDER, MemberFixtures.riderData());
        store.putPersonalData(NEIGHBOUR, MemberFixtures.fullData());
        assertEquals(Optional.of(MemberFixtures.riderData()), store.personalData(RIDER), "the rider's data");
        assertEquals(Optional.of(MemberFixtures.fullData()), store.personalData(NEIGHBOUR),
                "data filled to every limit (100-character name, 200-character consent, milliseconds)");

        store.putPersonalData(RIDER, MemberFixtures.riderNewData());
        assertEquals(Optional.of(MemberFixtures.riderNewData()), store.personalData(RIDER),
                "the rider's data after a replacement without ID number");
        assertEquals(Optional.of(MemberFixtures.fullData()), store.personalData(NEIGHBOUR), "the neighbour's, untouched");
        assertEquals(Optional.empty(), store.personalData(ActorId.of("never-applied")), "a member never stored");
    }

    /**
     * Erasure is for good: it reports whether there was anything, the data are gone (also a
     * replaced earlier version), erasing again finds nothing, other members keep theirs, and a
     * later put (a member who rejoins and consents again) stores only the new data.
     */
    @Test
    public void erasureRemovesAMembersPersonalDataForGoodAndOnlyTheirs() {
        store.putPersonalData(RIDER, MemberFixtures.riderData());
        store.putPersonalData(RIDER, MemberFixtures.riderNewData());
        store.putPersonalData(NEIGHBOUR, MemberFixtures.neighbourData());

        assertTrue(store.erasePersonalData(RIDER), "erasePersonalData(rider): there were data");
        assertEquals(Optional.empty(), store.personalData(RIDER), "the rider's data after erasure (no earlier version"
                + " comes back either)");
        assertFalse(store.erasePersonalData(RIDER), "erasing again finds nothing");
        assertEquals(Optional.empty(), store.personalData(RIDER), "the rider's data after a second erasure");
        assertEquals(Optional.of(MemberFixtures.neighbourData()), store.personalData(NEIGHBOUR), "the neighbour's data");
        assertFalse(store.erasePersonalData(ActorId.of("never-applied")), "erasing a member never stored");

        PersonalData rejoined = MemberFixtures.fullData();
        store.putPersonalData(RIDER, rejoined);
        assertEquals(Optional.of(rejoined), store.personalData(RIDER), "the rider rejoined with new data");
        assertTrue(store.erasePersonalData(RIDER), "erasing the new data");
        assertEquals(Optional.empty(), store.personalData(RIDER), "after the second erasure");
    }

    /** Erasing a member's personal data leaves every stream, command and the feed exactly as they were. */
    @Test
    public void erasureLeavesTheStreamsWhole() {
        store.append(application(RIDER, "whole-apply"));
        store.append(approval(RIDER, 1, "whole-approve"));
        store.append(append(TASK_STREAM, 0, "whole-publish", new TaskPublished(MEDICINE_TASK, "yuanhang", "幸福里", 2)));
        store.append(append(TASK_STREAM, 1, "whole-claim", new TaskClaimed(MEDICINE_TASK, RIDER),
                new TaskCompleted(MEDICINE_TASK, RIDER, 2)));
        store.append(append(RIDER_STREAM, 2, "whole-leave", new MemberLeft(RIDER, "moved away")));
        store.putPersonalData(RIDER, MemberFixtures.riderData());
        store.putPersonalData(NEIGHBOUR, MemberFixtures.neighbourData());
        Snapshot before = snapshot();

        assertTrue(store.erasePersonalData(RIDER), "erasePersonalData(rider)");
        Snapshot after = snapshot();
        assertEquals(before.feed(), after.feed(), "readAfter() after erasure");
        assertEquals(before.streams(), after.streams(), "load() after erasure");
        assertEquals(before.commands(), after.commands(), "byCommand() after erasure");
        assertEquals(Optional.empty(), after.personalData().get(RIDER), "the rider's personal data");
        assertEquals(Optional.of(MemberFixtures.neighbourData()), after.personalData().get(NEIGHBOUR),
                "the neighbour's personal data");
        assertEquals(List.of(RIDER, RIDER, RIDER, RIDER, RIDER),
                store.readAfter(0, 100).stream()
                        .map(e -> e.envelope().event().member()).filter(m -> m != null).toList(),
                "the pseudonymous member id stays on every event about the rider");
    }

    /**
     * The vault is the only place the unmasked phone and ID number live: before erasure they come
     * back only from personalData(); after erasing (also a replaced earlier version) nothing the
     * store returns holds them, in any field or string form.
     */
    @Test
    public void afterErasureNothingTheStoreReturnsHoldsTheUnmaskedPhone() {
        store.append(application(RIDER, "mask-apply"));
        store.putPersonalData(RIDER, MemberFixtures.riderData());
        store.append(approval(RIDER, 1, "mask-approve"));
        store.putPersonalData(RIDER, MemberFixtures.riderNewData());
        store.append(append(RIDER_STREAM, 2, "mask-leave", new MemberLeft(RIDER, "retention period over")));
        store.putPersonalData(NEIGHBOUR, MemberFixtures.neighbourData());

        List<String> secrets = List.of(RIDER_PHONE, RIDER_NEW_PHONE, RIDER_ID_NUMBER);
        assertEquals(List.of(), leaks(secrets, false), "before erasure, no event, stream or command holds the"
                + " rider's unmasked phone or ID number");
        assertEquals(List.of(RIDER_NEW_PHONE), leaks(secrets, true), "before erasure, the current phone comes back"
                + " unmasked from personalData(); the replaced phone and ID number from nowhere");

        assertTrue(store.erasePersonalData(RIDER), "erasePersonalData(rider)");
        assertEquals(List.of(), leaks(secrets, true), "after erasure, no value the store returns holds the rider's"
                + " unmasked phone or ID number (current or earlier)");
        assertEquals("139****1111", store.personalData(NEIGHBOUR).orElseThrow().maskedPhone(),
                "the neighbour keeps theirs");
    }

    // ================================================================== concurrency

    /**
     * 20 rounds of a race for a task's slot: 16 members claim, each appending to the task's
     * stream at the version read once before the round. Exactly one wins per round; the others
     * get ConcurrencyConflict, nothing of theirs is stored and their command ids stay unused.
     */
    @Test
    public void exactlyOneOfSixteenAppendsFromTheSameVersionWinsEveryRound() {
        int rounds = 20;
        store.append(append(TASK_STREAM, 0, "race-publish",
                new TaskPublished(MEDICINE_TASK, "yuanhang", "幸福里 3 栋 502", rounds)));
        List<MemberEnvelope> expected = new ArrayList<>(store.load(TASK_STREAM));
        for (int r = 0; r < rounds; r++) {
            int round = r;
            long version = store.load(TASK_STREAM).size();
            assertEquals(1L + 2L * round, version, "the task's version before round " + round);
            List<Outcome<List<StoredMemberEvent>>> outcomes = Parallel.run(THREADS, TIMEOUT,
                    w -> store.append(claim(round, w, version)));
            List<Integer> won = new ArrayList<>();
            for (int w = 0; w < THREADS; w++) {
                Outcome<List<StoredMemberEvent>> o = outcomes.get(w);
                if (o.failure() == null) {
                    won.add(w);
                    assertEquals(claim(round, w, version).events(), envelopes(o.value()),
                            "round " + round + ", member " + w + ": the returned events");
                } else if (o.failure() instanceof ConcurrencyConflict c) {
                    assertEquals(version, c.expectedVersion(), "round " + round + ", member " + w + ": expectedVersion");
                    assertEquals(version + 2, c.actualVersion(), "round " + round + ", member " + w + ": actualVersion");
                } else {
                    throw new AssertionError("round " + round + ", member " + w
                            + ": a losing append must throw ConcurrencyConflict", o.failure());
                }
            }
            assertEquals(1, won.size(), "round " + round + ": exactly one of " + THREADS
                    + " appends at version " + version + " must succeed; succeeded: " + won);
            expected.addAll(claim(round, won.get(0), version).events());
            for (int w = 0; w < THREADS; w++) {
                List<MemberEnvelope> stored = store.byCommand(CommandId.of(raceId(round, w)));
                assertEquals(w == won.get(0) ? claim(round, w, version).events() : List.of(), stored,
                        "round " + round + ": byCommand of member " + w + "'s claim");
            }
        }
        assertEquals(expected, store.load(TASK_STREAM), "the task's stream: published, then each round's winner");
        List<StoredMemberEvent> feed = readFeed(100);
        assertEquals(expected, envelopes(feed), "readAfter(0, …)");
        assertAppendsTogether(feed, "the feed after " + rounds + " rounds");
    }

    /**
     * 16 threads, each appending 20 times (one to three events) to its own member's stream: all
     * land once, at the versions given, positions strictly increasing, each append's events
     * together in the feed.
     */
    @Test
    public void sixteenThreadsAppendingToTheirOwnStreamsLoseNothing() {
        int steps = 20;
        List<Outcome<List<List<StoredMemberEvent>>>> outcomes = Parallel.run(THREADS, TIMEOUT, w -> {
            List<List<StoredMemberEvent>> mine = new ArrayList<>();
            long version = 0;
            for (int s = 0; s < steps; s++) {
                MemberAppend a = flowAppend(w, s, version);
                mine.add(store.append(a));
                version += a.events().size();
            }
            return mine;
        });
        Parallel.rethrowFailures(outcomes, "writer");

        List<StoredMemberEvent> feed = readFeed(64);
        int perThread = 0;
        for (int s = 0; s < steps; s++) {
            perThread += 1 + s % 3;
        }
        assertEquals(THREADS * perThread, feed.size(), "events in readAfter(0, …)");
        assertAppendsTogether(feed, "the feed after concurrent appends");
        Map<Long, StoredMemberEvent> byPosition = new HashMap<>();
        feed.forEach(e -> byPosition.put(e.position(), e));

        for (int w = 0; w < THREADS; w++) {
            List<MemberEnvelope> expected = new ArrayList<>();
            long version = 0;
            long lastPosition = 0;
            for (int s = 0; s < steps; s++) {
                MemberAppend a = flowAppend(w, s, version);
                List<StoredMemberEvent> returned = outcomes.get(w).value().get(s);
                assertEquals(a.events(), envelopes(returned), "writer " + w + ", step " + s + ": append() returned");
                for (StoredMemberEvent e : returned) {
                    assertTrue(e.position() > lastPosition, "writer " + w + ": positions grow from append to append");
                    lastPosition = e.position();
                    assertEquals(e, byPosition.get(e.position()), "append() versus readAfter at " + e.position());
                }
                assertEquals(a.events(), store.byCommand(a.events().get(0).commandId()), "byCommand of writer " + w
                        + ", step " + s);
                expected.addAll(a.events());
                version += a.events().size();
            }
            assertEquals(expected, store.load(flowStream(w)), "load(" + flowStream(w) + ")");
        }
    }

    /**
     * A reader resuming from the last position it saw, while 8 threads append, sees every event
     * once and positions only grow; a second reader loading the streams never sees part of an
     * append (every append holds three events).
     */
    @Test
    public void readersDuringConcurrentAppendsSeeEveryEventOnceAndNeverPartOfAnAppend() {
        int writers = 8;
        int appends = 15;
        AtomicInteger writersDone = new AtomicInteger();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<Outcome<List<StoredMemberEvent>>> outcomes = Parallel.run(writers + 2, TIMEOUT, w -> {
            if (w == writers) {
                List<StoredMemberEvent> seen = new ArrayList<>();
                long last = 0;
                while (System.nanoTime() < deadline) {
                    boolean allWritten = writersDone.get() == writers;
                    List<StoredMemberEvent> batch = store.readAfter(last, 7);
                    for (StoredMemberEvent e : batch) {
                        if (e.position() <= last) {
                            throw new AssertionError("readAfter(" + last + ", 7) returned position " + e.position()
                                    + ": positions must strictly increase");
                        }
                        last = e.position();
                        seen.add(e);
                    }
                    if (batch.isEmpty()) {
                        if (allWritten) {
                            return seen;
                        }
                        LockSupport.parkNanos(100_000);
                    }
                }
                throw new AssertionError("feed reader did not catch up within " + TIMEOUT);
            }
            if (w == writers + 1) {
                while (System.nanoTime() < deadline) {
                    boolean allWritten = writersDone.get() == writers;
                    for (int k = 0; k < writers; k++) {
                        List<MemberEnvelope> loaded = store.load(triple(k, 0, 0).stream());
                        if (loaded.size() % 3 != 0) {
                            throw new AssertionError("load(" + triple(k, 0, 0).stream() + ") returned " + loaded.size()
                                    + " events: part of an append of three was visible");
                        }
                        for (int i = 0; i < loaded.size(); i++) {
                            if (loaded.get(i).version() != i + 1) {
                                throw new AssertionError("load(" + triple(k, 0, 0).stream() + ") has version "
                                        + loaded.get(i).version() + " at index " + i);
                            }
                        }
                    }
                    if (allWritten) {
                        return List.of();
                    }
                    LockSupport.parkNanos(50_000);
                }
                throw new AssertionError("stream reader did not finish within " + TIMEOUT);
            }
            try {
                for (int a = 0; a < appends; a++) {
                    store.append(triple(w, a, 3L * a));
                }
                return List.of();
            } finally {
                // Counted even when this writer failed, so the readers stop and the failure is reported.
                writersDone.incrementAndGet();
            }
        });
        Parallel.rethrowFailures(outcomes, "thread");

        Map<String, Integer> count = new TreeMap<>();
        outcomes.get(writers).value().forEach(e -> count.merge(e.envelope().commandId().value(), 1, Integer::sum));
        Map<String, Integer> expected = new TreeMap<>();
        for (int w = 0; w < writers; w++) {
            for (int a = 0; a < appends; a++) {
                expected.put(triple(w, a, 3L * a).events().get(0).commandId().value(), 3);
            }
        }
        assertEquals(expected, count, "events per command the following reader saw (each of three exactly once)");
        assertAppendsTogether(outcomes.get(writers).value(), "what the following reader saw");
    }

    /** 16 threads each put, replace and erase personal data of their own members at once: none is lost or mixed up. */
    @Test
    public void sixteenThreadsKeepingPersonalDataLoseNone() {
        int members = 10;
        List<Outcome<Integer>> outcomes = Parallel.run(THREADS, TIMEOUT, w -> {
            int erased = 0;
            for (int m = 0; m < members; m++) {
                ActorId member = vaultMember(w, m);
                store.putPersonalData(member, vaultData(w, m, 0));
                store.putPersonalData(member, vaultData(w, m, 1));
                if (m % 2 == 1 && store.erasePersonalData(member)) {
                    erased++;
                }
            }
            return erased;
        });
        Parallel.rethrowFailures(outcomes, "thread");
        for (int w = 0; w < THREADS; w++) {
            assertEquals(members / 2, outcomes.get(w).value(), "thread " + w + ": erasures that found data");
            for (int m = 0; m < members; m++) {
                assertEquals(m % 2 == 1 ? Optional.empty() : Optional.of(vaultData(w, m, 1)),
                        store.personalData(vaultMember(w, m)), "personal data of " + vaultMember(w, m));
            }
        }
    }

    // ================================================================== helpers

    private static String raceId(int round, int member) {
        return "claim-r" + round + "-m" + member;
    }

    /** Member {@code w}'s claim of the task in a round, with a completion: two events. */
    private static MemberAppend claim(int round, int w, long version) {
        ActorId member = ActorId.of("rider-" + w);
        return append(TASK_STREAM, version, raceId(round, w), new TaskClaimed(MEDICINE_TASK, member),
                new TaskCompleted(MEDICINE_TASK, member, 1 + round % 3));
    }

    private static String flowStream(int w) {
        return "member:flow-" + w;
    }

    /** Step {@code s} of writer {@code w}: one, two or three events. */
    private static MemberAppend flowAppend(int w, int s, long version) {
        ActorId member = ActorId.of("flow-" + w);
        String command = "flow-w" + w + "-s" + s;
        switch (s % 3) {
            case 0:
                return append(flowStream(w), version, command, new ActivityAttended("talk-" + s, member));
            case 1:
                return append(flowStream(w), version, command, new TaskClaimed("task-" + s, member),
                        new TaskCompleted("task-" + s, member, 2));
            default:
                return append(flowStream(w), version, command, new TaskClaimed("task-" + s, member),
                        new TaskCompleted("task-" + s, member, 1), new ActivityAttended("talk-" + s, member));
        }
    }

    /** Append {@code a} of writer {@code w}: three events, claim, completion, attendance. */
    private static MemberAppend triple(int w, int a, long version) {
        ActorId member = ActorId.of("reader-test-" + w);
        return append("member:reader-test-" + w, version, "triple-w" + w + "-a" + a,
                new TaskClaimed("task-" + a, member), new TaskCompleted("task-" + a, member, 1),
                new ActivityAttended("talk-" + a, member));
    }

    private static ActorId vaultMember(int w, int m) {
        return ActorId.of("vault-w" + w + "-m" + m);
    }

    private static PersonalData vaultData(int w, int m, int version) {
        String phone = String.format("13%02d%03d%04d", w, m, version);
        return new PersonalData("成员" + w + "-" + m, phone, null, MemberFixtures.T0.plusSeconds(version),
                "consent v" + version);
    }

    private static List<MemberEnvelope> envelopes(List<StoredMemberEvent> events) {
        return events.stream().map(StoredMemberEvent::envelope).toList();
    }

    private static void assertIncreasing(List<StoredMemberEvent> events, String what) {
        long last = 0;
        for (StoredMemberEvent e : events) {
            if (e.position() <= last) {
                fail(what + ": position " + e.position() + " after " + last + "; positions are positive and strictly"
                        + " increase in commit order");
            }
            last = e.position();
        }
    }

    /** Each append's events (one command id each) sit side by side in the feed, in version order. */
    private static void assertAppendsTogether(List<StoredMemberEvent> feed, String what) {
        Map<CommandId, Integer> end = new HashMap<>();
        for (int i = 0; i < feed.size(); i++) {
            MemberEnvelope e = feed.get(i).envelope();
            Integer previous = end.put(e.commandId(), i);
            if (previous != null) {
                MemberEnvelope before = feed.get(previous).envelope();
                if (previous != i - 1 || e.version() != before.version() + 1) {
                    fail(what + ": the events of command " + e.commandId() + " are not side by side in version order"
                            + " (index " + previous + " version " + before.version() + ", then index " + i + " version "
                            + e.version() + "); an append is atomic");
                }
            }
        }
    }

    /** The whole feed, read {@code pageSize} at a time as a projection would, checking order as it goes. */
    private List<StoredMemberEvent> readFeed(int pageSize) {
        List<StoredMemberEvent> all = new ArrayList<>();
        long last = 0;
        while (true) {
            long from = last;
            List<StoredMemberEvent> page = store.readAfter(from, pageSize);
            assertTrue(page.size() <= pageSize, "readAfter(" + from + ", " + pageSize + ") returned " + page.size());
            if (page.isEmpty()) {
                return all;
            }
            for (StoredMemberEvent e : page) {
                if (e.position() <= last) {
                    fail("readAfter(" + from + ", " + pageSize + ") returned position " + e.position() + " after position "
                            + last + ": positions must strictly increase");
                }
                last = e.position();
                all.add(e);
            }
        }
    }

    /**
     * Which secrets occur anywhere in what the store returns for the fixtures' members: every
     * field and string form of the feed, the streams, the commands and, {@code withVault}, the
     * personal data.
     */
    private List<String> leaks(List<String> secrets, boolean withVault) {
        Snapshot s = snapshot();
        List<String> texts = new ArrayList<>();
        for (StoredMemberEvent e : s.feed()) {
            addTexts(texts, e.envelope());
        }
        s.streams().values().forEach(l -> l.forEach(e -> addTexts(texts, e)));
        s.commands().values().forEach(l -> l.forEach(e -> addTexts(texts, e)));
        for (Optional<PersonalData> d : withVault ? s.personalData().values() : List.<Optional<PersonalData>>of()) {
            d.ifPresent(p -> {
                texts.add(p.toString());
                texts.add(p.name());
                texts.add(p.phone());
                texts.add(p.idNumber() == null ? "" : p.idNumber());
                texts.add(p.consentText());
            });
        }
        List<String> found = new ArrayList<>();
        for (String secret : secrets) {
            if (texts.stream().anyMatch(t -> t.contains(secret))) {
                found.add(secret);
            }
        }
        return found;
    }

    private static void addTexts(List<String> texts, MemberEnvelope e) {
        texts.add(e.toString());
        texts.add(e.event().toString());
        texts.add(e.event().type());
        texts.addAll(e.event().attributes().keySet());
        texts.addAll(e.event().attributes().values());
    }

    private static void tryToClear(List<?> list) {
        try {
            list.clear();
        } catch (UnsupportedOperationException expected) {
            // An immutable list is the best answer.
        }
    }

    /** What a refused call must leave untouched, as seen through every read of the SPI. */
    private record Snapshot(
            List<StoredMemberEvent> feed,
            Map<String, List<MemberEnvelope>> streams,
            Map<CommandId, List<MemberEnvelope>> commands,
            Map<ActorId, Optional<PersonalData>> personalData) {}

    private Snapshot snapshot() {
        List<StoredMemberEvent> feed = readFeed(100);
        Set<String> streamIds = new TreeSet<>(List.of(RIDER_STREAM, NEIGHBOUR_STREAM, TASK_STREAM));
        Set<CommandId> commandIds = new TreeSet<>();
        Set<ActorId> members = new TreeSet<>(List.of(RIDER, NEIGHBOUR));
        for (StoredMemberEvent e : feed) {
            streamIds.add(e.envelope().stream());
            commandIds.add(e.envelope().commandId());
            if (e.envelope().event().member() != null) {
                members.add(e.envelope().event().member());
            }
        }
        Map<String, List<MemberEnvelope>> streams = new LinkedHashMap<>();
        streamIds.forEach(id -> streams.put(id, store.load(id)));
        Map<CommandId, List<MemberEnvelope>> commands = new LinkedHashMap<>();
        commandIds.forEach(id -> commands.put(id, store.byCommand(id)));
        Map<ActorId, Optional<PersonalData>> personalData = new LinkedHashMap<>();
        members.forEach(m -> personalData.put(m, store.personalData(m)));
        return new Snapshot(feed, streams, commands, personalData);
    }

    private void assertUnchanged(Snapshot before, String cause) {
        Snapshot after = snapshot();
        assertEquals(before.feed(), after.feed(), "readAfter() changed after " + cause);
        assertEquals(before.streams(), after.streams(), "load() changed after " + cause);
        assertEquals(before.commands(), after.commands(), "byCommand() changed after " + cause);
        assertEquals(before.personalData(), after.personalData(), "personalData() changed after " + cause);
    }
}
