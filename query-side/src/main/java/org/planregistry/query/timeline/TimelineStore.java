package org.planregistry.query.timeline;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ConfigurerModule;
import org.planregistry.query.event.DeadLetters;
import org.planregistry.query.event.EventBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Reads and writes the temporal plan view. Every access is by {@code _id} or {@code _id $in}, the only look-ups the
 * embedded server answers without scanning; the catalogue alone reads the whole (small) {@code plans} collection.
 *
 * <p>Writes are idempotent: a change carries the global sequence of its event and is skipped when the document has
 * already applied that sequence or a later one, so a re-delivered event changes nothing. They are buffered per batch
 * of events ({@link TimelineChanges}) and written once at the batch's end, as updates of what changed; an element's
 * versions are kept in buckets of {@code registry.query.versions-per-bucket} ({@link VersionBuckets}), so no
 * document grows with a history.
 */
@Component
public class TimelineStore {

    /** The processing group (and tracking processor) that keeps this view. */
    public static final String PROCESSING_GROUP = "plan-timeline";
    static final String PLANS = "plans";
    static final String ELEMENTS = "plan_elements";
    static final String ELEMENT_VERSIONS = "plan_element_versions";
    private static final Logger log = LoggerFactory.getLogger(TimelineStore.class);

    private final ViewCollection<PlanDocument> plans;
    private final ViewCollection<ElementDocument> elements;
    private final Continuations continuations;
    private final DeadLetters deadLetters;

    /** A store of its own parked events, for tests that feed the projections directly. */
    TimelineStore(MongoDatabase registryDatabase, int keptDocuments, int versionsPerBucket) {
        this(registryDatabase, keptDocuments, versionsPerBucket, new DeadLetters(registryDatabase, Clock.systemUTC()));
    }

    @Autowired
    TimelineStore(MongoDatabase registryDatabase,
                  @Value("${registry.query.kept-documents:20000}") int keptDocuments,
                  @Value("${registry.query.versions-per-bucket:128}") int versionsPerBucket, DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
        this.plans = new ViewCollection<>(registryDatabase.getCollection(PLANS), PlanDocument.class,
                PlanDocument::code, PlanDocument::lastSequence, keptDocuments / 10);
        this.elements = new ViewCollection<>(registryDatabase.getCollection(ELEMENTS),
                new VersionBuckets(registryDatabase.getCollection(ELEMENT_VERSIONS), versionsPerBucket),
                ElementDocument::key, ElementDocument::lastSequence, keptDocuments);
        this.continuations = new Continuations(registryDatabase);
    }

    /**
     * Writes each batch's changes once, at the batch's end (see {@link EventBatch}); an event that cannot be
     * projected is parked with its plan's later events, not retried with the whole batch ({@link DeadLetters}).
     */
    @Bean
    static ConfigurerModule timelineWritesPerBatch(ObjectProvider<DeadLetters> deadLetters) {
        return configurer -> configurer.eventProcessing()
                .registerHandlerInterceptor(PROCESSING_GROUP, c -> EventBatch.writesAtEnd(TimelineChanges.class))
                .registerHandlerInterceptor(PROCESSING_GROUP,
                        c -> deadLetters.getObject().isolating(PROCESSING_GROUP, TimelineChanges.class));
    }

    public Optional<PlanDocument> plan(String code) {
        return plans.find(code);
    }

    /** Every plan, for the catalogue. */
    public List<PlanDocument> plans() {
        return List.copyOf(plans.all());
    }

    /**
     * The plan with all its elements: three key look-ups (the plan, its elements, its indicators' continuations),
     * and the decoding of what changed since the last read.
     */
    public Optional<PlanTimeline> timeline(String code) {
        return plan(code).map(plan -> new PlanTimeline(plan,
                continuations.addedTo(elements.find(plan.elementKeys()))));
    }

    /** The global sequence of the last event applied to the plan's document; -1 when there is none yet. */
    public long lastSequenceOf(String code) {
        return plans.lastSequence(code);
    }

    /** The element as the batch being handled has it, for a projection that needs to look before it changes. */
    Optional<ElementDocument> element(String key) {
        return changes().element(key);
    }

    void adoptPlan(PlanDocument plan) {
        TimelineChanges changes = changes();
        Optional<PlanDocument> existing = changes.plan(plan.code());
        if (existing.isPresent() && existing.get().lastSequence() >= plan.lastSequence()) {
            return;
        }
        changes.put(plan);
    }

    /** Applies {@code change} unless the plan document has already seen {@code sequence}. */
    void changePlan(String code, long sequence, UnaryOperator<PlanDocument> change) {
        TimelineChanges changes = changes();
        Optional<PlanDocument> existing = changes.plan(code);
        if (existing.isEmpty()) {
            log.warn("Event {} concerns plan {}, which the view does not hold; skipped", sequence, code);
            return;
        }
        if (existing.get().lastSequence() >= sequence) {
            return;
        }
        changes.put(change.apply(existing.get()));
    }

    void adoptElement(ElementDocument element) {
        TimelineChanges changes = changes();
        Optional<ElementDocument> existing = changes.element(element.key());
        if (existing.isPresent() && existing.get().lastSequence() >= element.lastSequence()) {
            return;
        }
        changes.put(element);
    }

    /** Applies {@code change} unless the element document has already seen {@code sequence}. */
    void changeElement(String key, long sequence, UnaryOperator<ElementDocument> change) {
        TimelineChanges changes = changes();
        Optional<ElementDocument> existing = changes.element(key);
        if (existing.isEmpty()) {
            log.warn("Event {} concerns element {}, which the view does not hold; skipped", sequence, key);
            return;
        }
        if (existing.get().lastSequence() >= sequence) {
            return;
        }
        changes.put(change.apply(existing.get()).appliedUpTo(sequence));
    }

    /**
     * Links the indicator under {@code predecessorKey}, of another plan, to its successor: kept apart from the
     * predecessor's document, which the successor's events do not write ({@link Continuations}).
     */
    void linkContinuation(String predecessorKey, Version link) {
        changes().link(predecessorKey, link);
    }

    /** The changes of the batch being handled; written at its end by the interceptor of {@link #PROCESSING_GROUP}. */
    private TimelineChanges changes() {
        return EventBatch.changes(TimelineChanges.class,
                batch -> new TimelineChanges(plans, elements, continuations, batch));
    }

    void clearPlans() {
        plans.clear();
    }

    void clearElements() {
        elements.clear();
        continuations.clear();
        deadLetters.forget(PROCESSING_GROUP);
    }
}
