package dev.civicloop.points;

import java.time.YearMonth;

/**
 * A title a member holds: either reached by points ({@link Source#THRESHOLD}, from a
 * {@link TitleRule}; {@code month} is null) or chosen by review ({@link Source#REVIEW}: the
 * 金牌先锋 "gold pioneer" of one {@code month}, nominated by the community and approved by the
 * street).
 */
public record Title(String code, String nameZh, String nameEn, Source source, YearMonth month) {
    /** The code of the reviewed title 金牌先锋. */
    public static final String GOLD_PIONEER = "gold-pioneer";

    public enum Source {
        THRESHOLD,
        REVIEW
    }

    static Title of(TitleRule rule) {
        return new Title(rule.code(), rule.nameZh(), rule.nameEn(), Source.THRESHOLD, null);
    }

    static Title goldPioneer(YearMonth month) {
        return new Title(GOLD_PIONEER, "金牌先锋", "Gold pioneer", Source.REVIEW, month);
    }
}
