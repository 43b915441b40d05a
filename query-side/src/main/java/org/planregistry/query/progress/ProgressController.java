package org.planregistry.query.progress;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.planregistry.api.Baseline;
import org.planregistry.api.MeasurementBasis;
import org.planregistry.api.Period;
import org.planregistry.api.Target;
import org.planregistry.query.access.Audience;
import org.planregistry.query.progress.ProgressView.IndicatorProgress;
import org.planregistry.query.timeline.Attribute;
import org.planregistry.query.timeline.ElementDetails.IndicatorDetails;
import org.planregistry.query.timeline.ElementDocument;
import org.planregistry.query.timeline.ElementKind;
import org.planregistry.query.timeline.FindingSnapshot;
import org.planregistry.query.timeline.IndicatorBasis;
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
                          @RequestParam(required = false) String minSequence, Audience audience) {
        TimePoint point = TimePoint.fromParameters(asOf, knownAt, clock);
        PlanTimeline timeline = audience.view(reader.timeline(plan, minSequence));
        TimelineReader.requireAdopted(timeline, point, "asOf");
        return new ProgressView(plan, point.asOf(), point.knownAt(), timeline.elements(ElementKind.INDICATOR)
                .stream().filter(indicator -> indicator.isLive(point))
                .map(i -> progress(i, timeline.plan().period(), point)).toList());
    }

    private static IndicatorProgress progress(ElementDocument indicator, Period period, TimePoint point) {
        IndicatorDetails details = indicator.details(IndicatorDetails.class);
        Baseline baseline = indicator.valueAt(Attribute.BASELINE, point, Baseline.class);
        Target target = indicator.valueAt(Attribute.TARGET, point, Target.class);
        Map<Integer, BigDecimal> milestones = new TreeMap<>();
        indicator.milestonesAt(point).forEach((year, v) -> milestones.put(year, v.valueAs(BigDecimal.class)));
        PlannedPath path = new PlannedPath(IndicatorBasis.of(indicator, point).basis(), period, baseline, target,
                milestones);
        List<FindingSnapshot> observed = indicator.findingsAt(point).stream()
                .filter(f -> f.observedValue() != null).toList();
        FindingSnapshot latest = observed.stream().filter(f -> path.compares(f.span()))
                .max(FindingSnapshot.LATEST).orElse(null);
        PlannedValue planned = path.on(point.asOf()).orElse(null);
        PlannedValue forFinding = latest == null ? null
                : path.forObservation(latest.year(), latest.span()).orElse(null);
        BigDecimal gap = latest == null || forFinding == null ? null
                : latest.observedValue().subtract(forFinding.value());
        ProgressRule.Judgement judgement = latest == null ? noComparableFinding(path, observed)
                : ProgressRule.judge(target, path.covering(latest.year(), latest.span()), latest.observedValue(),
                path.mayMeetTarget(latest.span()), path.falling(), forFinding);
        return new IndicatorProgress(indicator.code(), details.name(), details.unit(), details.nature(), baseline,
                target, path.basis(), path.falling() ? "DOWN" : "UP", planned, latest, forFinding, gap,
                judgement.status(), judgement.reason());
    }

    /** NO_DATA, saying why when there are observations the basis cannot compare (single years of an interval). */
    private static ProgressRule.Judgement noComparableFinding(PlannedPath path, List<FindingSnapshot> observed) {
        if (observed.isEmpty()) {
            return new ProgressRule.Judgement(ProgressStatus.NO_DATA, "no finding with an observed value is in force");
        }
        String why = path.basis() == MeasurementBasis.INTERVAL
                ? "no finding for the interval " + path.interval() + " is in force; the indicator is a figure over "
                + "its whole interval, and findings for a single year are not compared with it"
                : "no finding in force covers what the indicator measures (" + path.basis() + ")";
        return new ProgressRule.Judgement(ProgressStatus.NO_DATA, why + " (" + observed.size()
                + " not compared)");
    }
}
