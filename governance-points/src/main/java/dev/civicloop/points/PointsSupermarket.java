package dev.civicloop.points;

import dev.civicloop.points.internal.Ids;
import dev.civicloop.points.internal.LotFold;
import dev.civicloop.spi.DuplicatePosting;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.NotFound;
import dev.civicloop.spi.catalogue.CatalogueEntry;
import dev.civicloop.spi.catalogue.CatalogueItem;
import dev.civicloop.spi.catalogue.CatalogueStore;
import dev.civicloop.spi.ledger.AccountHistory;
import dev.civicloop.spi.ledger.AccountId;
import dev.civicloop.spi.ledger.LedgerAppend;
import dev.civicloop.spi.ledger.LedgerStore;
import dev.civicloop.spi.ledger.Posting;
import dev.civicloop.spi.ledger.PostingId;
import dev.civicloop.spi.ledger.StoredPosting;
import dev.civicloop.spi.model.ActorId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A community points supermarket (积分超市): a catalogue, stock kept in the ledger, and two-phase
 * redemption.
 *
 * <p>Catalogue: item definitions live in a {@link CatalogueStore} ({@link Builder#catalogue}; an
 * in-memory one by default, {@code JdbcDatabase.catalogueStore()} to keep them across restarts),
 * read through on every call, so every node sharing a database sees one catalogue. Edits carry the
 * version the editor read ({@link #putItem(CatalogueItem, long)}); items are retired, never deleted
 * ({@link #retireItem}), because reservations name their code.
 *
 * <p>Stock: units of an item are the asset {@code item:<code>}; {@link #restock} moves units from
 * {@code supply:<code>} to {@code stock:<code>} (never below zero).
 *
 * <p>Redemption: {@link #reserve} is one atomic append, guarded by the versions of the member's and
 * the stock account it checked: {@code member → system:holds} (the points) and
 * {@code stock:<code> → system:holds} (one unit). Then exactly one of: {@link #fulfil} at pickup
 * ({@code holds → system:redemption} and {@code holds → supply:<code>}), {@link #cancel}, or
 * {@link #expireHolds} after the hold time (both back where they came from). Fulfilment and release
 * share one posting id, so the store itself lets only one of them happen. The per-member limit
 * counts the member's held and fulfilled units of the item from the member's own history, so the
 * member account's version guards it too.
 *
 * <pre>{@code
 * PointsSupermarket market = PointsSupermarket.builder(ledger).holdTime(Duration.ofDays(3)).build();
 * market.putItem(CatalogueItem.of("toy-car", "玩具车", "Toy car", 100).withPerMemberLimit(1));
 * market.restock("toy-car", 5, PostingId.of("restock:toy-car:2026-11"));
 * Reservation r = market.reserve("app-order-8841", rider, "toy-car");   // points and a unit held
 * market.fulfil(r.id());                                                 // handed over at the station
 * }</pre>
 */
public final class PointsSupermarket {
    private static final String RESERVATION = "reservation";
    private static final String ITEM = "item";

    private final PointsLedger ledger;
    private final LedgerStore store;
    private final Duration holdTime;
    private final CatalogueStore catalogue;

    private PointsSupermarket(Builder b) {
        this.ledger = b.ledger;
        this.store = b.ledger.store();
        this.holdTime = b.holdTime;
        this.catalogue = b.catalogue;
    }

    public static Builder builder(PointsLedger ledger) {
        return new Builder(ledger);
    }

    /**
     * Adds an item to the catalogue or replaces it, whatever its version: the last writer wins
     * (loading a city pack's catalogue at start-up). A replaced or retired item is on offer again;
     * a new cost applies to new reservations only. Staff editing an item they looked at use
     * {@link #putItem(CatalogueItem, long)}.
     */
    public CatalogueItem putItem(CatalogueItem item) {
        Ids.required("item", item);
        return ledger.withRetries(() -> catalogue.put(item, catalogue.find(item.code())
                .map(CatalogueEntry::version).orElse(0L))).item();
    }

    /**
     * Adds an item (expected version 0) or replaces the one at the version the editor read
     * ({@link #entry}); a retired item is on offer again.
     *
     * @throws dev.civicloop.spi.ConcurrencyConflict someone else changed (or created) the item since; nothing changed
     */
    public CatalogueEntry putItem(CatalogueItem item, long expectedVersion) {
        return catalogue.put(Ids.required("item", item), expectedVersion);
    }

    /**
     * Takes an item off offer, at the version the editor read: it can no longer be reserved or
     * restocked, but open reservations are fulfilled, cancelled or expired as before, and
     * {@link #item} still finds it. Retiring a retired item returns it unchanged.
     *
     * @throws InvalidInput the code is null or the version negative
     * @throws NotFound the item is not in the catalogue
     * @throws dev.civicloop.spi.ConcurrencyConflict someone else changed the item since; nothing changed
     */
    public CatalogueEntry retireItem(String code, long expectedVersion) {
        Ids.required("code", code);
        if (expectedVersion < 0) {
            throw new InvalidInput("expectedVersion", "must be 0 or more, was " + expectedVersion);
        }
        CatalogueEntry current = entry(code).orElseThrow(() -> new NotFound("catalogue item " + code));
        if (current.retired() && current.version() == expectedVersion) {
            return current;
        }
        return catalogue.retire(code, expectedVersion, ledger.clock().instant());
    }

    /** The item with this code, also a retired one (for the names in a member's history). */
    public Optional<CatalogueItem> item(String code) {
        return entry(code).map(CatalogueEntry::item);
    }

    /** The item with this code as stored: its version (for {@link #putItem(CatalogueItem, long)}) and retirement. */
    public Optional<CatalogueEntry> entry(String code) {
        return catalogue.find(Ids.required("code", code));
    }

    /** Every item on offer (not retired), by code; an item outside its active window is listed. */
    public List<CatalogueItem> catalogue() {
        return catalogue.list().stream().filter(e -> !e.retired()).map(CatalogueEntry::item).toList();
    }

    /**
     * Puts units of an item on the shelf ({@code supply:<code> → stock:<code>}). Idempotent by id.
     *
     * @throws NotFound the item is not in the catalogue
     * @throws PointsRefused ITEM_NOT_ACTIVE: the item is retired
     */
    public StoredPosting restock(String code, long units, PostingId id) {
        CatalogueItem item = onOffer(code);
        if (units < 1) {
            throw new InvalidInput("units", "must be at least 1, was " + units);
        }
        return ledger.appendOnce(new Posting(Ids.required("id", id), AccountId.supply(item.code()),
                AccountId.stock(item.code()), Posting.item(item.code()), units, "restock", ledger.clock().instant(),
                Map.of(ITEM, item.code())));
    }

    /** Units of the item on the shelf (held and fulfilled units are no longer there). */
    public long stock(String code) {
        Ids.code("code", code);
        return store.account(AccountId.stock(code)).balance(Posting.item(code));
    }

    /**
     * Holds the item's cost in points and one unit of stock for the member, for the hold time.
     * Reserving again with the same id returns the same reservation (whatever its state now).
     *
     * @param reservationId the caller's idempotency key (e.g. the app's order number), at most 100 characters
     * @throws PointsRefused ITEM_NOT_ACTIVE (outside its window or retired), LIMIT_REACHED, OUT_OF_STOCK or NOT_ENOUGH_POINTS (checked in that order)
     * @throws NotFound the item is not in the catalogue
     * @throws DuplicatePosting the id was used for another member or item
     * @throws dev.civicloop.spi.ConcurrencyConflict other writers kept winning for every attempt
     */
    public Reservation reserve(String reservationId, ActorId member, String itemCode) {
        Ids.id("reservationId", reservationId, Ids.MAX_RESERVATION_ID);
        Ids.required("member", member);
        Ids.code("itemCode", itemCode);
        AccountId account = AccountId.member(member);
        AccountId stock = AccountId.stock(itemCode);
        return ledger.withRetries(() -> {
            Optional<StoredPosting> prior = store.find(Ids.hold(reservationId));
            if (prior.isPresent()) {
                Posting o = prior.get().posting();
                if (!o.debit().equals(account) || !itemCode.equals(o.details().get(ITEM))) {
                    throw new DuplicatePosting(o.id().value(), "reservation " + reservationId + " is " + o.debit()
                            + "'s of " + o.details().get(ITEM) + "; refused for " + account + " and " + itemCode);
                }
                return view(prior.get().posting());
            }
            CatalogueItem item = onOffer(itemCode);
            Instant now = ledger.clock().instant();
            if (!item.activeAt(now)) {
                throw new PointsRefused(PointsRefused.Reason.ITEM_NOT_ACTIVE, now.isBefore(item.activeFrom())
                        ? "activeFrom" : "activeUntil", itemCode + " can be reserved from " + item.activeFrom()
                        + (item.activeUntil() == null ? "" : " until " + item.activeUntil()) + ", now is " + now);
            }
            AccountHistory mh = store.account(account);
            AccountHistory sh = store.account(stock);
            long units = unitsHeld(mh, itemCode);
            if (units >= item.perMemberLimit()) {
                throw new PointsRefused(PointsRefused.Reason.LIMIT_REACHED, "perMemberLimit", account + " holds or received "
                        + units + " of " + itemCode + ", the limit is " + item.perMemberLimit());
            }
            long onShelf = sh.balance(Posting.item(itemCode));
            if (onShelf < 1) {
                throw new PointsRefused(PointsRefused.Reason.OUT_OF_STOCK, "stock", itemCode + " has no unit left");
            }
            long spendable = ledger.fold(mh).spendable(now);
            if (spendable < item.cost()) {
                throw new PointsRefused(PointsRefused.Reason.NOT_ENOUGH_POINTS, "points", account + " can spend "
                        + spendable + " (balance " + mh.balance(Posting.POINTS) + "), " + itemCode + " costs " + item.cost());
            }
            Instant until = now.plus(holdTime);
            Map<String, String> d = Map.of(RESERVATION, reservationId, ITEM, itemCode, "holdUntil", until.toString(),
                    "pickupPlace", item.pickupPlace());
            Posting points = new Posting(Ids.hold(reservationId), account, AccountId.HOLDS, Posting.POINTS, item.cost(),
                    "hold", now, d);
            Posting unit = new Posting(Ids.holdUnit(reservationId), stock, AccountId.HOLDS, Posting.item(itemCode), 1,
                    "hold", now, d);
            ledger.appendGuarded(new LedgerAppend(List.of(points, unit), Map.of(account, mh.version(),
                    stock, sh.version())));
            return view(points);
        });
    }

    /**
     * Hands the item over: the held points go to redemption, the held unit to supply. Idempotent.
     *
     * @throws NotFound no such reservation
     * @throws PointsRefused RESERVATION_RELEASED (cancelled or expired) or HOLD_EXPIRED (hold time over)
     */
    public Reservation fulfil(String reservationId) {
        Posting hold = holdOf(reservationId);
        return close(hold, true, "fulfilled");
    }

    /**
     * Cancels a reservation: points and unit go back. Idempotent; cancelling an expired one returns it.
     *
     * @throws NotFound no such reservation
     * @throws PointsRefused ALREADY_FULFILLED
     */
    public Reservation cancel(String reservationId) {
        Posting hold = holdOf(reservationId);
        return close(hold, false, "cancelled");
    }

    /** Releases every reservation whose hold time is over. @return the reservations this call released */
    public List<Reservation> expireHolds() {
        Instant now = ledger.clock().instant();
        List<Reservation> out = new ArrayList<>();
        for (Reservation r : openReservations()) {
            if (!now.isBefore(r.holdUntil())) {
                Posting hold = store.find(Ids.hold(r.id())).orElseThrow().posting();
                try {
                    Reservation after = close(hold, false, "expired");
                    if (after.state() == Reservation.State.EXPIRED && store.find(Ids.close(r.id())).orElseThrow()
                            .posting().at().equals(after.closedAt()) && !after.closedAt().isBefore(now)) {
                        out.add(after);
                    }
                } catch (PointsRefused fulfilledMeanwhile) {
                    // picked up between our read and our release: nothing to expire
                }
            }
        }
        return out;
    }

    public Optional<Reservation> reservation(String reservationId) {
        Ids.id("reservationId", reservationId, Ids.MAX_RESERVATION_ID);
        return store.find(Ids.hold(reservationId)).map(s -> view(s.posting()));
    }

    /** The member's reservations, oldest first, in every state. */
    public List<Reservation> reservations(ActorId member) {
        List<Reservation> out = new ArrayList<>();
        for (StoredPosting sp : store.account(AccountId.member(Ids.required("member", member))).postings()) {
            Posting p = sp.posting();
            if (p.kind().equals("hold") && p.asset().equals(Posting.POINTS)) {
                out.add(view(p));
            }
        }
        return out;
    }

    /** Reservations still holding points and a unit, oldest first (what {@link #expireHolds} looks at). */
    public List<Reservation> openReservations() {
        List<Posting> holds = new ArrayList<>();
        Map<String, Boolean> closed = new HashMap<>();
        for (StoredPosting sp : store.account(AccountId.HOLDS).postings()) {
            Posting p = sp.posting();
            if (!p.asset().equals(Posting.POINTS)) {
                continue;
            }
            if (p.kind().equals("hold")) {
                holds.add(p);
            } else {
                closed.put(p.details().get(RESERVATION), true);
            }
        }
        List<Reservation> out = new ArrayList<>();
        for (Posting h : holds) {
            String id = h.details().get(RESERVATION);
            if (!closed.containsKey(id)) {
                out.add(new Reservation(id, ActorId.of(h.debit().name()), h.details().get(ITEM), h.amount(), h.at(),
                        Instant.parse(h.details().get("holdUntil")), Reservation.State.RESERVED, null));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------

    private Reservation close(Posting hold, boolean fulfil, String reason) {
        String id = hold.details().get(RESERVATION);
        String code = hold.details().get(ITEM);
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<StoredPosting> closing = store.find(Ids.close(id));
            if (closing.isPresent()) {
                Posting c = closing.get().posting();
                boolean wasFulfilled = c.kind().equals("redeem");
                if (fulfil && !wasFulfilled) {
                    throw new PointsRefused(PointsRefused.Reason.RESERVATION_RELEASED, "reservationId", "reservation "
                            + id + " was " + c.details().get("reason") + " at " + c.at());
                }
                if (!fulfil && wasFulfilled) {
                    throw new PointsRefused(PointsRefused.Reason.ALREADY_FULFILLED, "reservationId", "reservation "
                            + id + " was fulfilled at " + c.at() + " and cannot be " + reason);
                }
                return view(hold, c);
            }
            Instant now = ledger.clock().instant();
            Instant until = Instant.parse(hold.details().get("holdUntil"));
            if (fulfil && !now.isBefore(until)) {
                throw new PointsRefused(PointsRefused.Reason.HOLD_EXPIRED, "reservationId", "reservation " + id
                        + " was held until " + until + ", now is " + now);
            }
            Map<String, String> d = Map.of(RESERVATION, id, ITEM, code, "reason", reason, LotFold.RESTORES,
                    hold.id().value());
            List<Posting> ps = fulfil
                    ? List.of(new Posting(Ids.close(id), AccountId.HOLDS, AccountId.REDEMPTION, Posting.POINTS,
                            hold.amount(), "redeem", now, d),
                            new Posting(Ids.closeUnit(id), AccountId.HOLDS, AccountId.supply(code), Posting.item(code), 1,
                                    "redeem", now, d))
                    : List.of(new Posting(Ids.close(id), AccountId.HOLDS, hold.debit(), Posting.POINTS, hold.amount(),
                            "release", now, d),
                            new Posting(Ids.closeUnit(id), AccountId.HOLDS, AccountId.stock(code), Posting.item(code), 1,
                                    "release", now, d));
            try {
                List<StoredPosting> stored = store.append(LedgerAppend.unguarded(ps));
                return view(hold, stored.get(0).posting());
            } catch (DuplicatePosting e) {
                // fulfilment, cancellation and expiry raced for this reservation: see who won
            }
        }
        throw new IllegalStateException("reservation " + id + ": close posting neither stored nor found");
    }

    private Posting holdOf(String reservationId) {
        Ids.id("reservationId", reservationId, Ids.MAX_RESERVATION_ID);
        return store.find(Ids.hold(reservationId)).orElseThrow(() -> new NotFound("reservation " + reservationId))
                .posting();
    }

    private Reservation view(Posting hold) {
        return view(hold, store.find(Ids.close(hold.details().get(RESERVATION))).map(StoredPosting::posting)
                .orElse(null));
    }

    private static Reservation view(Posting hold, Posting close) {
        Reservation.State state = close == null ? Reservation.State.RESERVED
                : close.kind().equals("redeem") ? Reservation.State.FULFILLED
                : "expired".equals(close.details().get("reason")) ? Reservation.State.EXPIRED
                : Reservation.State.CANCELLED;
        return new Reservation(hold.details().get(RESERVATION), ActorId.of(hold.debit().name()),
                hold.details().get(ITEM), hold.amount(), hold.at(), Instant.parse(hold.details().get("holdUntil")), state,
                close == null ? null : close.at());
    }

    /** Held plus fulfilled units of the item: holds less releases on the member's own account. */
    private static long unitsHeld(AccountHistory member, String itemCode) {
        long n = 0;
        for (StoredPosting sp : member.postings()) {
            Posting p = sp.posting();
            if (p.asset().equals(Posting.POINTS) && itemCode.equals(p.details().get(ITEM))) {
                if (p.kind().equals("hold")) {
                    n++;
                } else if (p.kind().equals("release")) {
                    n--;
                }
            }
        }
        return n;
    }

    /** The item, unless it is unknown (NotFound) or retired (ITEM_NOT_ACTIVE). */
    private CatalogueItem onOffer(String code) {
        Ids.code("itemCode", code);
        CatalogueEntry entry = catalogue.find(code).orElseThrow(() -> new NotFound("catalogue item " + code
                + " (known: " + catalogue.list().stream().map(CatalogueEntry::code).toList() + ")"));
        if (entry.retired()) {
            throw new PointsRefused(PointsRefused.Reason.ITEM_NOT_ACTIVE, "retiredAt", code + " was retired at "
                    + entry.retiredAt());
        }
        return entry.item();
    }

    /** Configures a {@link PointsSupermarket}. Default hold time: 3 days; default catalogue: in memory. */
    public static final class Builder {
        private final PointsLedger ledger;
        private Duration holdTime = Duration.ofDays(3);
        private CatalogueStore catalogue;

        private Builder(PointsLedger ledger) {
            if (ledger == null) {
                throw new InvalidConfiguration("points supermarket: ledger is required");
            }
            this.ledger = ledger;
        }

        /** How long a reservation holds points and a unit before {@link #expireHolds} releases them. */
        public Builder holdTime(Duration hold) {
            if (hold == null || hold.isZero() || hold.isNegative()) {
                throw new InvalidConfiguration("points supermarket: holdTime must be positive, was " + hold);
            }
            this.holdTime = hold;
            return this;
        }

        /**
         * Where the item definitions are kept; default: a new in-memory store, lost with the JVM.
         * Nodes sharing one database pass its store (e.g. {@code JdbcDatabase.catalogueStore()}).
         */
        public Builder catalogue(CatalogueStore store) {
            if (store == null) {
                throw new InvalidConfiguration("points supermarket: catalogue store must not be null");
            }
            this.catalogue = store;
            return this;
        }

        public PointsSupermarket build() {
            if (catalogue == null) {
                catalogue = CatalogueStore.inMemory();
            }
            return new PointsSupermarket(this);
        }
    }
}
