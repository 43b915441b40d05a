package org.planregistry.query.timeline;

import java.util.Optional;

import org.planregistry.query.consistency.ReadYourWrites;
import org.planregistry.query.http.QueryParameters;
import org.planregistry.query.http.QueryProblem;
import org.springframework.stereotype.Component;

/**
 * Loads a plan's timeline for a query the way every plan question needs it: after waiting for the client's own
 * writes ({@code minSequence}), with a 404 for a plan the registry does not hold or that the point of view cannot
 * see yet.
 */
@Component
public class TimelineReader {

    private final TimelineStore store;
    private final ReadYourWrites readYourWrites;

    TimelineReader(TimelineStore store, ReadYourWrites readYourWrites) {
        this.store = store;
        this.readYourWrites = readYourWrites;
    }

    /** The plan with all its elements, once the view has processed {@code minSequence}. */
    public PlanTimeline timeline(String plan, String minSequence) {
        awaitPlan(plan, minSequence);
        return store.timeline(plan).orElseThrow(() -> unknownPlan(plan));
    }

    /** The plan as the view holds it now, if it holds it: for a plan another one links to. */
    public Optional<PlanTimeline> linked(String plan) {
        return store.timeline(plan);
    }

    /** Waits until the plan view has processed {@code minSequence} (a query parameter; absent: no wait). */
    private void awaitPlan(String plan, String minSequence) {
        long sequence = QueryParameters.sequence("minSequence", minSequence, 0);
        readYourWrites.await(TimelineStore.PROCESSING_GROUP, sequence, () -> store.lastSequenceOf(plan));
    }

    /** 404 unless the plan had been adopted on {@code point.asOf()} as known at {@code point.knownAt()}. */
    public static void requireAdopted(PlanTimeline timeline, TimePoint point, String dateParameter) {
        PlanDocument plan = timeline.plan();
        if (!point.isKnown(plan.adopted())) {
            throw QueryProblem.notFound("knownAt", "plan " + plan.code() + " was not yet recorded at "
                    + point.knownAt() + " (recorded at " + plan.adopted().recordedAt() + ")");
        }
        if (!point.sees(plan.adopted())) {
            throw QueryProblem.notFound(dateParameter, "plan " + plan.code() + " was not yet adopted on "
                    + point.asOf() + " (adopted on " + plan.adoptedOn() + ")");
        }
    }

    private static QueryProblem unknownPlan(String plan) {
        return QueryProblem.notFound("plan", "plan " + plan + " is not in the registry");
    }
}
