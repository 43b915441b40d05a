package org.planregistry.query.segments;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The query-side instances working on one store. Each announces itself in {@code query_instances} (its name and
 * when it was last seen) every time it balances its segments, and withdraws when it stops. The token store cannot
 * tell this: an instance that holds no segment yet does not appear in it, so the others would never make room for it.
 *
 * <p>An instance counts as present while it was seen within half the claim timeout: a dead instance stops counting
 * before its claims expire, so the survivors' share has grown by the time they can claim its segments, and they never
 * release a segment to an instance that is gone.
 */
@Component
public class QueryInstances {

    static final String COLLECTION = "query_instances";
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final Duration FORGOTTEN_AFTER = Duration.ofHours(1);

    private final MongoCollection<Document> instances;
    private final Clock clock;
    private final Duration presence;
    /** The name Axon's token store writes as the owner of this instance's claims (its default node id). */
    private final String self = ManagementFactory.getRuntimeMXBean().getName();

    QueryInstances(MongoDatabase registryDatabase, Clock clock, SharedSegments segments) {
        this.instances = registryDatabase.getCollection(COLLECTION);
        this.clock = clock;
        this.presence = segments.claimTimeout().dividedBy(2);
    }

    /** This instance's name: the owner of its claims in the token store. */
    public String self() {
        return self;
    }

    /** Records this instance as seen now, and forgets instances not seen for an hour (killed ones never withdraw). */
    void announce() {
        long now = clock.millis();
        instances.replaceOne(eq("_id", self), new Document("_id", self).append("seenAt", now), UPSERT);
        instances.deleteMany(lt("seenAt", now - FORGOTTEN_AFTER.toMillis()));
    }

    void withdraw() {
        instances.deleteOne(eq("_id", self));
    }

    /** The instances seen lately, this one included once it has announced itself. */
    public List<String> present() {
        Instant since = clock.instant().minus(presence);
        List<String> present = new ArrayList<>();
        for (Document instance : instances.find()) {
            Number seenAt = instance.get("seenAt", Number.class);
            if (seenAt != null && Instant.ofEpochMilli(seenAt.longValue()).isAfter(since)) {
                present.add(instance.getString("_id"));
            }
        }
        present.sort(null);
        return present;
    }
}
