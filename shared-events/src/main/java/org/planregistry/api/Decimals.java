package org.planregistry.api;

import java.math.BigDecimal;

/** Exact decimal comparison that ignores scale, so "8" and "8.0" are one value; {@code null} equals only itself. */
public final class Decimals {

    private Decimals() {
    }

    public static boolean same(BigDecimal a, BigDecimal b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.compareTo(b) == 0;
    }
}
