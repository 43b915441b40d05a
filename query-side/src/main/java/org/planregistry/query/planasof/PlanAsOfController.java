package org.planregistry.query.planasof;

import java.time.Clock;

import org.planregistry.query.access.Audience;
import org.planregistry.query.http.QueryParameters;
import org.planregistry.query.timeline.PlanTimeline;
import org.planregistry.query.timeline.TimePoint;
import org.planregistry.query.timeline.TimelineReader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/plans/{plan}?asOf=&knownAt=}: the whole plan from one point of view. */
@RestController
class PlanAsOfController {

    /** Pending changes listed by default; the rest are counted (the diff to a later date lists them all). */
    static final int DEFAULT_PENDING = 50;
    static final int MAX_PENDING = 1000;

    private final TimelineReader reader;
    private final Clock clock;

    PlanAsOfController(TimelineReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    @GetMapping("/api/plans/{plan}")
    PlanAsOfView plan(@PathVariable String plan, @RequestParam(required = false) String asOf,
                      @RequestParam(required = false) String knownAt,
                      @RequestParam(required = false) String minSequence,
                      @RequestParam(required = false) String pendingLimit, Audience audience) {
        TimePoint point = TimePoint.fromParameters(asOf, knownAt, clock);
        int pending = QueryParameters.limit("pendingLimit", pendingLimit, DEFAULT_PENDING, MAX_PENDING);
        PlanTimeline timeline = audience.view(reader.timeline(plan, minSequence));
        TimelineReader.requireAdopted(timeline, point, "asOf");
        return PlanAsOfAssembler.assemble(timeline, point, pending);
    }
}
