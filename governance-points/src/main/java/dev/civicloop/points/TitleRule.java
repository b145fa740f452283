package dev.civicloop.points;

import dev.civicloop.spi.InvalidConfiguration;
import java.util.List;

/**
 * A title a member holds once their lifetime earned points reach {@code threshold}, e.g.
 * {@code TitleRule.of("bronze", "铜牌", "Bronze", 100)}. A city lists its rules to
 * {@link Honours.Builder#titles(List)} with strictly increasing thresholds.
 */
public record TitleRule(String code, String nameZh, String nameEn, long threshold) {
    public TitleRule {
        requireText("code", code, 64);
        if (code.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidConfiguration("title code: must not contain white space, was '" + code + "'");
        }
        requireText("nameZh", nameZh, 100);
        requireText("nameEn", nameEn, 100);
        if (threshold < 1) {
            throw new InvalidConfiguration("title " + code + ": threshold must be at least 1, was " + threshold);
        }
    }

    public static TitleRule of(String code, String nameZh, String nameEn, long threshold) {
        return new TitleRule(code, nameZh, nameEn, threshold);
    }

    /** 铜牌 / 银牌 / 金牌 at 100 / 500 / 1000 lifetime earned points. */
    public static List<TitleRule> defaults() {
        return List.of(of("bronze", "铜牌", "Bronze", 100), of("silver", "银牌", "Silver", 500),
                of("gold", "金牌", "Gold", 1000));
    }

    private static void requireText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfiguration("title " + field + ": is required");
        }
        if (value.length() > max) {
            throw new InvalidConfiguration("title " + field + ": at most " + max + " characters, was " + value.length());
        }
    }
}
