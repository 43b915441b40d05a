package org.planregistry.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Progress lines while the benchmarks run, and the result tables (markdown) printed at the end. */
final class Report {

    private final long start = System.nanoTime();
    private final StringBuilder tables = new StringBuilder();

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
        tables.append(String.format(Locale.ROOT, format, args)).append('\n');
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
