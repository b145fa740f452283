package dev.civicloop.dispatch;

import static dev.civicloop.dispatch.DaqingCity.BABAISHANG;
import static dev.civicloop.dispatch.DaqingCity.COORDINATOR;
import static dev.civicloop.dispatch.DaqingCity.DISPUTE;
import static dev.civicloop.dispatch.DaqingCity.DRIVER;
import static dev.civicloop.dispatch.DaqingCity.FIRE;
import static dev.civicloop.dispatch.DaqingCity.FIRE_EXIT;
import static dev.civicloop.dispatch.DaqingCity.FLYING_WIRE;
import static dev.civicloop.dispatch.DaqingCity.GAS_LEAK;
import static dev.civicloop.dispatch.DaqingCity.GRID12_STAFF;
import static dev.civicloop.dispatch.DaqingCity.GRID6_STAFF;
import static dev.civicloop.dispatch.DaqingCity.JIEFANG;
import static dev.civicloop.dispatch.DaqingCity.MANHOLE;
import static dev.civicloop.dispatch.DaqingCity.MUNICIPAL;
import static dev.civicloop.dispatch.DaqingCity.MUNICIPAL_HANDLER;
import static dev.civicloop.dispatch.DaqingCity.RIDER;
import static dev.civicloop.dispatch.DaqingCity.ROADS;
import static dev.civicloop.dispatch.DaqingCity.SANYING;
import static dev.civicloop.dispatch.DaqingCity.URBAN;
import static dev.civicloop.dispatch.DaqingCity.YUANHANG;
import static dev.civicloop.dispatch.DaqingCity.inGrid12;
import static dev.civicloop.dispatch.DaqingCity.inGrid6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.core.TicketView;
import dev.civicloop.core.TimelineEntry;
import dev.civicloop.core.WorkingCalendar;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.command.Return;
import dev.civicloop.core.command.Verify;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.event.TicketDispatched;
import dev.civicloop.spi.event.TicketEscalated;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AutoDispatchTest {
    private final DaqingCity city = new DaqingCity();
    private final RoutingMatrix matrix = new RoutingMatrix(List.of(
            Route.of(FIRE_EXIT.code(), FIRE, URBAN),
            Route.of(MANHOLE.code(), MUNICIPAL).automatic(),
            Route.of(MANHOLE.code(), ROADS).in(JIEFANG).automatic(),
            Route.of(FLYING_WIRE.code(), URBAN, FIRE)), city.orgUnits);
    private final AutoDispatcher dispatcher = dispatcher();

    private AutoDispatcher dispatcher() {
        return new AutoDispatcher(city.engine, city.store, matrix, city.orgUnits,
                AutoDispatcher.actorFor(OrgUnitId.of("大庆市")), 0);
    }

    @Test
    void anUrgentCategoryWithDefaultDepartmentsIsDispatchedInsideTheReportItself() {
        TicketView t = city.report(RIDER, GAS_LEAK, inGrid6(10, 10));

        assertEquals(TicketState.DISPATCHED, t.state());
        assertEquals(YUANHANG, t.community());
        assertEquals(List.of(DaqingCity.GAS, FIRE), t.departments());
        assertEquals(List.of(), dispatcher.catchUp(), "nothing left for the dispatcher to decide");
    }

    @Test
    void anUrgentCategoryRoutedByAreaIsDispatchedAtOnceEvenWithoutAnAutomaticRoute() {
        TicketView t = city.report(RIDER, FIRE_EXIT, inGrid6(10, 10));
        assertEquals(TicketState.SUBMITTED, t.state(), "no default department: the core leaves it to dispatch");

        List<AutoDispatcher.Decision> decisions = dispatcher.catchUp();

        assertEquals(1, decisions.size());
        assertTrue(decisions.get(0).dispatched());
        TicketView after = city.engine.ticket(t.ticketId());
        assertEquals(TicketState.DISPATCHED, after.state());
        assertEquals(List.of(FIRE, URBAN), after.departments());
        TimelineEntry dispatched = last(after.ticketId());
        assertEquals("auto-dispatch", dispatched.actor().value());
        assertEquals("grid yuanhang-6 → 远航社区; category blocked_fire_exit → fire (lead), urban-mgmt",
                ((TicketDispatched) dispatched.event()).reason());
    }

    @Test
    void anAutomaticRouteDispatchesOnlyAfterVerificationAndTheMostSpecificAreaWins() {
        TicketView inBabaishang = city.report(DRIVER, MANHOLE, inGrid6(0, 0));
        TicketView inJiefang = city.report(DRIVER, MANHOLE, inGrid12());
        assertEquals(List.of(), dispatcher.catchUp(), "submitted reports wait for the grid staff's verification");

        verify(GRID6_STAFF, inBabaishang.ticketId());
        verify(GRID12_STAFF, inJiefang.ticketId());
        assertEquals(2, dispatcher.catchUp().size());

        TicketView a = city.engine.ticket(inBabaishang.ticketId());
        TicketView b = city.engine.ticket(inJiefang.ticketId());
        assertEquals(List.of(MUNICIPAL), a.departments(), "city-wide default route");
        assertEquals(YUANHANG, a.community());
        assertEquals(List.of(ROADS), b.departments(), "解放街道's own route beats the city default");
        assertEquals(SANYING, b.community());
        assertTrue(((TicketDispatched) last(b.ticketId()).event()).reason().endsWith("(route of 解放街道)"));
    }

    @Test
    void withoutAnAutomaticRouteATicketWaitsInTheStreetQueueOldestFirstWithItsDeadline() {
        TicketView wire = city.report(RIDER, FLYING_WIRE, inGrid6(5, 5));
        city.clock.advance(Duration.ofMinutes(10));
        TicketView dispute = city.report(RIDER, DISPUTE, inGrid6(50, 50));
        verify(GRID6_STAFF, wire.ticketId());
        verify(GRID6_STAFF, dispute.ticketId());

        List<AutoDispatcher.Decision> decisions = dispatcher.catchUp();

        assertEquals(2, decisions.size());
        assertFalse(decisions.get(0).dispatched());
        assertEquals("route for flying_wire is not automatic; suggested: urban-mgmt (lead), fire", decisions.get(0).reason());
        assertEquals("no route for category neighbour_dispute; the street decides", decisions.get(1).reason());
        List<DispatchBoard.QueuedTicket> queue = board().queue(BABAISHANG, 10);
        assertEquals(List.of(wire.ticketId(), dispute.ticketId()), queue.stream().map(DispatchBoard.QueuedTicket::ticketId).toList());
        // Verified at 09:10 Shanghai; flying_wire is to be claimed within 24 h of entering the queue.
        assertEquals(DaqingCity.START.plus(Duration.ofMinutes(10)), queue.get(0).queuedSince());
        assertEquals(DaqingCity.START.plus(Duration.ofMinutes(10)).plus(Duration.ofHours(24)), queue.get(0).claimBy());
        assertEquals(List.of(), board().queue(JIEFANG, 10), "another street's queue is empty");
    }

    @Test
    void aReturnedTicketComesBackToTheQueueWithItsReasonAndIsNotSentToTheSameDepartmentAgain() {
        TicketView t = city.report(DRIVER, MANHOLE, inGrid6(0, 0));
        verify(GRID6_STAFF, t.ticketId());
        dispatcher.catchUp();
        city.engine.handle(new Return(city.cmd(), MUNICIPAL_HANDLER, t.ticketId(), "井盖属于公路养护中心管辖"));

        List<AutoDispatcher.Decision> decisions = dispatcher.catchUp();

        assertEquals(1, decisions.size());
        assertFalse(decisions.get(0).dispatched());
        assertEquals("municipal returned this ticket before; the street chooses another department", decisions.get(0).reason());
        DispatchBoard.QueuedTicket queued = board().queue(BABAISHANG, 10).get(0);
        assertEquals(t.ticketId(), queued.ticketId());
        assertEquals(1, queued.returnCount());
        assertEquals(Optional.of("井盖属于公路养护中心管辖"), queued.lastReturnReason());

        TicketView redispatched = city.engine.handle(new Dispatch(city.cmd(), COORDINATOR, t.ticketId(), YUANHANG, ROADS,
                List.of(), "returned by municipal: roads maintain this cover"));
        assertEquals(List.of(ROADS), redispatched.departments());
        assertEquals(List.of(), board().queue(BABAISHANG, 10));
    }

    @Test
    void twoDispatchersRacingOnTheSameEventsDispatchEachTicketOnce() throws Exception {
        List<TicketId> tickets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TicketView t = city.report(DRIVER, MANHOLE, inGrid6(i, i));
            verify(GRID6_STAFF, t.ticketId());
            tickets.add(t.ticketId());
        }
        AutoDispatcher other = dispatcher();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<?> a = pool.submit(() -> {
                start.await();
                return dispatcher.catchUp();
            });
            Future<?> b = pool.submit(() -> {
                start.await();
                return other.catchUp();
            });
            start.countDown();
            a.get();
            b.get();
        } finally {
            pool.shutdownNow();
        }
        for (TicketId id : tickets) {
            long dispatches = city.engine.history(id).stream().filter(e -> e.event() instanceof TicketDispatched).count();
            assertEquals(1, dispatches, "dispatches of " + id);
            assertEquals(TicketState.DISPATCHED, city.engine.ticket(id).state());
        }
    }

    @Test
    void escalationClimbsTheOrgTreeFromTheStreetToTheDistrict() {
        TicketView t = city.report(RIDER, GAS_LEAK, inGrid6(10, 10));
        city.clock.advance(Duration.ofMinutes(61));
        city.engine.escalateOverdue();
        city.clock.advance(Duration.ofMinutes(60));
        city.engine.escalateOverdue();

        List<TicketEscalated> escalations = city.engine.history(t.ticketId()).stream()
                .map(TimelineEntry::event)
                .filter(TicketEscalated.class::isInstance)
                .map(TicketEscalated.class::cast)
                .toList();
        assertEquals(List.of("claim", "resolve"), escalations.stream().map(TicketEscalated::deadline).toList());
        assertEquals(List.of(BABAISHANG, OrgUnitId.of("红岗区")), escalations.stream().map(TicketEscalated::supervisingUnit).toList());
    }

    @Test
    void theMatrixRefusesAmbiguousOrMisplacedRoutes() {
        InvalidConfiguration twice = assertThrows(InvalidConfiguration.class, () -> new RoutingMatrix(List.of(
                Route.of(MANHOLE.code(), MUNICIPAL), Route.of(MANHOLE.code(), ROADS)), city.orgUnits));
        assertEquals("route for manhole_cover in the whole city is defined twice", twice.getMessage());
        InvalidConfiguration community = assertThrows(InvalidConfiguration.class, () -> new RoutingMatrix(List.of(
                Route.of(MANHOLE.code(), MUNICIPAL).in(YUANHANG)), city.orgUnits));
        assertEquals("route for manhole_cover: area 远航社区 is a COMMUNITY; routes are set per street, district or city",
                community.getMessage());
        assertThrows(InvalidConfiguration.class, () -> Route.of(MANHOLE.code(), MUNICIPAL, MUNICIPAL));
    }

    private DispatchBoard board() {
        return new DispatchBoard(city.engine, WorkingCalendar.chinaDefault());
    }

    private void verify(dev.civicloop.spi.model.Actor staff, TicketId id) {
        city.engine.handle(new Verify(city.cmd(), staff, id, VerificationMethod.BY_PHOTO, null));
    }

    private TimelineEntry last(TicketId id) {
        List<TimelineEntry> h = city.engine.history(id);
        return h.get(h.size() - 1);
    }

    /** A city's ticket id may use all 128 characters; the dispatcher's derived command id must still be an id. */
    @Test
    void theDispatchCommandIdOfATicketWithALongIdIsAnIdStableAndDistinctPerVersion() {
        TicketId longId = TicketId.of("x".repeat(128));
        String v2 = AutoDispatcher.dispatchCommand(longId, 2).value();
        assertTrue(v2.length() <= 128, v2);
        assertEquals(v2, AutoDispatcher.dispatchCommand(longId, 2).value(), "every dispatcher derives the same id");
        assertFalse(v2.equals(AutoDispatcher.dispatchCommand(longId, 3).value()), "another version, another id");
        assertEquals("auto-dispatch/T-1/v2", AutoDispatcher.dispatchCommand(TicketId.of("T-1"), 2).value());
    }
}
