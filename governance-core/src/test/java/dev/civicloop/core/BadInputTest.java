package dev.civicloop.core;

import static dev.civicloop.core.SeedCity.COORDINATOR;
import static dev.civicloop.core.SeedCity.DRIVER;
import static dev.civicloop.core.SeedCity.GRID6_STAFF;
import static dev.civicloop.core.SeedCity.GRID_6;
import static dev.civicloop.core.SeedCity.MANHOLE;
import static dev.civicloop.core.SeedCity.MUNICIPAL;
import static dev.civicloop.core.SeedCity.MUNICIPAL_HANDLER;
import static dev.civicloop.core.SeedCity.RIDER;
import static dev.civicloop.core.SeedCity.SUPERVISOR;
import static dev.civicloop.core.SeedCity.YUANHANG;
import static dev.civicloop.core.SeedCity.YUANHANG_STAFF;
import static dev.civicloop.core.SeedCity.sanxi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.core.command.Answer;
import dev.civicloop.core.command.Cancel;
import dev.civicloop.core.command.Claim;
import dev.civicloop.core.command.Confirm;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.command.Escalate;
import dev.civicloop.core.command.Merge;
import dev.civicloop.core.command.NoteProgress;
import dev.civicloop.core.command.Reject;
import dev.civicloop.core.command.RejectAsFalse;
import dev.civicloop.core.command.Reopen;
import dev.civicloop.core.command.Report;
import dev.civicloop.core.command.Resolve;
import dev.civicloop.core.command.Return;
import dev.civicloop.core.command.TicketCommand;
import dev.civicloop.core.command.Verify;
import dev.civicloop.spi.DuplicateCommand;
import dev.civicloop.spi.GovernanceException;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.GeoPoint;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.Media;
import dev.civicloop.spi.model.MediaKind;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Satisfaction;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import dev.civicloop.spi.store.TicketQuery;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input from a phone or a form is refused with a typed exception that names the field and
 * the rule, whether the check is in a value's constructor or in the engine, and nothing is stored.
 */
class BadInputTest {
    static final String SHA = "a".repeat(64);
    static final URI PHOTO_URI = URI.create("media://sha256/" + SHA);

    final SeedCity city = new SeedCity();
    final GovernanceEngine engine = city.engine();

    // ---------------------------------------------------------------- helpers

    /** Runs {@code action} (building values and handling the command), expects {@code type}, and the store unchanged. */
    <T extends GovernanceException> T refused(Class<T> type, Executable action) {
        StoreSnapshot before = StoreSnapshot.of(city.store);
        T e = assertThrows(type, action);
        assertEquals(before, StoreSnapshot.of(city.store), "a refused command stores nothing");
        assertEquals(before.eventCount(), city.store.readAfter(0, 100_000).size());
        return e;
    }

    /** Expects an {@link InvalidInput} naming {@code field} with a rule that mentions {@code ruleMentions}. */
    InvalidInput invalid(String field, String ruleMentions, Executable action) {
        InvalidInput e = refused(InvalidInput.class, action);
        assertEquals(field, e.field(), e.getMessage());
        assertFalse(e.rule().isBlank());
        assertTrue(e.rule().contains(ruleMentions), "rule '" + e.rule() + "' should mention '" + ruleMentions + "'");
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
        return e;
    }

    void assertNoTicketCreated() {
        assertTrue(engine.tickets(TicketQuery.all()).items().isEmpty(), "no ticket was created");
        assertTrue(city.store.readAfter(0, 100).isEmpty());
        assertThrows(NotFound.class, () -> engine.ticket(TicketId.of("T1")));
    }

    Report report(String category, Location location, String description, List<Media> media) {
        return new Report(city.cmd(), DRIVER, category, location, description, media, GRID_6);
    }

    static Media photo(long size) {
        return Media.of(MediaKind.PHOTO, PHOTO_URI, "image/jpeg", size, SHA);
    }

    TicketView submitted() {
        return engine.handle(city.report(DRIVER, MANHOLE, GRID_6));
    }

    // ---------------------------------------------------------------- the report

    @Test
    void missingCategoryIsRefused() {
        invalid("category", "required", () -> engine.handle(report(null, sanxi(), "井盖翘起", List.of())));
        invalid("category", "blank", () -> engine.handle(report("  ", sanxi(), "井盖翘起", List.of())));
        assertNoTicketCreated();
    }

