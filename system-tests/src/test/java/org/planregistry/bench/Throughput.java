package org.planregistry.bench;

/** How many things (events, documents, commands) were done in how many seconds. */
record Throughput(long count, double seconds) {

    double perSecond() {
        return count / seconds;
    }

    /** The faster of two; the other when one is missing. */
    static Throughput best(Throughput a, Throughput b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.perSecond() >= b.perSecond() ? a : b;
    }
}
