package org.planregistry.eventstore;

import static com.mongodb.client.model.Filters.in;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * A plan's events exactly as stored, with their hash-chain links, for an auditor who recomputes the chain with tools
 * of their own: the hashed fields are the stored strings byte for byte, never re-serialized.
 */
public final class StoredEvents {

    private final MongoCollection<Document> events;

    public StoredEvents(MongoDatabase database) {
        this.events = database.getCollection("events");
    }

    /** One stored event: every field the link covers, its links, and where it is stored. */
    public record StoredEvent(long globalSequence, String aggregateIdentifier, long sequenceNumber,
                              String payloadType, String payloadRevision, String timestamp, String payload,
                              String metaData, String previousHash, String hash) {
    }

    /** The plan's stored events from sequence number {@code from}, up to {@code limit} of them, in sequence order. */
    public List<StoredEvent> page(String aggregateIdentifier, long from, int limit) {
        List<String> keys = LongStream.range(from, from + limit)
                .mapToObj(seq -> MongoEventStorageEngine.aggregateKey(aggregateIdentifier, seq)).toList();
        List<StoredEvent> page = new ArrayList<>();
        for (Document doc : events.find(in("aggregateKey", keys))) {
            page.add(new StoredEvent(((Number) doc.get("_id")).longValue(), doc.getString("aggregateIdentifier"),
                    doc.get("sequenceNumber", Number.class).longValue(), doc.getString("payloadType"),
                    doc.get("payloadRevision") == null ? null : String.valueOf(doc.get("payloadRevision")),
                    doc.getString("timestamp"), doc.getString("payload"), doc.getString("metaData"),
                    doc.getString(HashChain.PREVIOUS_HASH), doc.getString(HashChain.HASH)));
        }
        page.sort(Comparator.comparingLong(StoredEvent::sequenceNumber));
        return page;
    }
}
