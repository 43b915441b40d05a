package org.planregistry.bench;

import static com.mongodb.client.model.Filters.in;

import java.util.List;
import java.util.stream.LongStream;

import com.mongodb.client.MongoCollection;
import org.bson.RawBsonDocument;

/**
 * The raw baseline of every read of the event stream: consecutive {@code _id}s (global sequences) looked up in
 * batches with the driver, as {@code EventPages.after} and the trackers look them up, documents received as
 * {@link RawBsonDocument} and not decoded.
 */
final class EventsByKey {

    /** What one read found: documents, their BSON bytes, look-ups made, and how long it took. */
    record Read(long documents, long bytes, long lookups, double seconds) {

        Throughput rate() {
            return new Throughput(documents, seconds);
        }
    }

    private EventsByKey() {
    }

    /** Reads the events after {@code after} up to {@code head}, {@code page} per look-up. */
    static Read read(MongoCollection<RawBsonDocument> events, long after, long head, int page) {
        long start = System.nanoTime();
        long count = 0;
        long bytes = 0;
        long lookups = 0;
        for (long from = after; from < head; from += page) {
            List<Long> ids = LongStream.rangeClosed(from + 1, Math.min(head, from + page)).boxed().toList();
            for (RawBsonDocument doc : events.find(in("_id", ids))) {
                bytes += doc.getByteBuffer().remaining();
                count++;
            }
            lookups++;
        }
        if (head > after && bytes == 0) {
            throw new IllegalStateException("no documents read");
        }
        return new Read(count, bytes, lookups, (System.nanoTime() - start) / 1e9);
    }
}
