package org.planregistry.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Runs an operation until the JIT has settled on it: at least a count and a minimum time, then until the JIT
 * compilers have spent less than 2 % of a two-second window compiling, or a maximum time has passed. A fixed count
 * was not enough here: the command path was still being compiled after 5,000 commands (~1,300 events/s, against
 * ~2,000 once settled), and the as-of answer after 200 requests.
 */
final class Warmup {

    private static final long WINDOW_NANOS = 2_000_000_000L;
    private static final double QUIET_SHARE = 0.02;

    /** What a warm-up did. */
    record Done(int count, double seconds, boolean settled) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%,d calls in %.1f s, JIT %s", count, seconds,
                    settled ? "settled" : "still compiling at the time limit");
        }
    }

    private Warmup() {
    }

    static Done run(int minCount, double minSeconds, double maxSeconds, IntConsumer step) {
        return run(minCount, minSeconds, maxSeconds, step, Warmup::compiledHere);
    }

    /**
     * The same, with the JIT's time spent compiling so far (milliseconds, -1 when unknown) from {@code compiled}:
     * where the work is done in other processes, theirs counts too.
     */
    static Done run(int minCount, double minSeconds, double maxSeconds, IntConsumer step, LongSupplier compiled) {
        long start = System.nanoTime();
        long windowStart = start;
        long compiledAtWindowStart = compiled.getAsLong();
        boolean measurable = compiledAtWindowStart >= 0;
        int count = 0;
        while (true) {
            step.accept(count++);
            long now = System.nanoTime();
            double elapsed = (now - start) / 1e9;
            if (count < minCount || elapsed < minSeconds) {
                continue;
            }
            if (elapsed >= maxSeconds) {
                return new Done(count, elapsed, false);
            }
            if (now - windowStart >= WINDOW_NANOS) {
                long compiledNow = measurable ? compiled.getAsLong() : 0;
                if (!measurable || compiledNow - compiledAtWindowStart < QUIET_SHARE * (now - windowStart) / 1e6) {
                    return new Done(count, elapsed, true);
                }
                windowStart = now;
                compiledAtWindowStart = compiledNow;
            }
        }
    }

    /** Milliseconds this JVM's JIT has spent compiling, -1 when it does not say. */
    static long compiledHere() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }
}
