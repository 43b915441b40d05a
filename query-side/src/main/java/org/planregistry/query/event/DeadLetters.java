package org.planregistry.query.event;

import static com.mongodb.client.model.Filters.eq;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.UpdateOptions;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.planregistry.eventstore.EventJson;
import org.springframework.stereotype.Component;

/**
 * The parked events of the views, in the {@code dead_letters} collection, so that they survive a restart and every
 * query-side instance sees the same ones. The collection is empty as long as every event projects; reading it whole
 * (once per batch of events) costs next to nothing then.
 */
@Component
public class DeadLetters {

    static final String COLLECTION = "dead_letters";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> letters;
    private final Clock clock;

    public DeadLetters(MongoDatabase registryDatabase, Clock clock) {
        this.letters = registryDatabase.getCollection(COLLECTION);
        this.clock = clock;
    }

    /**
     * The handling of each event of a view's batch isolated from the others: an event whose projection throws is
     * undone and parked, and so is every later event of its plan, while the batch goes on (see {@link
     * DeadLettering}). Registered after {@link EventBatch#writesAtEnd}, so that it runs inside it.
     */
    public DeadLettering isolating(String view, Class<? extends EventBatch.Changes> changes) {
        return new DeadLettering(this, view, changes);
    }

    /** Every parked event, by view and global sequence. */
    public List<DeadLetter> all() {
        List<DeadLetter> all = new ArrayList<>();
        letters.find().forEach(doc -> all.add(EventJson.mapper().convertValue(doc, DeadLetter.class)));
        all.sort(Comparator.comparing(DeadLetter::view).thenComparingLong(DeadLetter::globalSequence));
        return all;
    }

    public long count() {
        return letters.countDocuments();
    }

    /** Per plan with parked events of {@code view}, the global sequence of its first one. */
    Map<String, Long> firstParked(String view) {
        Map<String, Long> first = new HashMap<>();
        letters.find(eq("view", view)).forEach(doc -> first.merge(doc.getString("plan"),
                doc.get("globalSequence", Number.class).longValue(), Math::min));
        return first;
    }

    /**
     * Parks {@code message} of {@code plan}; a second parking of the same event (a batch handled again after a
     * failed write) keeps the first.
     */
    public void park(String view, EventMessage<?> message, String plan, Long behind, String cause) {
        long sequence = RecordedEvent.globalSequence(message);
        Document letter = new Document("view", view).append("plan", plan).append("globalSequence", sequence)
                .append("eventType", message.getPayloadType().getSimpleName())
                .append("eventId", message.getIdentifier()).append("behind", behind).append("cause", cause)
                .append("parkedAt", clock.instant().toString()).append("attempts", behind == null ? 1 : 0);
        letters.updateOne(eq("_id", DeadLetter.id(view, sequence)), new Document("$setOnInsert", letter), UPSERT);
    }

    /**
     * Forgets the parked events of {@code view}, which is being rebuilt: its replay handles every event again and
     * parks those that still fail.
     */
    public void forget(String view) {
        letters.deleteMany(eq("view", view));
    }

    public void retried(DeadLetter letter) {
        letters.deleteOne(eq("_id", letter.id()));
    }

    public void failedAgain(DeadLetter letter, String cause) {
        letters.updateOne(eq("_id", letter.id()), Updates.combine(Updates.set("cause", cause),
                Updates.inc("attempts", 1), Updates.set("lastAttemptAt", clock.instant().toString())));
    }

    /** The plans parked in {@code view} as the batch being handled sees them: read once per batch. */
    Map<String, Long> parkedInBatch(String view, UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().getOrComputeResource(DeadLetters.class.getName() + "/" + view,
                key -> firstParked(view));
    }
}
