package dev.civicloop.spi.catalogue;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.internal.Check;
import java.time.Instant;

/**
 * A {@link CatalogueItem} as a {@link CatalogueStore} keeps it: with its version (1 after the first
 * put, one more after every put or retirement) and, once retired, when. A retired item is kept,
 * not deleted, because reservations and redemptions in the ledger still name its code: it stays
 * findable (its names for a member's history) but is no longer on offer.
 *
 * <pre>{@code
 * CatalogueEntry e = store.find("toy-car").orElseThrow();
 * store.put(e.item().withCost(120), e.version());   // refused if someone edited it since
 * }</pre>
 *
 * @param version how many puts and retirements the item has had, at least 1
 * @param retiredAt when the item was retired; {@code null}: on offer
 */
public record CatalogueEntry(CatalogueItem item, long version, Instant retiredAt) {
    public CatalogueEntry {
        Check.notNull("item", item);
        if (version < 1) {
            throw new InvalidInput("version", "must be at least 1, was " + version);
        }
    }

    /** The item's code. */
    public String code() {
        return item.code();
    }

    /** Whether the item was retired (and not put again since). */
    public boolean retired() {
        return retiredAt != null;
    }
}
