package org.planregistry.bench;

import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/** Durations of repeated runs of one operation, with nearest-rank percentiles. */
final class Latencies {

    private final long[] nanos;
    private int count;

    Latencies(int capacity) {
        nanos = new long[capacity];
    }

    /**
     * Times up to {@code reps} calls one after another ({@code calls} makes the {@code i}-th before its clock
     * starts), and stops once {@code seconds} were spent and at least three were timed: a call that decodes 100,000
     * events takes a while. A call that answers null has not answered.
     */
    static Latencies timed(int reps, double seconds, IntFunction<Supplier<?>> calls) {
        Latencies latencies = new Latencies(reps);
        long budgetEnd = System.nanoTime() + (long) (seconds * 1e9);
        for (int i = 0; i < reps; i++) {
            Supplier<?> call = calls.apply(i);
            long start = System.nanoTime();
            Object answer = call.get();
            latencies.add(System.nanoTime() - start);
            if (answer == null) {
                throw new IllegalStateException("no answer");
            }
            if (i >= 2 && System.nanoTime() > budgetEnd) {
                break;
            }
        }
        return latencies;
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
