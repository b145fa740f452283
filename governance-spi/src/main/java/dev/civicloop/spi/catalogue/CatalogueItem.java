package dev.civicloop.spi.catalogue;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.internal.Check;
import java.time.Instant;

/**
 * An item of a community points supermarket (积分超市): what it is called, what it costs, how many
 * one member may have, when it can be reserved and where it is picked up. Its stock is not here:
 * units live in the ledger ({@code PointsSupermarket.restock}). Every component is checked; an
 * {@link InvalidInput} names the component. A {@link CatalogueStore} keeps items as
 * {@link CatalogueEntry entries}, with a version and a retirement.
 *
 * <pre>{@code
 * CatalogueItem toy = CatalogueItem.of("toy-car", "玩具车", "Toy car", 100)
 *         .withPerMemberLimit(1)
 *         .withPickupPlace("远航社区服务站 Yuanhang community service station");
 * }</pre>
 *
 * @param code the item's code, used in its ledger accounts ({@code stock:<code>}) and asset
 *     ({@code item:<code>}): ASCII letters, digits, '.', '_' or '-', at most {@value #MAX_CODE}
 * @param nameZh the Chinese name, at most {@value #MAX_NAME} characters, no NUL (U+0000)
 * @param nameEn the English name, at most {@value #MAX_NAME} characters, no NUL (U+0000)
 * @param cost points per unit, at least 1
 * @param perMemberLimit units one member may hold or have received, at least 1
 *     ({@link Integer#MAX_VALUE}: no limit)
 * @param activeFrom the first instant the item can be reserved
 * @param activeUntil the instant from which it can no longer be reserved; {@code null}: no end
 * @param pickupPlace where a reserved unit is handed over, at most {@value #MAX_PICKUP_PLACE} characters, no NUL
 *     (U+0000)
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
    /** The longest item code. */
    public static final int MAX_CODE = 64;
    /** The longest name, in either language. */
    public static final int MAX_NAME = 200;
    /** The longest pickup place. */
    public static final int MAX_PICKUP_PLACE = 500;

    public CatalogueItem {
        Check.text("code", code, MAX_CODE);
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-'))) {
                throw new InvalidInput("code", "must use only ASCII letters, digits, '.', '_' or '-', was '" + code + "'");
            }
        }
        noNul("nameZh", Check.text("nameZh", nameZh, MAX_NAME));
        noNul("nameEn", Check.text("nameEn", nameEn, MAX_NAME));
        if (cost < 1) {
            throw new InvalidInput("cost", "must be at least 1 point, was " + cost);
        }
        if (perMemberLimit < 1) {
            throw new InvalidInput("perMemberLimit", "must be at least 1, was " + perMemberLimit);
        }
        Check.notNull("activeFrom", activeFrom);
        if (activeUntil != null && !activeUntil.isAfter(activeFrom)) {
            throw new InvalidInput("activeUntil", "must be after activeFrom " + activeFrom + ", was " + activeUntil);
        }
        noNul("pickupPlace", Check.text("pickupPlace", pickupPlace, MAX_PICKUP_PLACE));
    }

    /** PostgreSQL text cannot hold U+0000: refused here, not as a StoreFailure from the database. */
    private static void noNul(String field, String value) {
        if (value.indexOf('\u0000') >= 0) {
            throw new InvalidInput(field, "must not contain the NUL character (U+0000)");
        }
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

    /** Whether the item's active window contains {@code t} (a retired {@link CatalogueEntry} is never reservable). */
    public boolean activeAt(Instant t) {
        return !t.isBefore(activeFrom) && (activeUntil == null || t.isBefore(activeUntil));
    }
}
