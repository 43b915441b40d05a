package org.planregistry.embeddedstore;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreTool;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file-backed backend for mongo-java-server whose acknowledged writes survive a {@code kill -9} of the process
 * that hosts it.
 *
 * <p>The stock {@link H2Backend} leaves persistence to H2's background writer, about once a second: a killed server
 * lost hundreds of acknowledged inserts in every trial (docs/design.md). Here auto-commit is off, and every write command
 * runs under one lock and is followed by {@link MVStore#commit()} before its reply goes back, so an acknowledged
 * write is in the file (the OS page cache, or the disk with {@code syncEachWrite}). One write at a time also means a
 * commit never captures half of another command.
 *
 * <p>Commands are intercepted in {@link #handleMessage(MongoMessage)}, the OP_MSG entry point through which current
 * drivers send every command, rather than in {@code handleCommand(Channel, ...)}: overriding that needs Netty's
 * {@code Channel} at compile time, and this module has Netty only at run time. Commands sent in the legacy OP_QUERY
 * form (nowadays only the driver's connection handshake) reach the store without the gate and without a commit.
 *
 * <p>Without H2's background thread nobody compacts, and the file grew to ~2 GB for 100k small documents. A
 * housekeeping thread therefore rewrites sparse chunks and moves chunks together about every third of a second,
 * when there were writes. With retention time 0 that would pull chunks from under a running scan ("Chunk N not
 * found"), so housekeeping takes a read/write gate exclusively, and every command holds it shared. Reads also pin
 * their MVStore version, because the per-write commits alone may free chunks an older snapshot still needs.
 *
 * <p>Live compaction does not shrink the file much; a full rewrite does. It happens at a clean {@link #close()},
 * and at start-up when the previous process did not shut down cleanly (detected by a marker file next to the store).
 *
 * <p>Nothing may interrupt a thread while it does MVStore file I/O: {@code ClosedByInterruptException} closes the
 * file for everyone. The housekeeping thread is private and never interrupted, and commands clear a stray interrupt
 * flag before they touch the store.
 */
public final class DurableH2Backend extends H2Backend {

    /** Name of the MVStore file inside the data directory. */
    public static final String STORE_FILE_NAME = "embedded-mongo.mv.db";

    private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);

    private static final String OPEN_MARKER_SUFFIX = ".open";

    // Commands that never change the store; anything not listed (including commands unknown today) is committed,
    // which costs a commit but can never lose a write.
    private static final Set<String> READ_ONLY_COMMANDS = Set.of(
            "find", "count", "distinct", "getmore", "killcursors", "explain",
            "listcollections", "listindexes", "listdatabases", "dbstats", "collstats", "datasize",
            "ping", "ismaster", "hello", "buildinfo", "whatsmyuri", "serverstatus", "hostinfo", "getcmdlineopts",
            "getlog", "connectionstatus", "getlasterror", "getpreverror", "getfreemonitoringstatus", "currentop",
            "getparameter", "endsessions");

    private static final long HOUSEKEEPING_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(333);
    // Per round: rewrite the live pages of chunks less than 70 % live, up to 1 MB, then move chunks into holes while
    // the file is less than 90 % used, up to 1 MB. A rewrite costs about 200 ms per MB (pages are Java-serialised
    // documents) and blocks every command meanwhile; less per round let the file grow without bound under a steady
    // stream of inserts, more stalled writers for longer. H2's own busy-time housekeeping uses comparable bounds.
    private static final int REWRITE_FILL_RATE = 70;
    private static final int REWRITE_BYTES_PER_ROUND = 1024 * 1024;
    private static final int MOVE_FILL_RATE = 90;
    private static final int MOVE_BYTES_PER_ROUND = 1024 * 1024;
    // How long housekeeping waits for a long scan before it skips a round, and after how many skipped rounds it
    // waits for as long as it takes, so a steady stream of scans cannot starve it.
    private static final long HOUSEKEEPING_LOCK_WAIT_MILLIS = 100;
    private static final int HOUSEKEEPING_MAX_SKIPS = 10;

    private final MVStore mvStore;
    private final Path storeFile;
    private final Path openMarker;
    private final boolean syncEachWrite;

    // Shared by every command, exclusive for housekeeping and close.
    private final ReentrantReadWriteLock storeGate = new ReentrantReadWriteLock();
    // One write command (and its commit) at a time.
    private final ReentrantLock writeLock = new ReentrantLock();

    private final AtomicLong writesSinceHousekeeping = new AtomicLong();
    private final AtomicLong housekeepingRuns = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean closing;
    private final Thread housekeeper;

    private DurableH2Backend(MVStore mvStore, Path storeFile, Path openMarker, boolean syncEachWrite) {
        super(mvStore);
        this.mvStore = mvStore;
        this.storeFile = storeFile;
        this.openMarker = openMarker;
        this.syncEachWrite = syncEachWrite;
        // Opening existing databases may have created maps; start from a committed state.
        mvStore.commit();
        this.housekeeper = new Thread(this::housekeepingLoop, "durable-h2-housekeeping");
        housekeeper.setDaemon(true);
        housekeeper.start();
    }

    /** Opens (or creates) the store in {@code dataDir}, committing each write without forcing it to disk. */
    public static DurableH2Backend open(Path dataDir) {
        return open(dataDir, false);
    }

    /**
     * Opens (or creates) the store in {@code dataDir}.
     *
     * @param syncEachWrite also fsync after each write command, so writes survive a power cut and not only a killed
     *                      process; slower (a trial measured ~370 instead of ~500-600 single inserts/s)
     */
    public static DurableH2Backend open(Path dataDir, boolean syncEachWrite) {
        Path file = dataDir.resolve(STORE_FILE_NAME).toAbsolutePath().normalize();
        Path marker = file.resolveSibling(STORE_FILE_NAME + OPEN_MARKER_SUFFIX);
        try {
            Files.createDirectories(file.getParent());
            // Finishes or discards a full rewrite that a killed process left half done.
            MVStoreTool.compactCleanUp(file.toString());
            if (Files.exists(marker) && Files.exists(file)) {
                rewriteCompactly(file, "the previous process did not shut down cleanly");
            }
            MVStore store = new MVStore.Builder()
                    .fileName(file.toString())
                    .autoCommitDisabled()
                    .autoCommitBufferSize(0)
                    .compress()
                    .open();
            try {
                // Dead chunks are reused at once; housekeeping and the read pins keep that safe.
                store.setRetentionTime(0);
                // Created only once the store is locked by us, so another process's marker is never mistaken
                // for ours and a second process that fails to open leaves it alone.
                if (!Files.exists(marker)) {
                    Files.createFile(marker);
                }
                DurableH2Backend backend = new DurableH2Backend(store, file, marker, syncEachWrite);
                log.info("Opened durable MVStore {} ({} bytes)", file, Files.size(file));
                return backend;
            } catch (IOException | RuntimeException | Error e) {
                store.closeImmediately();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the embedded MongoDB store in " + dataDir, e);
        }
    }

    private static void rewriteCompactly(Path file, String reason) throws IOException {
        long before = Files.size(file);
        long started = System.nanoTime();
        // Writes a compact copy next to the file and atomically replaces it; a crash meanwhile keeps the original.
        MVStoreTool.compact(file.toString(), true);
        log.info("Rewrote {} compactly because {}: {} -> {} bytes in {} ms", file, reason, before, Files.size(file),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** The MVStore file this backend writes to. */
    public Path storeFile() {
        return storeFile;
    }

    /**
     * Runs one OP_MSG command, the form in which current drivers send every command after the handshake; a write
     * is committed before this returns, that is before the reply is sent.
     */
    @Override
    public Document handleMessage(MongoMessage message) {
        Document command = message.getDocument();
        // The command name is the first key, as in AbstractMongoBackend.handleMessage.
        String name = command.isEmpty() ? "" : command.keySet().iterator().next();
        if (isReadOnly(name, command)) {
            return read(() -> super.handleMessage(message));
        }
        return write(() -> super.handleMessage(message));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        // Legacy OP_QUERY reads. Commands sent that way go straight to handleCommand, ungated (see the class comment).
        return read(() -> super.handleQuery(query));
    }

    @Override
    public void dropDatabase(String databaseName) {
        write(() -> {
            super.dropDatabase(databaseName);
            return null;
        });
    }

    @Override
    public void enableOplog() {
        // Creates local.oplog.rs on first use: a write outside any command.
        write(() -> {
            super.enableOplog();
            return null;
        });
    }

    private static boolean isReadOnly(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("aggregate")) {
            return !writesThroughPipeline(query.get("pipeline"));
        }
        return READ_ONLY_COMMANDS.contains(name);
    }

    private static boolean writesThroughPipeline(Object pipeline) {
        if (pipeline instanceof List<?> stages) {
            for (Object stage : stages) {
                if (stage instanceof Document document
                        && (document.containsKey("$out") || document.containsKey("$merge"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private <T> T read(Supplier<T> operation) {
        Lock shared = storeGate.readLock();
        shared.lock();
        try {
            clearInterrupt();
            // Keeps chunks of this version from being freed by concurrent commits while the read walks them.
            MVStore.TxCounter pin = mvStore.registerVersionUsage();
            try {
                return operation.get();
            } finally {
                mvStore.deregisterVersionUsage(pin);
            }
        } finally {
            shared.unlock();
        }
    }

    private <T> T write(Supplier<T> operation) {
        Lock shared = storeGate.readLock();
        shared.lock();
        writeLock.lock();
        try {
            clearInterrupt();
            T result;
            try {
                result = operation.get();
            } catch (RuntimeException | Error e) {
                // A failed command may still have changed documents (an ordered batch stops half way); keep them.
                try {
                    commitDurably();
                } catch (RuntimeException commitFailure) {
                    e.addSuppressed(commitFailure);
                }
                throw e;
            }
            commitDurably();
            return result;
        } finally {
            writeLock.unlock();
            shared.unlock();
        }
    }

    private void commitDurably() {
        mvStore.commit();
        if (syncEachWrite) {
            mvStore.sync();
        }
        writesSinceHousekeeping.incrementAndGet();
    }

    private static void clearInterrupt() {
        // An interrupt flag set during FileChannel I/O closes the store file for every thread; nothing here uses
        // interrupts, so a stray one is dropped rather than allowed to break the store.
        if (Thread.interrupted()) {
            log.warn("Cleared an interrupt on {} before touching the store", Thread.currentThread().getName());
        }
    }

    private void housekeepingLoop() {
        int skipped = 0;
        while (!closing) {
            LockSupport.parkNanos(this, HOUSEKEEPING_INTERVAL_NANOS);
            if (closing || writesSinceHousekeeping.get() == 0) {
                continue;
            }
            Lock exclusive = storeGate.writeLock();
            if (!acquire(exclusive, skipped >= HOUSEKEEPING_MAX_SKIPS)) {
                skipped++;
                continue;
            }
            skipped = 0;
            try {
                if (!closing) {
                    housekeep();
                }
            } catch (RuntimeException e) {
                log.warn("Housekeeping of {} failed; will retry", storeFile, e);
            } finally {
                exclusive.unlock();
            }
        }
    }

    private static boolean acquire(Lock lock, boolean waitAsLongAsItTakes) {
        if (waitAsLongAsItTakes) {
            lock.lock();
            return true;
        }
        try {
            return lock.tryLock(HOUSEKEEPING_LOCK_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // Never expected: the thread is private. Skip the round rather than leave the flag set for I/O.
            return false;
        }
    }

    private void housekeep() {
        writesSinceHousekeeping.set(0);
        clearInterrupt();
        mvStore.compact(REWRITE_FILL_RATE, REWRITE_BYTES_PER_ROUND);
        // compact() only rewrites pages in memory; the commit writes them and lets the old chunks die.
        mvStore.commit();
        FileStore<?> fileStore = mvStore.getFileStore();
        if (fileStore instanceof RandomAccessStore randomAccessStore) {
            randomAccessStore.compactMoveChunks(MOVE_FILL_RATE, MOVE_BYTES_PER_ROUND, mvStore);
        }
        housekeepingRuns.incrementAndGet();
    }

    /** How many housekeeping rounds ran; lets tests check that housekeeping ran while they read and wrote. */
    long housekeepingRuns() {
        return housekeepingRuns.get();
    }

    /**
     * Stops housekeeping, waits for running commands, commits, closes the store and rewrites the file compactly.
     * Call it only after the server stopped handing commands to this backend ({@code MongoServer.shutdown()} does).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // The store's file I/O must not see an interrupt; the caller gets its flag back at the end.
        boolean interrupted = Thread.interrupted();
        try {
            interrupted |= stopHousekeeping();
            Lock exclusive = storeGate.writeLock();
            exclusive.lock();
            try {
                closeStore();
            } finally {
                exclusive.unlock();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeStore() {
        if (mvStore.isClosed()) {
            // Closed by H2 after an error: keep the marker so the next start rewrites the file.
            log.warn("MVStore {} was already closed", storeFile);
            return;
        }
        long before = sizeOf(storeFile);
        long started = System.nanoTime();
        // -1: commit, close, then rewrite the whole file compactly (MVStoreTool.compact).
        mvStore.close(-1);
        try {
            Files.deleteIfExists(openMarker);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + openMarker, e);
        }
        log.info("Closed {} cleanly: {} -> {} bytes after rewriting in {} ms", storeFile, before, sizeOf(storeFile),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Returns whether this thread was interrupted while it waited. */
    private boolean stopHousekeeping() {
        closing = true;
        LockSupport.unpark(housekeeper);
        boolean interrupted = false;
        while (housekeeper.isAlive()) {
            try {
                housekeeper.join();
            } catch (InterruptedException e) {
                // Closing must not be cut short.
                interrupted = true;
            }
        }
        return interrupted;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + storeFile + "]";
    }
}
