package dev.civicloop.spi.ledger;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.ActorId;

/**
 * A ledger account: {@code member:<actor id>} for a member's points, {@code system:<name>} for
 * the system's side of every posting (issuance, redemption, expiry, holds, penalties), and
 * {@code stock:<item>} / {@code supply:<item>} for the units of a catalogue item. Member and
 * stock accounts never go below zero; system and supply accounts carry the other side, so all
 * accounts of one asset always sum to zero.
 */
public record AccountId(String value) implements Comparable<AccountId> {
    /** Points awarded are debited here: its balance is minus everything ever issued. */
    public static final AccountId ISSUANCE = system("issuance");
    /** Points spent in the points supermarket end here. */
    public static final AccountId REDEMPTION = system("redemption");
    /** Points that expired unspent end here. */
    public static final AccountId EXPIRY = system("expiry");
    /**
     * Points, and units of items ({@code item:<code>}), reserved for a redemption not yet fulfilled;
     * each asset of it is the sum of the open reservations.
     */
    public static final AccountId HOLDS = system("holds");
    /** Points taken back as a penalty (a report rejected as false). */
    public static final AccountId PENALTIES = system("penalties");

    public AccountId {
        Check.id("account", value);
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new InvalidInput("account", "must be <kind>:<name>, was " + value);
        }
        kindOf(value.substring(0, colon));
    }

    public static AccountId member(ActorId member) {
        return new AccountId("member:" + Check.notNull("member", member).value());
    }

    public static AccountId system(String name) {
        return new AccountId("system:" + name);
    }

    /** The units of an item on the shelf (never below zero). */
    public static AccountId stock(String item) {
        return new AccountId("stock:" + item);
    }

    /** Where an item's units come from and go to: restocking debits it, fulfilment credits it. */
    public static AccountId supply(String item) {
        return new AccountId("supply:" + item);
    }

    public Kind kind() {
        return kindOf(value.substring(0, value.indexOf(':')));
    }

    /** The part after the kind: the member's actor id, the system account's or the item's name. */
    public String name() {
        return value.substring(value.indexOf(':') + 1);
    }

    /** Member and stock accounts may never go below zero. */
    public boolean nonNegative() {
        return kind() == Kind.MEMBER || kind() == Kind.STOCK;
    }

    private static Kind kindOf(String prefix) {
        switch (prefix) {
            case "member":
                return Kind.MEMBER;
            case "system":
                return Kind.SYSTEM;
            case "stock":
                return Kind.STOCK;
            case "supply":
                return Kind.SUPPLY;
            default:
                throw new InvalidInput("account", "kind must be member, system, stock or supply, was " + prefix);
        }
    }

    @Override
    public int compareTo(AccountId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }

    public enum Kind {
        MEMBER,
        SYSTEM,
        STOCK,
        SUPPLY
    }
}
