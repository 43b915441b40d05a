package org.planregistry.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Progress lines while the benchmarks run, and the result tables (markdown) printed at the end. */
final class Report {

    /** Other processes using less than this many cores count as quiet. */
    private static final double QUIET_CORES = 0.25;

    private final long start = System.nanoTime();
    private final double quietSeconds;
    private final StringBuilder tables = new StringBuilder();
    private final List<String> loads = new ArrayList<>();

    Report(double quietSeconds) {
        this.quietSeconds = quietSeconds;
    }

    /** A measured stretch of time whose machine load is recorded. */
    final class Stage {
        private final String label;
        private final double waited;
        private final MachineLoad start;

        private Stage(String label, double waited) {
            this.label = label;
            this.waited = waited;
            this.start = MachineLoad.now();
        }

        void end() {
            MachineLoad end = MachineLoad.now();
            loads.add(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.2f | %.1f |", label,
                    (end.wallNanos() - start.wallNanos()) / 1e9, end.ownCoresSince(start),
                    end.othersCoresSince(start), waited));
        }
    }

    /**
     * Starts a measurement, first waiting (up to the quiet time) until other processes have used less than a quarter
     * of a core for half a second: on a shared machine, a burst of someone else's build would otherwise be measured.
     */
    Stage stage(String label) {
        long begin = System.nanoTime();
        long deadline = begin + (long) (quietSeconds * 1e9);
        while (System.nanoTime() < deadline) {
            MachineLoad before = MachineLoad.now();
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            double others = MachineLoad.now().othersCoresSince(before);
            if (!(others >= QUIET_CORES)) { // NaN (unknown) counts as quiet
                break;
            }
        }
        double waited = (System.nanoTime() - begin) / 1e9;
        if (waited > 1) {
            progress("waited %.1f s for other processes to quieten before: %s", waited, label);
        }
        return new Stage(label, waited);
    }

    /** The machine load table of every stage so far. */
    void loadTable() {
        line("### Machine load during each measurement").line("");
        line("CPU cores kept busy, on average, by this benchmark's JVM (server, apps and client together) and the "
                + "processes it started (part scale runs the server and each application in a JVM of its own), and "
                + "by every other process on the machine (from /proc/stat). Figures taken while other processes were "
                + "busy are lower than the machine can do.").line("");
        line("| measurement | seconds | benchmark's cores | other processes' cores | waited for quiet s |");
        line("|---|---:|---:|---:|---:|");
        loads.forEach(this::line);
        line("");
    }

    void progress(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench %6.1f s] %s%n", (System.nanoTime() - start) / 1e9,
                String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Adds a line to the result tables. */
    Report line(String format, Object... args) {
        tables.append(args.length == 0 ? format : String.format(Locale.ROOT, format, args)).append('\n');
        return this;
    }

    String tables() {
        return tables.toString();
    }

    void writeTo(String file) throws IOException {
        if (file == null || file.isBlank()) {
            return;
        }
        Path path = Path.of(file);
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        Files.writeString(path, tables.toString(), StandardCharsets.UTF_8);
        progress("result tables written to %s", path.toAbsolutePath());
    }
}
