package dev.civicloop.points;

import dev.civicloop.points.internal.Ids;
import dev.civicloop.spi.InvalidInput;
import java.time.Instant;

/**
 * An item of a community points supermarket (积分超市): what it is called, what it costs, how many
 * one member may have, when it can be reserved and where it is picked up. Its stock is not here:
 * units live in the ledger ({@link PointsSupermarket#restock}). Every component is checked; an
 * {@link InvalidInput} names the component.
 *
 * <pre>{@code
 * CatalogueItem toy = CatalogueItem.of("toy-car", "玩具车", "Toy car", 100)
 *         .withPerMemberLimit(1)
 *         .withPickupPlace("远航社区服务站 Yuanhang community service station");
 * }</pre>
 *
 * @param code the item's code, used in its ledger accounts ({@code stock:<code>}) and asset
 *     ({@code item:<code>}): ASCII letters, digits, '.', '_' or '-', at most 64
 * @param cost points per unit, at least 1
 * @param perMemberLimit units one member may hold or have received, at least 1
 *     ({@link Integer#MAX_VALUE}: no limit)
 * @param activeFrom the first instant the item can be reserved
 * @param activeUntil the instant from which it can no longer be reserved; {@code null}: no end
 */
public record CatalogueItem(
        String code,
        String nameZh,
        String nameEn,
        long cost,
        int perMemberLimit,
        Instant activeFrom,
        Instant activeUntil,
        String pickupPlace) {
    public CatalogueItem {
        Ids.code("code", code);
        Ids.text("nameZh", nameZh, 200);
        Ids.text("nameEn", nameEn, 200);
        if (cost < 1) {
            throw new InvalidInput("cost", "must be at least 1 point, was " + cost);
        }
        if (perMemberLimit < 1) {
            throw new InvalidInput("perMemberLimit", "must be at least 1, was " + perMemberLimit);
        }
        Ids.required("activeFrom", activeFrom);
        if (activeUntil != null && !activeUntil.isAfter(activeFrom)) {
            throw new InvalidInput("activeUntil", "must be after activeFrom " + activeFrom + ", was " + activeUntil);
        }
        Ids.text("pickupPlace", pickupPlace, 500);
    }

    /** An item active from the epoch on, without a per-member limit, picked up at the community service station. */
    public static CatalogueItem of(String code, String nameZh, String nameEn, long cost) {
        return new CatalogueItem(code, nameZh, nameEn, cost, Integer.MAX_VALUE, Instant.EPOCH, null,
                "community service station");
    }

    public CatalogueItem withPerMemberLimit(int limit) {
        return new CatalogueItem(code, nameZh, nameEn, cost, limit, activeFrom, activeUntil, pickupPlace);
    }

    /** @param until {@code null}: no end */
    public CatalogueItem withActiveWindow(Instant from, Instant until) {
        return new CatalogueItem(code, nameZh, nameEn, cost, perMemberLimit, from, until, pickupPlace);
    }

    public CatalogueItem withPickupPlace(String place) {
        return new CatalogueItem(code, nameZh, nameEn, cost, perMemberLimit, activeFrom, activeUntil, place);
    }

    public CatalogueItem withCost(long points) {
        return new CatalogueItem(code, nameZh, nameEn, points, perMemberLimit, activeFrom, activeUntil, pickupPlace);
    }

    /** Whether the item can be reserved at {@code t}. */
    public boolean activeAt(Instant t) {
        return !t.isBefore(activeFrom) && (activeUntil == null || t.isBefore(activeUntil));
    }
}
