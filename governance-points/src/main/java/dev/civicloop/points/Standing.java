package dev.civicloop.points;

import dev.civicloop.spi.model.ActorId;
import java.time.Instant;

/**
 * One line of a {@link Leaderboard}: {@code rank} 1 is the top. Ties in points are broken by who
 * reached their total first ({@code reachedAt}, the time of the posting that last changed it), then
 * by member id, so every member has a rank of their own.
 */
public record Standing(int rank, ActorId member, long points, Instant reachedAt) {}