    @Test
    void unknownCategoryIsRefusedListingTheKnownOnes() {
        InvalidInput e = invalid("category", "ufo_sighting", () -> engine.handle(report("ufo_sighting", sanxi(), "lights", List.of())));
        assertTrue(e.rule().contains("manhole_cover"), "lists the known categories: " + e.rule());
        assertNoTicketCreated();
    }

    @Test
    void unknownOrgUnitIsRefused() {
        invalid("orgUnit", "grid-99", () -> engine.handle(
                new Report(city.cmd(), DRIVER, MANHOLE.code(), sanxi(), "井盖翘起", List.of(), OrgUnitId.of("grid-99"))));
        assertNoTicketCreated();
    }

    @Test
    void latitudeOutsideMinus90To90IsRefused() {
        invalid("latitude", "91", () -> engine.handle(report(MANHOLE.code(), Location.at(GeoPoint.wgs84(91, 124.87)), "x", List.of())));
        invalid("latitude", "-90.5", () -> GeoPoint.wgs84(-90.5, 124.87));
        invalid("longitude", "180.1", () -> GeoPoint.wgs84(46.58, 180.1));
        assertNoTicketCreated();
        // The edges are fine.
        assertEquals(TicketState.SUBMITTED,
                engine.handle(report(MANHOLE.code(), Location.at(GeoPoint.wgs84(90, -180)), "pole", List.of())).state());
    }

    @Test
    void notANumberOrInfiniteCoordinatesAreRefused() {
        invalid("latitude", "NaN", () -> engine.handle(report(MANHOLE.code(),
                Location.at(GeoPoint.wgs84(Double.NaN, Double.NaN)), "x", List.of())));
        invalid("longitude", "NaN", () -> GeoPoint.wgs84(46.58, Double.NaN));
        invalid("latitude", "Infinity", () -> GeoPoint.wgs84(Double.POSITIVE_INFINITY, 124.87));
        assertNoTicketCreated();
    }

    @Test
    void locationNeedsAPointOrAnAddress() {
        invalid("location", "point or an address", () -> engine.handle(report(MANHOLE.code(), new Location(null, null), "x", List.of())));
        invalid("location", "required", () -> engine.handle(report(MANHOLE.code(), null, "x", List.of())));
        assertNoTicketCreated();
    }

    @Test
    void descriptionOver4000CharactersIsRefused_4000IsAccepted() {
        invalid("description", "4000", () -> engine.handle(report(MANHOLE.code(), sanxi(), "井".repeat(4001), List.of())));
        invalid("description", "blank", () -> engine.handle(report(MANHOLE.code(), sanxi(), " \n ", List.of())));
        assertNoTicketCreated();
        TicketView t = engine.handle(report(MANHOLE.code(), sanxi(), "井".repeat(Report.MAX_DESCRIPTION), List.of()));
        assertEquals(4000, t.description().length());
    }

    @Test
    void mediaWithZeroBytesIsRefused() {
        invalid("sizeBytes", "more than 0", () -> engine.handle(report(MANHOLE.code(), sanxi(), "photo attached", List.of(photo(0)))));
        invalid("sizeBytes", "-1", () -> photo(-1));
        invalid("contentType", "type/subtype", () -> Media.of(MediaKind.VOICE, PHOTO_URI, "voice", 10, SHA));
        invalid("sha256", "hex", () -> Media.of(MediaKind.PHOTO, PHOTO_URI, "image/jpeg", 10, "abc"));
        invalid("media[1]", "required", () -> engine.handle(report(MANHOLE.code(), sanxi(), "photos",
                java.util.Arrays.asList(photo(10), null))));
        assertNoTicketCreated();
    }

    @Test
    void zeroByteEvidenceOnAResultIsRefused() {
        TicketView t = new TicketDriver(city, engine).closedLoop(TicketState.IN_HANDLING, DRIVER);
        invalid("sizeBytes", "0", () -> engine.handle(
                new Resolve(city.cmd(), MUNICIPAL_HANDLER, t.ticketId(), "cover replaced", List.of(photo(0)))));
        assertEquals(t, engine.ticket(t.ticketId()));
    }

