package org.planregistry.api;

import java.math.BigDecimal;

/**
 * An indicator's starting point. A {@code null} value means the plan gives none ("--" in the table), which is not
 * the same as zero.
 */
public record Baseline(int year, BigDecimal value) {

    public static Baseline none(int year) {
        return new Baseline(year, null);
    }

    public boolean missing() {
        return value == null;
    }

    /** Same year and numerically equal value ("24.7" equals "24.70"). */
    public boolean sameAs(Baseline other) {
        return other != null && year == other.year && Decimals.same(value, other.value);
    }
}
