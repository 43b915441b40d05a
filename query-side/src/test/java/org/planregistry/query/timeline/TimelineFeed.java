package org.planregistry.query.timeline;

import java.util.Optional;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.planregistry.query.event.EventBatch;

/**
 * For tests outside this package: both timeline projections fed directly, as the {@code plan-timeline} processor
 * feeds them (elements before the plan, the batch written at the end of its unit of work), without Spring or a
 * processor, and the timeline read back through {@link TimelineStore} as every plan question reads it.
 */
public final class TimelineFeed {

    private final TimelineStore store;
    private final AnnotationEventHandlerAdapter elements;
    private final AnnotationEventHandlerAdapter plans;

    public TimelineFeed(MongoDatabase database) {
        this.store = new TimelineStore(database, 1000, 3); // small buckets: many versions cross a bucket's end
        this.elements = new AnnotationEventHandlerAdapter(new PlanElementProjection(store));
        this.plans = new AnnotationEventHandlerAdapter(new PlanProjection(store));
    }

    /** Handles one event in its own unit of work, written at its end, as a batch of one. */
    public void handle(EventMessage<?> message) throws Exception {
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        EventBatch.writesAtEnd(TimelineChanges.class).handle(unitOfWork, () -> {
            elements.handle(message);
            plans.handle(message);
            return null;
        });
        unitOfWork.commit();
    }

    /** The plan with all its elements, as {@link TimelineReader} loads it for a query. */
    public Optional<PlanTimeline> timeline(String plan) {
        return store.timeline(plan);
    }
}