    // ---------------------------------------------------------------- ids

    @Test
    void blankOrSpacedIdsAreRefused() {
        Map<String, Function<String, Object>> ids = Map.of(
                "commandId", CommandId::of,
                "ticketId", TicketId::of,
                "actorId", ActorId::of,
                "orgUnitId", OrgUnitId::of,
                "departmentId", DepartmentId::of);
        ids.forEach((field, make) -> {
            invalid(field, "blank", () -> make.apply(""));
            invalid(field, "blank", () -> make.apply("   "));
            invalid(field, "white space", () -> make.apply("c 1"));
            invalid(field, "128", () -> make.apply("x".repeat(129)));
        });
        invalid("commandId", "required", () -> engine.handle(
                new Report(null, DRIVER, MANHOLE.code(), sanxi(), "x", List.of(), GRID_6)));
        invalid("ticketId", "required", () -> engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, null)));
        assertNoTicketCreated();
    }

    @Test
    void commandOnAnUnknownTicketIsNotFound() {
        submitted();
        refused(NotFound.class, () -> engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, TicketId.of("T404"))));
    }

    // ---------------------------------------------------------------- idempotency

    @Test
    void sameCommandIdWithTheSamePayloadReturnsTheFirstResultAndStoresNothing() {
        Report r = city.report(DRIVER, MANHOLE, GRID_6);
        TicketView first = engine.handle(r);
        StoreSnapshot before = StoreSnapshot.of(city.store);
        assertEquals(first, engine.handle(r));
        assertEquals(first, engine.handle(new Report(r.commandId(), r.actor(), r.category(), r.location(), r.description(),
                r.media(), r.orgUnit())));
        assertEquals(before, StoreSnapshot.of(city.store));
    }

    @Test
    void commandIdReusedWithADifferentPayloadIsDuplicateCommand() {
        Report r = city.report(DRIVER, MANHOLE, GRID_6);
        TicketView t = engine.handle(r);
        CommandId used = r.commandId();

        DuplicateCommand d1 = refused(DuplicateCommand.class, () -> engine.handle(
                new Report(used, DRIVER, MANHOLE.code(), sanxi(), "a different description", List.of(), GRID_6)));
        assertEquals(used.value(), d1.commandId());
        assertTrue(d1.getMessage().contains(used.value()));

        DuplicateCommand d2 = refused(DuplicateCommand.class, () -> engine.handle(
                new Verify(used, GRID6_STAFF, t.ticketId(), VerificationMethod.ON_SITE, null)));
        assertEquals(used.value(), d2.commandId());

        CommandId verifyId = city.cmd();
        engine.handle(new Verify(verifyId, GRID6_STAFF, t.ticketId(), VerificationMethod.ON_SITE, null));
        refused(DuplicateCommand.class, () -> engine.handle(
                new Verify(verifyId, GRID6_STAFF, t.ticketId(), VerificationMethod.BY_PHOTO, null)));
        assertEquals(TicketState.VERIFIED, engine.ticket(t.ticketId()).state());
        assertEquals(2, engine.ticket(t.ticketId()).version());
    }

    // ---------------------------------------------------------------- reasons, notes, results

    @Test
    void reasonsNotesAndResultsOver2000CharactersAreRefused() {
        TicketId id = submitted().ticketId();
        String tooLong = "理".repeat(TicketCommand.MAX_TEXT + 1);
        List<Map.Entry<String, Executable>> commands = List.of(
                Map.entry("reason", () -> engine.handle(new Reject(city.cmd(), COORDINATOR, id, tooLong))),
                Map.entry("reason", () -> engine.handle(new RejectAsFalse(city.cmd(), GRID6_STAFF, id, tooLong))),
                Map.entry("reason", () -> engine.handle(new Cancel(city.cmd(), DRIVER, id, tooLong))),
                Map.entry("reason", () -> engine.handle(new Return(city.cmd(), YUANHANG_STAFF, id, tooLong))),
                Map.entry("reason", () -> engine.handle(new Reopen(city.cmd(), DRIVER, id, tooLong))),
                Map.entry("reason", () -> engine.handle(new Escalate(city.cmd(), SUPERVISOR, id, tooLong))),
                Map.entry("reason", () -> engine.handle(new Dispatch(city.cmd(), COORDINATOR, id, YUANHANG, MUNICIPAL, List.of(), tooLong))),
                Map.entry("note", () -> engine.handle(new NoteProgress(city.cmd(), MUNICIPAL_HANDLER, id, tooLong))),
                Map.entry("note", () -> engine.handle(new Verify(city.cmd(), GRID6_STAFF, id, VerificationMethod.ON_SITE, tooLong))),
                Map.entry("result", () -> engine.handle(new Resolve(city.cmd(), MUNICIPAL_HANDLER, id, tooLong, List.of()))),
                Map.entry("answer", () -> engine.handle(new Answer(city.cmd(), YUANHANG_STAFF, id, tooLong))),
                Map.entry("comment", () -> engine.handle(new Confirm(city.cmd(), DRIVER, id, Satisfaction.SATISFIED, tooLong))));
        commands.forEach(c -> invalid(c.getKey(), "2000", c.getValue()));
        assertEquals(1, engine.ticket(id).version());

        // Exactly 2000 is fine.
        TicketView rejected = engine.handle(new Reject(city.cmd(), COORDINATOR, id, "理".repeat(TicketCommand.MAX_TEXT)));
        assertEquals(TicketState.REJECTED, rejected.state());
    }

    @Test
    void blankOrMissingReasonsAreRefusedWhereAReasonIsRequired() {
        TicketId id = submitted().ticketId();
        invalid("reason", "blank", () -> engine.handle(new Reject(city.cmd(), COORDINATOR, id, "  ")));
        invalid("reason", "required", () -> engine.handle(new RejectAsFalse(city.cmd(), GRID6_STAFF, id, null)));
        invalid("reason", "blank", () -> engine.handle(new Cancel(city.cmd(), DRIVER, id, "")));
        invalid("satisfaction", "required", () -> engine.handle(new Confirm(city.cmd(), DRIVER, id, null, null)));
        assertEquals(1, engine.ticket(id).version());
    }

    // ---------------------------------------------------------------- checks only the engine can make

    @Test
    void dispatchToAnUnknownOrNonCommunityUnitOrUnknownOrRepeatedDepartmentIsRefused() {
        TicketId id = new TicketDriver(city, engine).closedLoop(TicketState.VERIFIED, DRIVER).ticketId();
        invalid("community", "nowhere", () -> engine.handle(
                new Dispatch(city.cmd(), COORDINATOR, id, OrgUnitId.of("nowhere"), MUNICIPAL, List.of(), "x")));
        invalid("community", "COMMUNITY", () -> engine.handle(
                new Dispatch(city.cmd(), COORDINATOR, id, GRID_6, MUNICIPAL, List.of(), "x")));
        invalid("lead", "water-co", () -> engine.handle(
                new Dispatch(city.cmd(), COORDINATOR, id, YUANHANG, DepartmentId.of("water-co"), List.of(), "x")));
        invalid("coHandlers[0]", "twice", () -> engine.handle(
                new Dispatch(city.cmd(), COORDINATOR, id, YUANHANG, MUNICIPAL, List.of(MUNICIPAL), "x")));
        invalid("coHandlers[1]", "water-co", () -> engine.handle(
                new Dispatch(city.cmd(), COORDINATOR, id, YUANHANG, MUNICIPAL, List.of(SeedCity.FIRE, DepartmentId.of("water-co")), "x")));
        assertEquals(TicketState.VERIFIED, engine.ticket(id).state());
    }

    @Test
    void mergeIntoItselfAnUnknownOrAClosedTicketIsRefused() {
        TicketDriver drive = new TicketDriver(city, engine);
        TicketId closed = drive.closedLoop(TicketState.CLOSED, RIDER).ticketId();
        TicketId id = submitted().ticketId();
        invalid("into", "itself", () -> engine.handle(new Merge(city.cmd(), COORDINATOR, id, id)));
        invalid("into", "T404", () -> engine.handle(new Merge(city.cmd(), COORDINATOR, id, TicketId.of("T404"))));
        invalid("into", "CLOSED", () -> engine.handle(new Merge(city.cmd(), COORDINATOR, id, closed)));
        assertEquals(TicketState.SUBMITTED, engine.ticket(id).state());
        assertTrue(engine.ticket(closed).meTooReporters().isEmpty());
    }
}
