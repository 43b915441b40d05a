package org.planregistry.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the machine was while something was measured, and how much of that was other processes: every figure
 * here shares the cores with whatever else runs, so each result states it. Reads {@code /proc/stat} (Linux; other
 * systems report NaN) and this process's CPU time.
 */
record MachineLoad(long wallNanos, long busyTicks, long allTicks, long processCpuNanos) {

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
        return new MachineLoad(System.nanoTime(), busy, all, processCpu);
    }

    /** Cores kept busy by other processes between {@code start} and this snapshot, on average. */
    double othersCoresSince(MachineLoad start) {
        if (busyTicks < 0 || start.busyTicks < 0 || processCpuNanos < 0) {
            return Double.NaN;
        }
        double seconds = (wallNanos - start.wallNanos) / 1e9;
        double machine = (busyTicks - start.busyTicks) / TICKS_PER_SECOND / seconds;
        double ours = (processCpuNanos - start.processCpuNanos) / 1e9 / seconds;
        return Math.max(0, machine - ours);
    }

    /** Cores kept busy by this process between {@code start} and this snapshot, on average. */
    double ownCoresSince(MachineLoad start) {
        if (processCpuNanos < 0) {
            return Double.NaN;
        }
        return (processCpuNanos - start.processCpuNanos) / 1e9 / ((wallNanos - start.wallNanos) / 1e9);
    }
}
