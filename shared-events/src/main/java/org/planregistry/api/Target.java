package org.planregistry.api;

import java.math.BigDecimal;

/** What an indicator should reach by a year, and how firmly ({@link Qualifier}). */
public record Target(int year, BigDecimal value, Qualifier qualifier) {

    /** Same year, numerically equal value and same qualifier. */
    public boolean sameAs(Target other) {
        return other != null && year == other.year && qualifier == other.qualifier
                && Decimals.same(value, other.value);
    }
}
