package org.planregistry.query.progress;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

import org.planregistry.api.Baseline;
import org.planregistry.api.Target;
import org.planregistry.query.progress.ProgressView.IndicatorProgress;
import org.planregistry.query.timeline.Attribute;
import org.planregistry.query.timeline.ElementDetails.IndicatorDetails;
import org.planregistry.query.timeline.ElementDocument;
import org.planregistry.query.timeline.ElementKind;
import org.planregistry.query.timeline.FindingSnapshot;
import org.planregistry.query.timeline.PlanTimeline;
import org.planregistry.query.timeline.TimePoint;
import org.planregistry.query.timeline.TimelineReader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/plans/{plan}/progress?asOf=&knownAt=}: every live indicator against its trajectory. */
@RestController
class ProgressController {

    private final TimelineReader reader;
    private final Clock clock;

    ProgressController(TimelineReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    @GetMapping("/api/plans/{plan}/progress")
    ProgressView progress(@PathVariable String plan, @RequestParam(required = false) String asOf,
                          @RequestParam(required = false) String knownAt,
                          @RequestParam(required = false) String minSequence) {
        TimePoint point = TimePoint.fromParameters(asOf, knownAt, clock);
        PlanTimeline timeline = reader.timeline(plan, minSequence);
        TimelineReader.requireAdopted(timeline, point, "asOf");
        return new ProgressView(plan, point.asOf(), point.knownAt(), timeline.elements(ElementKind.INDICATOR)
                .stream().filter(indicator -> indicator.isLive(point)).map(i -> progress(i, point)).toList());
    }

    private static IndicatorProgress progress(ElementDocument indicator, TimePoint point) {
        IndicatorDetails details = indicator.details(IndicatorDetails.class);
        Baseline baseline = indicator.valueAt(Attribute.BASELINE, point, Baseline.class);
        Target target = indicator.valueAt(Attribute.TARGET, point, Target.class);
        Map<Integer, BigDecimal> milestones = new TreeMap<>();
        indicator.milestonesAt(point).forEach((year, v) -> milestones.put(year, v.valueAs(BigDecimal.class)));
        FindingSnapshot latest = indicator.findingsAt(point).stream().filter(f -> f.observedValue() != null)
                .max(FindingSnapshot.LATEST).orElse(null);
        PlannedValue planned = Trajectory.plannedOn(point.asOf(), baseline, target, milestones).orElse(null);
        PlannedValue forFindingYear = latest == null ? null
                : Trajectory.plannedForYear(latest.year(), baseline, target, milestones).orElse(null);
        BigDecimal gap = latest == null || forFindingYear == null ? null
                : latest.observedValue().subtract(forFindingYear.value());
        ProgressRule.Judgement judgement = ProgressRule.judge(baseline, target,
                latest == null ? null : latest.year(), latest == null ? null : latest.observedValue(),
                forFindingYear);
        return new IndicatorProgress(indicator.code(), details.name(), details.unit(), details.nature(), baseline,
                target, ProgressRule.isFalling(baseline, target) ? "DOWN" : "UP", planned, latest, forFindingYear,
                gap, judgement.status(), judgement.reason());
    }
}
