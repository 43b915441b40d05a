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

    private final long start = System.nanoTime();
    private final StringBuilder tables = new StringBuilder();
    private final List<String> loads = new ArrayList<>();

    /** A measured stretch of time whose machine load is recorded. */
    final class Stage {
        private final String label;
        private final MachineLoad start = MachineLoad.now();

        private Stage(String label) {
            this.label = label;
        }

        void end() {
            MachineLoad end = MachineLoad.now();
            loads.add(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.2f |", label,
                    (end.wallNanos() - start.wallNanos()) / 1e9, end.ownCoresSince(start),
                    end.othersCoresSince(start)));
        }
    }

    Stage stage(String label) {
        return new Stage(label);
    }

    /** The machine load table of every stage so far. */
    void loadTable() {
        line("### Machine load during each measurement").line("");
        line("CPU cores kept busy, on average, by this benchmark's JVM (server, apps and client together) and by "
                + "every other process on the machine (from /proc/stat). Figures taken while other processes were "
                + "busy are lower than the machine can do.").line("");
        line("| measurement | seconds | benchmark JVM cores | other processes' cores |");
        line("|---|---:|---:|---:|");
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
