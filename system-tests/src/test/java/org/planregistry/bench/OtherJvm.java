package org.planregistry.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the JDK's tools ({@code jcmd}, {@code jstat}) tell about a JVM in another process: its heap, its JIT. */
final class OtherJvm {

    /** "garbage-first heap   total 262144K, used 12345K [...]" (and the same for the other collectors). */
    private static final Pattern HEAP = Pattern.compile("heap\\s+total\\s+(\\d+)K,\\s+used\\s+(\\d+)K");
    /** ZGC's form (the in-memory store's collector): "ZHeap used 60M, capacity 6590M, max capacity 14336M". */
    private static final Pattern Z_HEAP = Pattern.compile("ZHeap\\s+used\\s+(\\d+)M,\\s+capacity\\s+(\\d+)M");

    /** Used and committed heap, in bytes. */
    record Heap(long usedBytes, long committedBytes) {

        double usedMb() {
            return usedBytes / (1024.0 * 1024.0);
        }
    }

    private OtherJvm() {
    }

    /**
     * The live heap: a full collection ({@code jcmd PID GC.run}, twice, so that what the first one only made
     * unreachable, such as objects kept by weak references or waiting for their cleaners, is gone too), then the
     * used heap as {@code jcmd PID GC.heap_info} reports it. Used heap right after a full collection is what the
     * process holds on to; the actuator's {@code jvm.memory.used} would count whatever garbage happened to be there.
     */
    static Heap heapAfterFullGc(long pid) {
        run("jcmd", pid, "GC.run");
        run("jcmd", pid, "GC.run");
        String info = run("jcmd", pid, "GC.heap_info");
        Matcher heap = HEAP.matcher(info);
        if (heap.find()) {
            return new Heap(Long.parseLong(heap.group(2)) * 1024, Long.parseLong(heap.group(1)) * 1024);
        }
        Matcher zHeap = Z_HEAP.matcher(info);
        if (zHeap.find()) {
            return new Heap(Long.parseLong(zHeap.group(1)) << 20, Long.parseLong(zHeap.group(2)) << 20);
        }
        throw new IllegalStateException("no used heap in jcmd " + pid + " GC.heap_info:\n" + info);
    }

    /**
     * Milliseconds the JVM's JIT has spent compiling ({@code jstat -compiler PID}: "Compiled Failed Invalid Time
     * ..."), -1 when it cannot be read. Each call starts a JVM for jstat: for warm-ups, not while measuring.
     */
    static long compiledMillis(long pid) {
        try {
            String[] lines = run("jstat", pid, "-compiler").trim().split("\n");
            String[] values = lines[lines.length - 1].trim().split("\\s+");
            return Math.round(Double.parseDouble(values[3]) * 1000);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** {@code tool} is given its option before the pid ({@code jstat -compiler PID}) or after it ({@code jcmd}). */
    private static String run(String tool, long pid, String command) {
        Path jdk = Path.of(System.getProperty("java.home"), "bin", tool);
        String executable = Files.isExecutable(jdk) ? jdk.toString() : tool;
        List<String> line = tool.equals("jcmd") ? List.of(executable, Long.toString(pid), command)
                : List.of(executable, command, Long.toString(pid));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
