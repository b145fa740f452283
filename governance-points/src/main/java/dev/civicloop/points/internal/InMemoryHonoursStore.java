package dev.civicloop.points.internal;

import dev.civicloop.points.HonourRefused;
import dev.civicloop.points.HonoursStore;
import dev.civicloop.points.PioneerDecision;
import dev.civicloop.spi.ConcurrencyConflict;
import dev.civicloop.spi.DuplicateCommand;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The gold-pioneer history in memory; every operation runs under one lock. */
public final class InMemoryHonoursStore implements HonoursStore {
    private final Map<CommandId, PioneerDecision> byId = new HashMap<>();
    private final Map<CommandId, List<PioneerDecision>> byNomination = new HashMap<>();
    private final Map<ActorId, List<PioneerDecision>> byMember = new HashMap<>();
    private final Map<YearMonth, List<PioneerDecision>> byMonth = new HashMap<>();

    @Override
    public synchronized void append(PioneerDecision d, int expectedVersion) {
        if (d == null) {
            throw new InvalidInput("decision", "is required");
        }
        if (byId.containsKey(d.id())) {
            throw new DuplicateCommand(d.id().value(), "is already recorded as " + byId.get(d.id()).kind());
        }
        int actual = byNomination.getOrDefault(d.nomination(), List.of()).size();
        if (actual != expectedVersion) {
            // The SPI's conflict names accounts or tickets; a nomination is the subject here.
            throw ConcurrencyConflict.on("nomination " + d.nomination(), expectedVersion, actual);
        }
        if (d.kind() == PioneerDecision.Kind.APPROVED) {
            for (PioneerDecision o : byMember.getOrDefault(d.member(), List.of())) {
                if (o.kind() == PioneerDecision.Kind.APPROVED && o.month().equals(d.month())) {
                    throw new HonourRefused(HonourRefused.Reason.ALREADY_AWARDED, d.member() + " is already the gold pioneer of "
                            + d.month() + " (approved by " + o.id() + ")");
                }
            }
        }
        byId.put(d.id(), d);
        byNomination.computeIfAbsent(d.nomination(), k -> new ArrayList<>()).add(d);
        byMember.computeIfAbsent(d.member(), k -> new ArrayList<>()).add(d);
        byMonth.computeIfAbsent(d.month(), k -> new ArrayList<>()).add(d);
    }

    @Override
    public synchronized Optional<PioneerDecision> decision(CommandId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<PioneerDecision> nomination(CommandId nomination) {
        return List.copyOf(byNomination.getOrDefault(nomination, List.of()));
    }

    @Override
    public synchronized List<PioneerDecision> ofMember(ActorId member) {
        return List.copyOf(byMember.getOrDefault(member, List.of()));
    }

    @Override
    public synchronized List<PioneerDecision> ofMonth(YearMonth month) {
        return List.copyOf(byMonth.getOrDefault(month, List.of()));
    }
}
