package dev.civicloop.core;

import static dev.civicloop.core.SeedCity.CATEGORIES;
import static dev.civicloop.core.SeedCity.COORDINATOR;
import static dev.civicloop.core.SeedCity.DEPARTMENTS;
import static dev.civicloop.core.SeedCity.DRIVER;
import static dev.civicloop.core.SeedCity.GRID6_STAFF;
import static dev.civicloop.core.SeedCity.GRID_6;
import static dev.civicloop.core.SeedCity.MANHOLE;
import static dev.civicloop.core.SeedCity.MUNICIPAL;
import static dev.civicloop.core.SeedCity.MUNICIPAL_HANDLER;
import static dev.civicloop.core.SeedCity.ORG_UNITS;
import static dev.civicloop.core.SeedCity.YUANHANG;
import static dev.civicloop.core.SeedCity.YUANHANG_STAFF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.civicloop.core.command.Accept;
import dev.civicloop.core.command.Claim;
import dev.civicloop.core.command.Confirm;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.command.Resolve;
import dev.civicloop.core.command.Verify;
import dev.civicloop.core.guice.GovernanceModule;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.Satisfaction;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Notifier;
import dev.civicloop.spi.store.TicketStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The Guice module wires the same engine the plain builder makes: bind a store (and optionally a
 * clock and a notifier), pass the city's configuration, inject a {@link GovernanceEngine}.
 */
class GuiceModuleTest {

    /** The seed city's configuration, as an embedder would hand it to the module. */
    static GovernanceModule seedCityModule() {
        AtomicInteger ids = new AtomicInteger();
        return new GovernanceModule(b -> b.orgUnits(ORG_UNITS).departments(DEPARTMENTS).categories(CATEGORIES)
                .ticketIds(() -> TicketId.of("T" + ids.incrementAndGet())));
    }

    /** Report → verify → dispatch → claim → accept → resolve → confirm, the manhole cover of seed 002. */
    static TicketView runManholeToClosed(GovernanceEngine engine, SeedCity city) {
        TicketView t = engine.handle(city.report(DRIVER, MANHOLE, GRID_6));
        engine.handle(new Verify(city.cmd(), GRID6_STAFF, t.ticketId(), VerificationMethod.BY_PHOTO, null));
        engine.handle(new Dispatch(city.cmd(), COORDINATOR, t.ticketId(), YUANHANG, MUNICIPAL, List.of(), "grid 6 → 远航社区"));
        engine.handle(new Claim(city.cmd(), YUANHANG_STAFF, t.ticketId()));
        engine.handle(new Accept(city.cmd(), MUNICIPAL_HANDLER, t.ticketId()));
        engine.handle(new Resolve(city.cmd(), MUNICIPAL_HANDLER, t.ticketId(), "cover reset the same day", List.of()));
        return engine.handle(new Confirm(city.cmd(), DRIVER, t.ticketId(), Satisfaction.SATISFIED, "fast"));
    }

    @Test
    void injectedEngineRunsAManholeFromReportToClosed_exactlyAsTheBuilderEngineDoes() {
        SeedCity viaGuice = new SeedCity();
        List<Notification> delivered = new CopyOnWriteArrayList<>();
        Notifier recorder = delivered::add;
        Injector injector = Guice.createInjector(seedCityModule(), binder -> {
            binder.bind(TicketStore.class).toInstance(viaGuice.store);
            binder.bind(Clock.class).toInstance(viaGuice.clock);
            binder.bind(Notifier.class).toInstance(recorder);
        });
        GovernanceEngine injected = injector.getInstance(GovernanceEngine.class);
        assertSame(injected, injector.getInstance(GovernanceEngine.class), "one engine per injector");

        TicketView closed = runManholeToClosed(injected, viaGuice);
        assertEquals(TicketState.CLOSED, closed.state());
        assertEquals(Satisfaction.SATISFIED, closed.satisfaction());
        assertEquals(SeedCity.MONDAY_9AM, closed.reportedAt(), "the bound clock is the engine's clock");

        // The same commands through the plain builder give the same ticket and the same history.
        SeedCity viaBuilder = new SeedCity();
        GovernanceEngine built = viaBuilder.engine();
        TicketView same = runManholeToClosed(built, viaBuilder);
        assertEquals(same, closed);
        assertEquals(built.history(same.ticketId()), injected.history(closed.ticketId()));
        assertEquals(built.statistics(YUANHANG, SeedCity.MONDAY_9AM, SeedCity.MONDAY_9AM.plusSeconds(3600)),
                injected.statistics(YUANHANG, SeedCity.MONDAY_9AM, SeedCity.MONDAY_9AM.plusSeconds(3600)));

        // The bound notifier delivers the outbox.
        int n = injected.deliverNotifications();
        assertTrue(n > 0, "the loop owes the reporter feedback at least");
        assertEquals(n, delivered.size());
        assertEquals(0, viaGuice.store.pendingCount());
        assertTrue(delivered.stream().allMatch(d -> d.ticketId().equals(closed.ticketId())));
    }

    @Test
    void withoutClockOrNotifierBindingsTheBuilderDefaultsApply() {
        SeedCity city = new SeedCity();
        Injector injector = Guice.createInjector(seedCityModule(),
                binder -> binder.bind(TicketStore.class).toInstance(city.store));
        GovernanceEngine engine = injector.getInstance(GovernanceEngine.class);
        TicketView t = engine.handle(city.report(SeedCity.RIDER, SeedCity.GAS_LEAK, GRID_6));
        assertEquals(TicketState.DISPATCHED, t.state(), "urgent: auto-dispatched on report");
        assertFalse(t.reportedAt().equals(SeedCity.MONDAY_9AM), "the system clock, not the seed's test clock");
        long pending = city.store.pendingCount();
        assertTrue(pending > 0, "the dispatch notifies the community and the departments");
        assertEquals(pending, engine.deliverNotifications(), "the default notifier logs and succeeds");
        assertEquals(0, city.store.pendingCount());
    }

    @Test
    void theCityCallbackSetsAnyBuilderOption_hereTheReminderLead() {
        SeedCity city = new SeedCity();
        Injector injector = Guice.createInjector(
                new GovernanceModule(b -> b.orgUnits(ORG_UNITS).departments(DEPARTMENTS).categories(CATEGORIES)
                        .remindBefore(java.time.Duration.ofHours(1))),
                binder -> {
                    binder.bind(TicketStore.class).toInstance(city.store);
                    binder.bind(Clock.class).toInstance(city.clock);
                });
        GovernanceEngine engine = injector.getInstance(GovernanceEngine.class);
        TicketView t = city.dispatchedManhole(engine);
        RunningDeadline claim = t.deadline("claim").orElseThrow();
        assertEquals(claim.dueAt().minus(java.time.Duration.ofHours(1)), claim.remindAt());
        city.clock.set(claim.remindAt());
        assertEquals(2, engine.remindDeadlines(), "claim and resolve, both due Tuesday 09:00");
    }
}
