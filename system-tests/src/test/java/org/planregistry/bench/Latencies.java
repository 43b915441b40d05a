package org.planregistry.bench;

import java.util.Arrays;

/** Durations of repeated runs of one operation, with nearest-rank percentiles. */
final class Latencies {

    private final long[] nanos;
    private int count;

    Latencies(int capacity) {
        nanos = new long[capacity];
    }

    void add(long durationNanos) {
        nanos[count++] = durationNanos;
    }

    int count() {
        return count;
    }

    /** The nearest-rank percentile in milliseconds. */
    double percentileMs(double percentile) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * count);
        return sorted[Math.max(0, Math.min(count, rank) - 1)] / 1e6;
    }

    double p50() {
        return percentileMs(50);
    }

    double p99() {
        return percentileMs(99);
    }

    double meanMs() {
        return count == 0 ? Double.NaN : Arrays.stream(nanos, 0, count).average().orElse(0) / 1e6;
    }

    double maxMs() {
        return count == 0 ? Double.NaN : Arrays.stream(nanos, 0, count).max().orElse(0) / 1e6;
    }
}
