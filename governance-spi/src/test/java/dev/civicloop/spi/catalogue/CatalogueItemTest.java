package dev.civicloop.spi.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.civicloop.spi.InvalidInput;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CatalogueItemTest {
    private static final String CODE_CHARS = "az09.-_AZ 玩/é";

    @Test
    void theToyTheRiderRedeemedIsAValidItemActiveFromTheEpochWithoutLimit() {
        CatalogueItem toy = CatalogueItem.of("toy-excavator", "儿童玩具挖掘机", "Toy excavator", 100);
        assertEquals(Integer.MAX_VALUE, toy.perMemberLimit());
        assertTrue(toy.activeAt(Instant.EPOCH), "active from the epoch");
        assertEquals(toy, new CatalogueItem(toy.code(), toy.nameZh(), toy.nameEn(), 100, Integer.MAX_VALUE, Instant.EPOCH,
                null, "community service station"));
    }

    @Test
    void theActiveWindowIncludesItsStartAndExcludesItsEnd() {
        Instant from = Instant.parse("2026-11-01T00:00:00Z");
        Instant until = Instant.parse("2026-12-01T00:00:00Z");
        CatalogueItem book = CatalogueItem.of("picture-book", "绘本", "Picture book", 20).withActiveWindow(from, until);
        assertFalse(book.activeAt(from.minusNanos(1)));
        assertTrue(book.activeAt(from));
        assertTrue(book.activeAt(until.minusNanos(1)));
        assertFalse(book.activeAt(until));
    }

    @Test
    void aNulCharacterInANameOrThePickupPlaceIsRefusedNamingTheField() {
        CatalogueItem toy = CatalogueItem.of("toy", "玩具", "Toy", 1);
        assertEquals("nameZh", assertThrows(InvalidInput.class, () -> CatalogueItem.of("toy", "玩\u0000", "Toy", 1)).field());
        assertEquals("nameEn", assertThrows(InvalidInput.class, () -> CatalogueItem.of("toy", "玩具", "\u0000", 1)).field());
        assertEquals("pickupPlace", assertThrows(InvalidInput.class, () -> toy.withPickupPlace("a\u0000b")).field());
    }

    @Test
    void anEntryNeedsAnItemAndAVersionOfAtLeastOne() {
        CatalogueItem toy = CatalogueItem.of("toy", "玩具", "Toy", 1);
        assertEquals("item", assertThrows(InvalidInput.class, () -> new CatalogueEntry(null, 1, null)).field());
        assertEquals("version", assertThrows(InvalidInput.class, () -> new CatalogueEntry(toy, 0, null)).field());
        assertEquals("toy", new CatalogueEntry(toy, 1, null).code());
        assertTrue(new CatalogueEntry(toy, 2, Instant.EPOCH).retired());
    }

    /**
     * Random components, valid and not: an item is built exactly when every rule holds, and
     * otherwise InvalidInput names the first component (in declaration order) that breaks one.
     */
    @Test
    void everyItemIsAcceptedExactlyWhenEveryRuleHoldsAndOtherwiseTheFirstBrokenComponentIsNamed() {
        long seed = Long.getLong("civicloop.seed", new SecureRandom().nextLong());
        try {
            qt().withFixedSeed(seed).withExamples(3000).forAll(lists().of(integers().all()).ofSize(9)).checkAssert(r -> {
                Random rnd = new Random(r.get(0));
                String code = pick(rnd, null, "", "  ", text(rnd, CODE_CHARS, rnd.nextInt(70)), "toy-car", "x".repeat(64),
                        "x".repeat(65));
                String nameZh = pick(rnd, null, " ", "玩具车", "玩".repeat(200), "玩".repeat(201));
                String nameEn = pick(rnd, null, "", "Toy car", "E".repeat(200), "E".repeat(201));
                long cost = new long[] {-5, 0, 1, 100, Long.MAX_VALUE}[Math.floorMod(r.get(1), 5)];
                int limit = new int[] {-1, 0, 1, 3, Integer.MAX_VALUE}[Math.floorMod(r.get(2), 5)];
                Instant from = Math.floorMod(r.get(3), 6) == 0 ? null : Instant.ofEpochSecond(1_790_000_000L, r.get(4) & 0xFFFF);
                Instant until = switch (Math.floorMod(r.get(5), 4)) {
                    case 0 -> null;
                    case 1 -> from == null ? Instant.EPOCH : from;
                    case 2 -> from == null ? Instant.EPOCH : from.minusNanos(1);
                    default -> from == null ? Instant.EPOCH : from.plusNanos(1 + (r.get(6) & 0xFFFF));
                };
                String place = pick(rnd, null, "", "远航社区服务站", "站".repeat(500), "站".repeat(501));

                String expected = firstBroken(code, nameZh, nameEn, cost, limit, from, until, place);
                if (expected == null) {
                    CatalogueItem item = new CatalogueItem(code, nameZh, nameEn, cost, limit, from, until, place);
                    assertEquals(code, item.code());
                } else {
                    InvalidInput e = assertThrows(InvalidInput.class,
                            () -> new CatalogueItem(code, nameZh, nameEn, cost, limit, from, until, place));
                    assertEquals(expected, e.field(), e.getMessage());
                }
            });
        } catch (AssertionError e) {
            throw new AssertionError("seed=" + seed + ", rerun with -Dcivicloop.seed=" + seed + "\n" + e.getMessage(), e);
        }
    }

    /** The rules, written out plainly. */
    private static String firstBroken(String code, String nameZh, String nameEn, long cost, int limit, Instant from,
            Instant until, String place) {
        if (code == null || code.isBlank() || code.length() > 64 || !code.matches("[A-Za-z0-9._-]+")) {
            return "code";
        }
        if (badText(nameZh, 200)) {
            return "nameZh";
        }
        if (badText(nameEn, 200)) {
            return "nameEn";
        }
        if (cost < 1) {
            return "cost";
        }
        if (limit < 1) {
            return "perMemberLimit";
        }
        if (from == null) {
            return "activeFrom";
        }
        if (until != null && !until.isAfter(from)) {
            return "activeUntil";
        }
        return badText(place, 500) ? "pickupPlace" : null;
    }

    private static boolean badText(String s, int max) {
        return s == null || s.isBlank() || s.length() > max;
    }

    @SafeVarargs
    private static <T> T pick(Random rnd, T... options) {
        return options[rnd.nextInt(options.length)];
    }

    private static String text(Random rnd, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
