package dev.civicloop.points;

import dev.civicloop.spi.model.ActorId;
import java.util.List;

/**
 * What a member sees under "my points": every posting on their account, newest first, with the
 * running balance and the explanation each posting carries, so a balance is never an opaque
 * number. A redemption shows as the {@code hold} that took the points (and a {@code release} if it
 * was cancelled or expired).
 *
 * <pre>{@code
 * MemberHistory h = honours.history(ActorId.of("rider-7"));
 * h.entries().get(0).details().get("rule"); // why the latest points came
 * }</pre>
 */
public record MemberHistory(ActorId member, long balance, List<HistoryEntry> entries) {
    public MemberHistory {
        entries = List.copyOf(entries);
    }
}
