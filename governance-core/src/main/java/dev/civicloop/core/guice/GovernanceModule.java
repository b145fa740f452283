package dev.civicloop.core.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.spi.model.ActorDirectory;
import dev.civicloop.spi.notify.Notifier;
import dev.civicloop.spi.store.TicketStore;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Wires a {@link GovernanceEngine} with Guice, the same engine the plain builder makes. Bind a
 * {@link TicketStore}; optionally bind a {@link Clock}, a {@link Notifier} and an
 * {@link ActorDirectory}; pass the city's
 * configuration (org tree, departments, categories…) as a builder callback.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(
 *         new GovernanceModule(b -> b.orgUnits(units).departments(departments).categories(categories)),
 *         binder -> binder.bind(TicketStore.class).toInstance(new InMemoryTicketStore()));
 * GovernanceEngine engine = injector.getInstance(GovernanceEngine.class);
 * }</pre>
 */
public final class GovernanceModule extends AbstractModule {
    private final Consumer<GovernanceEngine.Builder> city;

    public GovernanceModule(Consumer<GovernanceEngine.Builder> cityConfiguration) {
        this.city = java.util.Objects.requireNonNull(cityConfiguration, "cityConfiguration");
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), Clock.class);
        OptionalBinder.newOptionalBinder(binder(), Notifier.class);
        OptionalBinder.newOptionalBinder(binder(), ActorDirectory.class);
    }

    @Provides
    @Singleton
    GovernanceEngine engine(TicketStore store, Optional<Clock> clock, Optional<Notifier> notifier,
            Optional<ActorDirectory> actors) {
        GovernanceEngine.Builder b = GovernanceEngine.builder().store(store);
        clock.ifPresent(b::clock);
        notifier.ifPresent(b::notifier);
        actors.ifPresent(b::actors);
        city.accept(b);
        return b.build();
    }
}
