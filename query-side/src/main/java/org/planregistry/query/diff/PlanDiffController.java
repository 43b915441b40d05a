package org.planregistry.query.diff;

import java.time.Clock;
import java.time.LocalDate;

import org.planregistry.query.access.Audience;
import org.planregistry.query.http.QueryParameters;
import org.planregistry.query.http.QueryProblem;
import org.planregistry.query.timeline.PlanTimeline;
import org.planregistry.query.timeline.TimePoint;
import org.planregistry.query.timeline.TimelineReader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/plans/{plan}/diff?from=&to=&knownAt=}: what changed in a plan between two dates. */
@RestController
class PlanDiffController {

    private final TimelineReader reader;
    private final Clock clock;

    PlanDiffController(TimelineReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    @GetMapping("/api/plans/{plan}/diff")
    PlanDiffView diff(@PathVariable String plan, @RequestParam(required = false) String from,
                      @RequestParam(required = false) String to, @RequestParam(required = false) String knownAt,
                      @RequestParam(required = false) String minSequence, Audience audience) {
        LocalDate start = QueryParameters.requiredDate("from", from);
        LocalDate end = QueryParameters.date("to", to, LocalDate.now(clock));
        if (start.isAfter(end)) {
            throw QueryProblem.badParameter("from", from, "must not be after to (" + end + ")");
        }
        TimePoint after = new TimePoint(end, QueryParameters.knownAt(knownAt, clock));
        PlanTimeline timeline = audience.view(reader.timeline(plan, minSequence));
        TimelineReader.requireAdopted(timeline, after, "to");
        return PlanDiffer.diff(timeline, after.on(start), after);
    }
}
