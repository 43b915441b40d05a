package org.planregistry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.eventhandling.DomainEventMessage;
import org.planregistry.embeddedstore.EmbeddedMongoProcess;
import org.planregistry.eventstore.MongoEventStorageEngine;

/**
 * Part scale's store on disk: the durable backend (H2 file, every acknowledged write committed before the reply) in
 * a process of its own, filled through the sizes to the largest with the same mix as the memory run (the Shenzhen
 * plan over HTTP, filler plans through the storage engine), weighed on disk at each size as it grows and again after
 * a clean stop, which rewrites the file compactly. No query side runs here: the figures are the event store's (with
 * the command side's few collections), not the views'. The events' own BSON size per event is the memory run's,
 * read by key at its largest size: the same events, and reading a million back from the file would take minutes.
 */
final class DiskFootprint {

    /** Bytes on disk with so many events in the store. */
    record Point(long events, long bytes) {

        double bytesPerEvent() {
            return (double) bytes / events;
        }
    }

    /**
     * @param fill             every growth together
     * @param rawBefore        raw {@code insertMany} into an empty durable store, {@code rawAfter} into the full one
     * @param bsonPerEvent     the events' BSON per event, as the memory run read them
     * @param afterClose       bytes on disk after the clean stop, which took {@code closeSeconds}
     */
    record Result(Throughput fill, Throughput rawBefore, Throughput rawAfter, List<Point> points, double bsonPerEvent,
                  Point afterClose, double closeSeconds) {

        Point live() {
            return points.get(points.size() - 1);
        }
    }

    private static final Duration CLOSE_TIMEOUT = Duration.ofMinutes(30);

    private final BenchOptions options;
    private final ScaleOptions scale;
    private final Report report;
    private final String rawPayload;
    private final double bsonPerEvent;

    DiskFootprint(BenchOptions options, Report report, String rawPayload, double bsonPerEvent) {
        this.options = options;
        this.scale = options.scale();
        this.report = report;
        this.rawPayload = rawPayload;
        this.bsonPerEvent = bsonPerEvent;
    }

    Result run() throws Exception {
        report.progress("[disk] durable store filled to %,d events", scale.largest());
        Path work = Files.createTempDirectory("plan-registry-scale-disk-");
        Path data = work.resolve("data");
        try (EmbeddedMongoProcess store = EmbeddedMongoProcess.start(data, work, "durable-store",
                scale.storeHeap())) {
            Throughput rawBefore;
            Throughput rawAfter;
            List<Point> points = new ArrayList<>();
            long appended = 0;
            double appendSeconds = 0;
            // Before the fill, on a store of its own: the dropped documents' space would be counted at the first size.
            rawBefore = rawInsertManyOnEmptyStore(work);
            try (ScaleRegistry registry = ScaleRegistry.start(store, work, scale)) {
                List<DomainEventMessage<?>> shenzhen = registry.importShenzhen(options.history());
                MongoEventStorageEngine engine = registry.client().engine();
                StoreGrowth growth = new StoreGrowth(engine, shenzhen.get(0).getType(), report, "disk");
                for (int size : scale.sizes()) {
                    Report.Stage stage = report.stage(String.format("disk: growth to %,d events", size));
                    Throughput grown = growth.growTo(size);
                    stage.end();
                    appended += grown.count();
                    appendSeconds += grown.seconds();
                    points.add(new Point(engine.lastAllocatedSequence(), BenchStore.bytesIn(data)));
                    report.progress("[disk] %,d events: %,.0f events/s, %,d MB on disk", points.get(points.size()
                            - 1).events(), grown.perSecond(), points.get(points.size() - 1).bytes() >> 20);
                }
                // Into another database of the same file, dropped: a clean stop rewrites the file without it.
                rawAfter = RawInsertMany.measure(report, "disk", String.format("at %,d events",
                        engine.lastAllocatedSequence()), registry.client().database(ScaleBench.RAW_DATABASE),
                        scale.rawDocs(), rawPayload);
            }
            // Not a measured stage: the stopping process's CPU time would count as other processes'.
            long start = System.nanoTime();
            store.stop(CLOSE_TIMEOUT);
            double closeSeconds = (System.nanoTime() - start) / 1e9;
            Point afterClose = new Point(points.get(points.size() - 1).events(), BenchStore.bytesIn(data));
            report.progress("[disk] %,d MB on disk after a clean stop (%.1f s)", afterClose.bytes() >> 20,
                    closeSeconds);
            BenchStore.delete(work);
            return new Result(new Throughput(appended, appendSeconds), rawBefore, rawAfter, points, bsonPerEvent,
                    afterClose, closeSeconds);
        } catch (Exception | Error e) {
            report.progress("[disk] failed; the store and the processes' logs are kept in %s", work);
            throw e;
        }
    }

    private Throughput rawInsertManyOnEmptyStore(Path work) throws IOException {
        try (EmbeddedMongoProcess empty = EmbeddedMongoProcess.start(work.resolve("empty-data"), work, "empty-store",
                scale.storeHeap()); MongoClient client = MongoClients.create(empty.connectionString())) {
            return RawInsertMany.measure(report, "disk", "into an empty store", client.getDatabase(
                    ScaleBench.RAW_DATABASE), scale.rawDocs(), rawPayload);
        }
    }
}
