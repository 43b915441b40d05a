package org.planregistry.bench;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;

/**
 * The ceiling of an append: event-shaped documents ({@link WriteBench#rawDoc}) inserted with the raw driver's
 * ordered {@code insertMany}, as many per call as an append writes events, into a plain collection with nothing but
 * its {@code _id} index, dropped afterwards.
 */
final class RawInsertMany {

    private static final String COLLECTION = "raw_insert_many";

    private RawInsertMany() {
    }

    /** Inserts {@code docs} documents with {@code payload}, {@code batch} per call; the time excludes the drops. */
    static Throughput run(MongoDatabase database, int docs, int batch, String payload) {
        MongoCollection<Document> collection = database.getCollection(COLLECTION);
        collection.drop();
        long start = System.nanoTime();
        for (int from = 0; from < docs; from += batch) {
            List<Document> documents = new ArrayList<>(batch);
            for (long id = from; id < Math.min(docs, from + batch); id++) {
                documents.add(WriteBench.rawDoc(id, payload));
            }
            collection.insertMany(documents, new InsertManyOptions().ordered(true));
        }
        Throughput inserted = new Throughput(docs, (System.nanoTime() - start) / 1e9);
        collection.drop();
        return inserted;
    }

    /**
     * {@link #run} in batches of a filler plan's length, as a measurement of its own ({@code part} labels it).
     */
    static Throughput measure(Report report, String part, String when, MongoDatabase database, int docs,
                              String payload) {
        Report.Stage stage = report.stage(part + ": raw insertMany " + when);
        Throughput raw = run(database, docs, FillerPlans.EVENTS_PER_PLAN, payload);
        stage.end();
        report.progress("[%s] raw insertMany %s: %,.0f docs/s", part, when, raw.perSecond());
        return raw;
    }

    /** A payload that makes a raw document about {@code bytes} long in BSON, as the events it stands for. */
    static String payloadFor(double bytes) {
        int without = WriteBench.bsonBytes(WriteBench.rawDoc(1_000_000L, ""));
        return "x".repeat((int) Math.max(0, Math.round(bytes) - without));
    }
}
