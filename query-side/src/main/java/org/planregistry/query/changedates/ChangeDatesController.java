package org.planregistry.query.changedates;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.planregistry.query.access.Audience;
import org.planregistry.query.http.QueryParameters;
import org.planregistry.query.timeline.PlanTimeline;
import org.planregistry.query.timeline.TimePoint;
import org.planregistry.query.timeline.TimelineReader;
import org.planregistry.query.timeline.Version;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/plans/{plan}/change-dates?knownAt=}: every effective date of a change recorded by {@code knownAt},
 * read from the versions the plan's view already holds (no events are read).
 */
@RestController
class ChangeDatesController {

    private final TimelineReader reader;
    private final Clock clock;

    ChangeDatesController(TimelineReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    @GetMapping("/api/plans/{plan}/change-dates")
    ChangeDatesView changeDates(@PathVariable String plan, @RequestParam(required = false) String knownAt,
                                @RequestParam(required = false) String minSequence, Audience audience) {
        Instant known = QueryParameters.knownAt(knownAt, clock);
        PlanTimeline timeline = audience.view(reader.timeline(plan, minSequence));
        TimePoint anyDate = new TimePoint(LocalDate.MAX, known);
        TimelineReader.requireAdopted(timeline, anyDate, "knownAt");
        Map<LocalDate, Integer> changesByDate = new TreeMap<>();
        timeline.versionedAttributes().forEach(attribute -> {
            for (Version version : attribute.versions()) {
                if (anyDate.isKnown(version)) {
                    changesByDate.merge(version.effectiveFrom(), 1, Integer::sum);
                }
            }
        });
        List<ChangeDatesView.ChangeDate> dates = changesByDate.entrySet().stream()
                .map(e -> new ChangeDatesView.ChangeDate(e.getKey(), e.getValue())).toList();
        return new ChangeDatesView(timeline.plan().code(), known, dates);
    }
}
