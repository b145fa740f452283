package dev.civicloop.core;

import static dev.civicloop.core.SeedCity.DRIVER;
import static dev.civicloop.core.SeedCity.GRID_6;
import static dev.civicloop.core.SeedCity.MANHOLE;
import static dev.civicloop.core.SeedCity.YUANHANG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.core.command.Claim;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.command.Report;
import dev.civicloop.core.command.Verify;
import dev.civicloop.spi.NotAuthorized;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** With the city's directory, the engine authorises who an actor is, not who the caller says they are. */
class ActorDirectoryTest {
    private final SeedCity city = new SeedCity();
    private final Map<ActorId, Actor> directory = new HashMap<>();
    private final GovernanceEngine engine = city.builder().actors(id -> Optional.ofNullable(directory.get(id))).build();

    @Test
    void anActiveMemberReportsWithTheRolesTheDirectoryGives() {
        directory.put(DRIVER.id(), DRIVER);
        TicketView t = engine.handle(city.report(DRIVER, MANHOLE, GRID_6));
        assertEquals(DRIVER.id(), t.reporter());
    }

    @Test
    void aSuspendedOrUnknownMemberCanDoNothingAndTheStoreIsUnchanged() {
        NotAuthorized e = assertThrows(NotAuthorized.class, () -> engine.handle(city.report(DRIVER, MANHOLE, GRID_6)));
        assertTrue(e.getMessage().startsWith("zhang-guolong is not an active member or staff the city knows"), e.getMessage());
        assertEquals(List.of(), city.store.readAfter(0, 10));
    }

    @Test
    void rolesTheCallerClaimsButTheDirectoryDoesNotGiveAreRefused() {
        directory.put(DRIVER.id(), DRIVER);
        TicketView t = engine.handle(city.report(DRIVER, MANHOLE, GRID_6));
        // The driver's phone app claims to be community staff of 远航社区; the city's records say otherwise.
        Actor claimed = Actor.of(DRIVER.id().value(), Set.of(Role.COMMUNITY_STAFF), Set.of(YUANHANG), Set.of());
        directory.put(SeedCity.COORDINATOR.id(), SeedCity.COORDINATOR);
        directory.put(SeedCity.GRID6_STAFF.id(), SeedCity.GRID6_STAFF);
        engine.handle(new Verify(city.cmd(), SeedCity.GRID6_STAFF, t.ticketId(), VerificationMethod.BY_PHOTO, null));
        engine.handle(new Dispatch(city.cmd(), SeedCity.COORDINATOR, t.ticketId(), YUANHANG,
                SeedCity.MUNICIPAL, List.of(), "grid 6"));
        long before = city.store.readAfter(0, 100).size();

        assertThrows(NotAuthorized.class, () -> engine.handle(new Claim(city.cmd(), claimed, t.ticketId())));
        assertEquals(before, city.store.readAfter(0, 100).size());
    }

    @Test
    void withoutADirectoryTheCommandsActorIsTrusted() {
        GovernanceEngine plain = city.builder().build();
        Report r = city.report(DRIVER, MANHOLE, GRID_6);
        assertEquals(DRIVER.id(), plain.handle(r).reporter());
    }
}
