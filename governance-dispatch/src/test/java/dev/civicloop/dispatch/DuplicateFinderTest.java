package dev.civicloop.dispatch;

import static dev.civicloop.dispatch.DaqingCity.COORDINATOR;
import static dev.civicloop.dispatch.DaqingCity.DRIVER;
import static dev.civicloop.dispatch.DaqingCity.FLYING_WIRE;
import static dev.civicloop.dispatch.DaqingCity.GRID6_STAFF;
import static dev.civicloop.dispatch.DaqingCity.MANHOLE;
import static dev.civicloop.dispatch.DaqingCity.MUNICIPAL;
import static dev.civicloop.dispatch.DaqingCity.MUNICIPAL_HANDLER;
import static dev.civicloop.dispatch.DaqingCity.RIDER;
import static dev.civicloop.dispatch.DaqingCity.YUANHANG;
import static dev.civicloop.dispatch.DaqingCity.YUANHANG_STAFF;
import static dev.civicloop.dispatch.DaqingCity.inGrid6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.core.TicketView;
import dev.civicloop.core.command.Accept;
import dev.civicloop.core.command.Cancel;
import dev.civicloop.core.command.Claim;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.command.Merge;
import dev.civicloop.core.command.Resolve;
import dev.civicloop.core.command.Verify;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.CoordinateSystem;
import dev.civicloop.spi.model.GeoPoint;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DuplicateFinderTest {
    private final DaqingCity city = new DaqingCity();
    private final DuplicateFinder finder = new DuplicateFinder(city.engine, city.store,
            Map.of(MANHOLE.code(), new DuplicateFinder.Rule(100, Duration.ofHours(48))),
            new DuplicateFinder.Rule(30, Duration.ofHours(6)));

    @Test
    void openTicketsOfTheSameCategoryNearbyAndRecentAreOfferedNearestFirst() {
        TicketId far = city.report(RIDER, MANHOLE, inGrid6(80, 0)).ticketId();
        TicketId near = city.report(RIDER, MANHOLE, inGrid6(20, 0)).ticketId();
        city.report(RIDER, MANHOLE, inGrid6(150, 0)); // beyond the 100 m radius
        city.report(RIDER, FLYING_WIRE, inGrid6(1, 0)); // another category
        city.clock.advance(Duration.ofHours(3));
        finder.catchUp();

        List<DuplicateFinder.Candidate> found = finder.candidates(MANHOLE.code(), inGrid6(0, 0), city.clock.instant());

        assertEquals(List.of(near, far), found.stream().map(DuplicateFinder.Candidate::ticketId).toList());
        assertEquals(20, found.get(0).distanceMetres(), 0.5);
        assertEquals(80, found.get(1).distanceMetres(), 0.5);
    }

    @Test
    void theWindowAndRadiusArePerCategory() {
        TicketId wire = city.report(RIDER, FLYING_WIRE, inGrid6(40, 0)).ticketId();
        TicketId manhole = city.report(RIDER, MANHOLE, inGrid6(40, 0)).ticketId();
        finder.catchUp();

        // manhole_cover: 100 m / 48 h; every other category: the default 30 m / 6 h.
        assertEquals(List.of(manhole), ids(finder.candidates(MANHOLE.code(), inGrid6(0, 0), city.clock.instant())));
        assertEquals(List.of(), ids(finder.candidates(FLYING_WIRE.code(), inGrid6(0, 0), city.clock.instant())),
                "40 m is beyond the default 30 m");
        assertEquals(List.of(wire), ids(finder.candidates(FLYING_WIRE.code(), inGrid6(20, 0), city.clock.instant())));
        Instant sevenHoursLater = city.clock.instant().plus(Duration.ofHours(7));
        assertEquals(List.of(), ids(finder.candidates(FLYING_WIRE.code(), inGrid6(20, 0), sevenHoursLater)),
                "beyond the default 6 h window");
        assertEquals(List.of(manhole), ids(finder.candidates(MANHOLE.code(), inGrid6(20, 0), sevenHoursLater)));
    }

    @Test
    void reportsOlderThanTheWindowOrClosedAreNoLongerCandidates() {
        TicketId old = city.report(RIDER, MANHOLE, inGrid6(10, 0)).ticketId();
        city.clock.advance(Duration.ofHours(47));
        TicketId cancelled = city.report(RIDER, MANHOLE, inGrid6(5, 0)).ticketId();
        city.engine.handle(new Cancel(city.cmd(), RIDER, cancelled, "reported twice by mistake"));
        TicketId recent = city.report(DRIVER, MANHOLE, inGrid6(30, 0)).ticketId();
        city.clock.advance(Duration.ofHours(2));
        finder.catchUp();

        assertEquals(List.of(recent), ids(finder.candidates(MANHOLE.code(), inGrid6(0, 0), city.clock.instant())),
                "the 49-hour-old report is outside the 48 h window; the cancelled one is closed");
        Instant before = DaqingCity.START.plus(Duration.ofHours(46));
        assertEquals(List.of(old), ids(finder.candidates(MANHOLE.code(), inGrid6(0, 0), before)),
                "at 46 h only the first report existed, and it was inside the window");
    }

    @Test
    void aPointReportedInGcj02IsComparedInWgs84() {
        GeoPoint wgs = inGrid6(0, 0);
        TicketId original = city.report(RIDER, MANHOLE, wgs).ticketId();
        finder.catchUp();
        GeoPoint sameSpotOnAmap = Coordinates.convert(wgs, CoordinateSystem.GCJ02);

        List<DuplicateFinder.Candidate> found = finder.candidates(MANHOLE.code(), sameSpotOnAmap, city.clock.instant());

        assertEquals(List.of(original), ids(found));
        assertTrue(found.get(0).distanceMetres() < 0.01, "distance " + found.get(0).distanceMetres());
    }

    @Test
    void mergingAddsAMeTooAndTheSecondReporterGetsTheResult() {
        TicketView original = city.report(RIDER, MANHOLE, inGrid6(0, 0));
        TicketView second = city.report(DRIVER, MANHOLE, inGrid6(15, 0));
        finder.catchUp();
        assertEquals(List.of(original.ticketId()), ids(finder.candidatesFor(second.ticketId())));

        city.engine.handle(new Merge(city.cmd(), COORDINATOR, second.ticketId(), original.ticketId()));
        finder.catchUp();

        assertEquals(TicketState.MERGED, city.engine.ticket(second.ticketId()).state());
        List<DuplicateFinder.Candidate> now = finder.candidates(MANHOLE.code(), inGrid6(0, 0), city.clock.instant());
        assertEquals(List.of(original.ticketId()), ids(now), "the merged duplicate is closed");
        assertEquals(1, now.get(0).meToo());

        TicketId id = original.ticketId();
        city.engine.handle(new Verify(city.cmd(), GRID6_STAFF, id, VerificationMethod.ON_SITE, null));
        city.engine.handle(new Dispatch(city.cmd(), COORDINATOR, id, YUANHANG, MUNICIPAL, List.of(), "grid 6"));
        city.engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, id));
        city.engine.handle(new Accept(city.cmd(), MUNICIPAL_HANDLER, id));
        city.engine.handle(new Resolve(city.cmd(), MUNICIPAL_HANDLER, id, "井盖已更换", List.of()));

        assertTrue(resultSentTo(RIDER, id), "the original reporter is told the result");
        assertTrue(resultSentTo(DRIVER, id), "so is the reporter of the merged duplicate");
    }

    @Test
    void badRulesAndQueriesAreRefusedWithTheField() {
        assertThrows(InvalidConfiguration.class, () -> new DuplicateFinder.Rule(0, Duration.ofHours(1)));
        assertThrows(InvalidConfiguration.class, () -> new DuplicateFinder.Rule(Double.NaN, Duration.ofHours(1)));
        assertThrows(InvalidConfiguration.class, () -> new DuplicateFinder.Rule(50, Duration.ZERO));
        var e = assertThrows(dev.civicloop.spi.InvalidInput.class,
                () -> finder.candidates(MANHOLE.code(), null, city.clock.instant()));
        assertEquals("point", e.field());
    }

    private boolean resultSentTo(Actor reporter, TicketId ticket) {
        return city.store.due(Instant.MAX, 1000).stream()
                .map(o -> o.notification())
                .filter(n -> n.ticketId().equals(ticket))
                .filter(n -> n.topic().equals("resolved"))
                .map(Notification::recipient)
                .anyMatch(r -> r.equals(Recipient.actor(reporter.id().value())));
    }

    private static List<TicketId> ids(List<DuplicateFinder.Candidate> cs) {
        return cs.stream().map(DuplicateFinder.Candidate::ticketId).toList();
    }
}
