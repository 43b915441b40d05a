package org.planregistry.query.planasof;

import java.time.Clock;

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

    private final TimelineReader reader;
    private final Clock clock;

    PlanAsOfController(TimelineReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    @GetMapping("/api/plans/{plan}")
    PlanAsOfView plan(@PathVariable String plan, @RequestParam(required = false) String asOf,
                      @RequestParam(required = false) String knownAt,
                      @RequestParam(required = false) String minSequence) {
        TimePoint point = QueryParameters.timePoint(asOf, knownAt, clock);
        PlanTimeline timeline = reader.timeline(plan, minSequence);
        TimelineReader.requireAdopted(timeline, point, "asOf");
        return PlanAsOfAssembler.assemble(timeline, point);
    }
}
