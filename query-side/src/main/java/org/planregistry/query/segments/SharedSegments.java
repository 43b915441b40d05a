package org.planregistry.query.segments;

import static com.mongodb.client.model.Filters.eq;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The segments of the tracking processors as the shared token store holds them (axon-mongo's {@code trackingtokens}
 * collection), read without claiming anything: the only place where every query-side instance sees how far each
 * segment of a view has got and who holds it, whichever instance works it.
 */
@Component
public class SharedSegments {

    static final String COLLECTION = "trackingtokens";

    private final MongoCollection<Document> tokens;
    private final Serializer serializer;
    private final Duration claimTimeout;
    private final Clock clock;

    SharedSegments(MongoDatabase registryDatabase, Serializer serializer, Clock clock,
                   @Value("${registry.eventstore.claim-timeout:30s}") Duration claimTimeout) {
        this.tokens = registryDatabase.getCollection(COLLECTION);
        this.serializer = serializer;
        this.clock = clock;
        this.claimTimeout = claimTimeout;
    }

    /** The processor's segments in order; empty before its tokens are first made. */
    public List<StoredSegment> of(String processor) {
        List<StoredSegment> segments = new ArrayList<>();
        for (Document entry : tokens.find(eq("processorName", processor))) {
            Number segment = entry.get("segment", Number.class);
            Number timestamp = entry.get("timestamp", Number.class);
            if (segment != null) {
                segments.add(new StoredSegment(segment.intValue(), entry.getString("owner"),
                        timestamp == null ? null : Instant.ofEpochMilli(timestamp.longValue()), token(entry)));
            }
        }
        segments.sort(Comparator.comparingInt(StoredSegment::segment));
        return segments;
    }

    /** Who holds each segment of {@code processor} now, by segment; null for a segment no instance holds. */
    public Map<Integer, String> holders(String processor) {
        Instant now = clock.instant();
        Map<Integer, String> holders = new LinkedHashMap<>();
        of(processor).forEach(s -> holders.put(s.segment(), s.claimed(now, claimTimeout) ? s.owner() : null));
        return holders;
    }

    /** The instances other than {@code self} that hold a segment of {@code processor} now. */
    public List<String> otherOwners(String processor, String self) {
        Instant now = clock.instant();
        return of(processor).stream().filter(s -> s.claimed(now, claimTimeout) && !s.owner().equals(self))
                .map(StoredSegment::owner).distinct().sorted().toList();
    }

    public Duration claimTimeout() {
        return claimTimeout;
    }

    private TrackingToken token(Document entry) {
        Object stored = entry.get("token");
        byte[] bytes = stored instanceof Binary binary ? binary.getData() : stored instanceof byte[] b ? b : null;
        if (bytes == null || entry.getString("tokenType") == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, entry.getString("tokenType"),
                null));
    }
}
