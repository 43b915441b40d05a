package org.planregistry.query.timeline;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads and writes the temporal plan view. Every access is by {@code _id} or {@code _id $in}, the only look-ups the
 * embedded server answers without scanning; the catalogue alone reads the whole (small) {@code plans} collection.
 *
 * <p>Writes are idempotent: a change carries the global sequence of its event and is skipped when the document has
 * already applied that sequence or a later one, so a re-delivered event changes nothing.
 */
@Component
public class TimelineStore {

    /** The processing group (and tracking processor) that keeps this view. */
    public static final String PROCESSING_GROUP = "plan-timeline";
    static final String PLANS = "plans";
    static final String ELEMENTS = "plan_elements";
    private static final Logger log = LoggerFactory.getLogger(TimelineStore.class);
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> plans;
    private final MongoCollection<Document> elements;

    TimelineStore(MongoDatabase registryDatabase) {
        this.plans = registryDatabase.getCollection(PLANS);
        this.elements = registryDatabase.getCollection(ELEMENTS);
    }

    public Optional<PlanDocument> plan(String code) {
        return Optional.ofNullable(ViewDocuments.fromDocument(plans.find(eq("_id", code)).first(),
                PlanDocument.class));
    }

    /** Every plan, for the catalogue. */
    public List<PlanDocument> plans() {
        List<PlanDocument> all = new ArrayList<>();
        plans.find().forEach(doc -> all.add(ViewDocuments.fromDocument(doc, PlanDocument.class)));
        return all;
    }

    /** The plan with all its elements: two key look-ups. */
    public Optional<PlanTimeline> timeline(String code) {
        return plan(code).map(plan -> {
            Map<String, ElementDocument> byKey = new LinkedHashMap<>();
            List<String> keys = plan.elementKeys();
            if (!keys.isEmpty()) {
                elements.find(in("_id", keys)).forEach(doc -> {
                    ElementDocument element = ViewDocuments.fromDocument(doc, ElementDocument.class);
                    byKey.put(element.key(), element);
                });
            }
            return new PlanTimeline(plan, byKey);
        });
    }

    /** The global sequence of the last event applied to the plan's document; -1 when there is none yet. */
    public long lastSequenceOf(String code) {
        Document doc = plans.find(eq("_id", code)).projection(Projections.include("lastSequence")).first();
        return doc == null ? -1 : doc.get("lastSequence", Number.class).longValue();
    }

    Optional<ElementDocument> element(String key) {
        return Optional.ofNullable(ViewDocuments.fromDocument(elements.find(eq("_id", key)).first(),
                ElementDocument.class));
    }

    void adoptPlan(PlanDocument plan) {
        Optional<PlanDocument> existing = plan(plan.code());
        if (existing.isPresent() && existing.get().lastSequence() >= plan.lastSequence()) {
            return;
        }
        plans.replaceOne(eq("_id", plan.code()), ViewDocuments.toDocument(plan), UPSERT);
    }

    /** Applies {@code change} unless the plan document has already seen {@code sequence}. */
    void changePlan(String code, long sequence, UnaryOperator<PlanDocument> change) {
        Optional<PlanDocument> existing = plan(code);
        if (existing.isEmpty()) {
            log.warn("Event {} concerns plan {}, which the view does not hold; skipped", sequence, code);
            return;
        }
        if (existing.get().lastSequence() >= sequence) {
            return;
        }
        plans.replaceOne(eq("_id", code), ViewDocuments.toDocument(change.apply(existing.get())), UPSERT);
    }

    void adoptElement(ElementDocument element) {
        Optional<ElementDocument> existing = element(element.key());
        if (existing.isPresent() && existing.get().lastSequence() >= element.lastSequence()) {
            return;
        }
        elements.replaceOne(eq("_id", element.key()), ViewDocuments.toDocument(element), UPSERT);
    }

    /** Applies {@code change} unless the element document has already seen {@code sequence}. */
    void changeElement(String key, long sequence, UnaryOperator<ElementDocument> change) {
        Optional<ElementDocument> existing = element(key);
        if (existing.isEmpty()) {
            log.warn("Event {} concerns element {}, which the view does not hold; skipped", sequence, key);
            return;
        }
        if (existing.get().lastSequence() >= sequence) {
            return;
        }
        ElementDocument changed = change.apply(existing.get()).appliedUpTo(sequence);
        elements.replaceOne(eq("_id", key), ViewDocuments.toDocument(changed), UPSERT);
    }

    void clearPlans() {
        plans.deleteMany(new Document());
    }

    void clearElements() {
        elements.deleteMany(new Document());
    }
}
