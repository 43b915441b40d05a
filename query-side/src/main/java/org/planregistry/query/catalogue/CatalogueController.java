package org.planregistry.query.catalogue;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.planregistry.query.access.Audience;
import org.planregistry.query.consistency.ReadYourWrites;
import org.planregistry.query.http.QueryParameters;
import org.planregistry.query.timeline.ElementKind;
import org.planregistry.query.timeline.ElementRef;
import org.planregistry.query.timeline.PlanDocument;
import org.planregistry.query.timeline.PlanStatus;
import org.planregistry.query.timeline.TimePoint;
import org.planregistry.query.timeline.TimelineStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/plans}: the catalogue. Counts come from the plan documents' element entries, so listing every
 * plan reads the {@code plans} collection only.
 */
@RestController
class CatalogueController {

    private final TimelineStore store;
    private final ReadYourWrites readYourWrites;
    private final Clock clock;

    CatalogueController(TimelineStore store, ReadYourWrites readYourWrites, Clock clock) {
        this.store = store;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
    }

    /**
     * Without {@code asOf}, every plan known at {@code knownAt} (default now), those whose adoption date is still
     * ahead as {@code NOT_YET_ADOPTED}. With {@code asOf}, only the plans in force on that date, with their status
     * on that date: a plan adopted after {@code asOf} is not listed.
     */
    @GetMapping("/api/plans")
    CatalogueView catalogue(@RequestParam(required = false) String asOf,
                            @RequestParam(required = false) String knownAt,
                            @RequestParam(required = false) String minSequence, Audience audience) {
        long sequence = QueryParameters.sequence("minSequence", minSequence, 0);
        TimePoint point = TimePoint.fromParameters(asOf, knownAt, clock);
        readYourWrites.await(TimelineStore.PROCESSING_GROUP, sequence, () -> -1);
        boolean onlyInForce = asOf != null && !asOf.isBlank();
        return new CatalogueView(point.asOf(), store.plans().stream()
                .filter(plan -> point.isKnown(plan.adopted()) && (!onlyInForce || plan.isAdoptedAt(point)))
                .sorted(Comparator.comparing(PlanDocument::code))
                .map(plan -> entry(plan, point, audience)).toList());
    }

    private static CatalogueView.Entry entry(PlanDocument plan, TimePoint now, Audience audience) {
        PlanStatus status = plan.statusAt(now);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ElementKind kind : ElementKind.values()) {
            counts.put(kind.word() + "s", plan.elements().stream()
                    .filter(ref -> ref.kind() == kind && ref.isLiveOn(now.asOf()) && audience.sees(ref.isPublic()))
                    .count());
        }
        String stage = plan.isAdoptedAt(now) ? status.stage().name() : "NOT_YET_ADOPTED";
        return new CatalogueView.Entry(plan.code(), plan.title(), plan.issuer(), plan.period(), plan.adoptedOn(),
                stage, status.supersededBy(), counts, plan.lastSequence(), plan.lastRecordedAt());
    }
}
