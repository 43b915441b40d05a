package org.planregistry.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * How busy the machine was while something was measured, and how much of that was other processes: every figure
 * here shares the cores with whatever else runs, so each result states it. Reads {@code /proc/stat} (Linux; other
 * systems report NaN) and the CPU time of this process and of the processes it started (the store and the
 * applications when they run in processes of their own): those are the benchmark's, not other processes'.
 */
record MachineLoad(long wallNanos, long busyTicks, long allTicks, long processCpuNanos,
                   Map<Long, Long> descendantsCpuNanos) {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    static MachineLoad now() {
        long busy = -1;
        long all = -1;
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            all = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                all += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]); // idle + iowait
            busy = all - idle;
        } catch (IOException | RuntimeException e) {
            // not Linux: unknown
        }
        long processCpu = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            processCpu = os.getProcessCpuTime();
        }
        Map<Long, Long> descendants = new HashMap<>();
        ProcessHandle.current().descendants().forEach(child -> child.info().totalCpuDuration()
                .ifPresent(cpu -> descendants.put(child.pid(), cpu.toNanos())));
        return new MachineLoad(System.nanoTime(), busy, all, processCpu, descendants);
    }

    /**
     * CPU time this process and its descendants used since {@code start}. A process started since counts whole; one
     * that ended since is not seen at the end, and what it used in between counts as other processes'.
     */
    private long ownCpuNanosSince(MachineLoad start) {
        long own = processCpuNanos - start.processCpuNanos;
        for (Map.Entry<Long, Long> child : descendantsCpuNanos.entrySet()) {
            own += child.getValue() - start.descendantsCpuNanos.getOrDefault(child.getKey(), 0L);
        }
        return own;
    }

    /** Cores kept busy by other processes between {@code start} and this snapshot, on average. */
    double othersCoresSince(MachineLoad start) {
        if (busyTicks < 0 || start.busyTicks < 0 || processCpuNanos < 0) {
            return Double.NaN;
        }
        double seconds = (wallNanos - start.wallNanos) / 1e9;
        double machine = (busyTicks - start.busyTicks) / TICKS_PER_SECOND / seconds;
        double ours = ownCpuNanosSince(start) / 1e9 / seconds;
        return Math.max(0, machine - ours);
    }

    /** Cores kept busy by this process and its descendants between {@code start} and this snapshot, on average. */
    double ownCoresSince(MachineLoad start) {
        if (processCpuNanos < 0) {
            return Double.NaN;
        }
        return ownCpuNanosSince(start) / 1e9 / ((wallNanos - start.wallNanos) / 1e9);
    }
}
