package org.planregistry.api;

import java.util.List;

/**
 * The units plan indicators are measured in. Units travel as their written symbol (亿元, %, 家 …) so that events
 * read the way the plan reads; this is the one list of symbols the registry accepts.
 */
public final class Units {

    /** Every accepted unit symbol, in the order the Shenzhen indicator table introduces them. */
    public static final List<String> ALL = List.of("亿元", "万亿元", "%", "家", "个", "人");

    private Units() {
    }

    public static boolean isKnown(String symbol) {
        return symbol != null && ALL.contains(symbol);
    }
}
