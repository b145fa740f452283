package dev.civicloop.members;

import static dev.civicloop.members.TaskCity.YUANHANG;
import static dev.civicloop.members.TaskCity.YUANHANG_STAFF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 16 members race for 5 slots of a task (and 5 places of an activity): exactly 5 win, the other
 * 11 get a typed refusal, never an oversubscription. Several rounds, so the race really happens.
 */
class TaskSlotRaceTest {
    private static final int RACERS = 16;
    private static final int SLOTS = 5;
    private static final int ROUNDS = 20;
    private final SlowReadingMemberStore store = new SlowReadingMemberStore();
    private final TaskCity city = new TaskCity(store);
    private final List<ActorId> racers = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(RACERS);

    TaskSlotRaceTest() {
        for (int i = 1; i <= RACERS; i++) {
            ActorId rider = ActorId.of("rider-" + i);
            city.enrol(rider, YUANHANG, TaskCity.GRID_6);
            racers.add(rider);
        }
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        // not asserted (a busy machine may serialise the racers), but shown: each is a claim decided again
        System.out.println(getClass().getSimpleName() + ": " + store.conflicts() + " version conflicts retried");
    }

    @Test
    void sixteenMembersRaceForFiveSlotsAndExactlyFiveWin() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            ServiceTask task = city.traffic("market-" + round, SLOTS);
            city.board.publishTask(city.cmd(), YUANHANG_STAFF, task);
            List<Object> outcomes = race(rider -> () -> {
                try {
                    city.board.claimTask(CommandId.of("claim-" + task.id() + "-" + rider), rider, task.id());
                    return rider;
                } catch (TaskRefused e) {
                    return e;
                }
            });
            Set<ActorId> winners = new HashSet<>();
            int noSlot = 0;
            for (Object o : outcomes) {
                if (o instanceof ActorId a) {
                    winners.add(a);
                } else if (o instanceof TaskRefused r && r.reason() == TaskRefused.Reason.NO_SLOT_LEFT) {
                    assertTrue(r.getMessage().contains("no slot left"), r.getMessage());
                    noSlot++;
                }
            }
            assertEquals(SLOTS, winners.size(), "round " + round + ": " + outcomes);
            assertEquals(RACERS - SLOTS, noSlot, "round " + round + ": " + outcomes);
            ServiceTaskView view = city.board.task(task.id());
            assertEquals(winners, new HashSet<>(view.claims().stream().map(TaskClaim::member).toList()));
            assertEquals(0, view.slotsLeft());
        }
    }

    @Test
    void sixteenMembersRaceForFivePlacesOfAnActivityAndExactlyFiveGetOne() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Activity activity = city.trees("trees-" + round, SLOTS);
            city.board.publishActivity(city.cmd(), YUANHANG_STAFF, activity);
            List<Object> outcomes = race(rider -> () -> {
                try {
                    city.board.signUp(CommandId.of("sign-" + activity.id() + "-" + rider), rider, activity.id());
                    return rider;
                } catch (ActivityRefused e) {
                    return e;
                }
            });
            Set<ActorId> winners = new HashSet<>();
            int noPlace = 0;
            for (Object o : outcomes) {
                if (o instanceof ActorId a) {
                    winners.add(a);
                } else if (o instanceof ActivityRefused r && r.reason() == ActivityRefused.Reason.NO_PLACE_LEFT) {
                    noPlace++;
                }
            }
            assertEquals(SLOTS, winners.size(), "round " + round + ": " + outcomes);
            assertEquals(RACERS - SLOTS, noPlace, "round " + round + ": " + outcomes);
            assertEquals(winners, new HashSet<>(city.board.activity(activity.id()).signedUp()));
        }
    }

    /** Starts every racer at once and returns what each got (a winner's id, or the refusal). */
    private List<Object> race(Function<ActorId, Callable<Object>> attempt) throws Exception {
        CountDownLatch ready = new CountDownLatch(RACERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        for (ActorId rider : racers) {
            Callable<Object> step = attempt.apply(rider);
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return step.call();
            }));
        }
        ready.await();
        go.countDown();
        List<Object> out = new ArrayList<>();
        for (Future<Object> f : futures) {
            out.add(f.get(60, TimeUnit.SECONDS));
        }
        return out;
    }
}
