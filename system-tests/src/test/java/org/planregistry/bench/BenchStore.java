package org.planregistry.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.planregistry.eventstore.TestMongo;
import org.planregistry.embeddedstore.EmbeddedMongo;

/**
 * The MongoDB-protocol server a benchmark runs against, in this JVM on a free TCP port: the memory backend the tests
 * use, or the durable file backend the embedded default uses (every acknowledged write committed before the reply).
 */
final class BenchStore implements AutoCloseable {

    enum Backend {
        MEMORY("memory"), H2("durable H2 file");

        final String label;

        Backend(String label) {
            this.label = label;
        }

        static Backend of(String name) {
            return switch (name.trim().toLowerCase()) {
                case "memory", "mem" -> MEMORY;
                case "h2", "durable", "file" -> H2;
                default -> throw new IllegalArgumentException("unknown backend '" + name + "' (memory or h2)");
            };
        }
    }

    final Backend backend;
    private final TestMongo memory;
    private final EmbeddedMongo durable;
    private final Path dataDir;

    private BenchStore(Backend backend, TestMongo memory, EmbeddedMongo durable, Path dataDir) {
        this.backend = backend;
        this.memory = memory;
        this.durable = durable;
        this.dataDir = dataDir;
    }

    static BenchStore start(Backend backend) {
        if (backend == Backend.MEMORY) {
            return new BenchStore(backend, TestMongo.start(), null, null);
        }
        try {
            Path dir = Files.createTempDirectory("plan-registry-bench-");
            return new BenchStore(backend, null, EmbeddedMongo.start(0, dir), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String uri(String database) {
        return memory != null ? memory.uri(database) : durable.connectionString() + "/" + database;
    }

    /** Bytes the durable store occupies on disk; 0 in memory. */
    long bytesOnDisk() {
        return dataDir == null ? 0 : bytesIn(dataDir);
    }

    /** Bytes of the files in a directory and below it; -1 when they cannot be read. */
    static long bytesIn(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Deletes a directory and everything in it, saying so when it cannot. */
    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    @Override
    public void close() {
        if (memory != null) {
            memory.close();
        }
        if (durable != null) {
            durable.close();
            delete(dataDir);
        }
    }
}
