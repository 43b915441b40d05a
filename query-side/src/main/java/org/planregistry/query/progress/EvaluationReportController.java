package org.planregistry.query.progress;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.planregistry.api.Baseline;
import org.planregistry.api.FindingSpan;
import org.planregistry.api.Target;
import org.planregistry.query.access.Audience;
import org.planregistry.query.progress.EvaluationReportView.Line;
import org.planregistry.query.progress.EvaluationReportView.Outcome;
import org.planregistry.query.progress.EvaluationReportView.Summary;
import org.planregistry.query.http.QueryProblem;
import org.planregistry.query.timeline.Attribute;
import org.planregistry.query.timeline.ElementDetails.EvaluationDetails;
import org.planregistry.query.timeline.ElementDetails.IndicatorDetails;
import org.planregistry.query.timeline.ElementDocument;
import org.planregistry.query.timeline.ElementKind;
import org.planregistry.query.timeline.FindingSnapshot;
import org.planregistry.query.timeline.IndicatorBasis;
import org.planregistry.query.timeline.PlanTimeline;
import org.planregistry.query.timeline.TimePoint;
import org.planregistry.query.timeline.TimelineReader;
import org.planregistry.query.timeline.Version;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/plans/{plan}/evaluations/{id}/report?asOf=&knownAt=}: the evaluation's findings against the
 * targets, indicator by indicator, with the plan's summary. A finding counts for an indicator when it is this
 * evaluation's, has an observed value and covers what the target covers: the target year, and for an accumulated
 * indicator the total to date, for an interval indicator the interval.
 */
@RestController
class EvaluationReportController {

    private final TimelineReader reader;
    private final Clock clock;

    EvaluationReportController(TimelineReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    @GetMapping("/api/plans/{plan}/evaluations/{id}/report")
    EvaluationReportView report(@PathVariable String plan, @PathVariable String id,
                                @RequestParam(required = false) String asOf,
                                @RequestParam(required = false) String knownAt,
                                @RequestParam(required = false) String minSequence, Audience audience) {
        TimePoint now = TimePoint.fromParameters(null, knownAt, clock);
        PlanTimeline timeline = audience.view(reader.timeline(plan, minSequence));
        ElementDocument evaluation = timeline.element(ElementKind.EVALUATION, id).filter(e -> now.isKnown(e.adopted()))
                .orElseThrow(() -> QueryProblem.notFound("id", "plan " + plan + " has no evaluation " + id));
        Optional<Version> published = evaluation.versions(Attribute.PUBLISHED).stream().filter(now::isKnown)
                .findFirst();
        // As of the evaluation's date: its publication, unless the client asks for another date.
        TimePoint point = asOf != null ? TimePoint.fromParameters(asOf, knownAt, clock)
                : published.map(v -> now.on(v.effectiveFrom())).orElse(now);
        TimelineReader.requireAdopted(timeline, point, "asOf");
        List<Line> lines = timeline.elements(ElementKind.INDICATOR).stream().filter(i -> i.isLive(point))
                .map(i -> line(i, id, timeline, point)).toList();
        EvaluationDetails details = evaluation.details(EvaluationDetails.class);
        return new EvaluationReportView(plan, id, details.kind(), details.evaluator(), details.coveredFrom(),
                details.coveredTo(), published.isPresent(), published.map(Version::effectiveFrom).orElse(null),
                point.asOf(), point.knownAt(), summary(lines), lines);
    }

    private static Line line(ElementDocument indicator, String evaluationId, PlanTimeline timeline, TimePoint point) {
        IndicatorDetails details = indicator.details(IndicatorDetails.class);
        Baseline baseline = indicator.valueAt(Attribute.BASELINE, point, Baseline.class);
        Target target = indicator.valueAt(Attribute.TARGET, point, Target.class);
        Map<Integer, BigDecimal> noMilestones = new TreeMap<>();
        PlannedPath path = new PlannedPath(IndicatorBasis.of(indicator, point).basis(), timeline.plan().period(),
                baseline, target, noMilestones);
        Optional<FindingSnapshot> finding = indicator.findingsAt(point).stream()
                .filter(f -> f.evaluationId().equals(evaluationId) && f.observedValue() != null
                        && f.year() == target.year() && path.compares(f.span()))
                .max(FindingSnapshot.LATEST);
        String written = asWritten(target);
        if (finding.isEmpty()) {
            return new Line(indicator.code(), details.name(), details.unit(), path.basis(), target, written, null,
                    Outcome.NOT_ASSESSED, "no finding of this evaluation has an observed value for what the target "
                    + "covers (" + path.covering(target.year(), spanOfTarget(path)) + ")");
        }
        FindingSnapshot observed = finding.get();
        boolean achieved = path.mayMeetTarget(observed.span())
                && ProgressRule.achieved(observed.observedValue(), target, path.falling());
        String words = "observed " + observed.observedValue().toPlainString() + " "
                + path.covering(observed.year(), observed.span()) + (achieved ? " meets" : " does not meet")
                + " the target " + written;
        return new Line(indicator.code(), details.name(), details.unit(), path.basis(), target, written, observed,
                achieved ? Outcome.ACHIEVED : Outcome.NOT_ACHIEVED, words);
    }

    /** What an observation must cover to be compared with the target. */
    private static FindingSpan spanOfTarget(PlannedPath path) {
        return switch (path.basis()) {
            case LEVEL -> FindingSpan.YEAR;
            case ACCUMULATED -> FindingSpan.TO_DATE;
            case INTERVAL -> FindingSpan.INTERVAL;
        };
    }

    /** The target the way the plan's table writes it. */
    static String asWritten(Target target) {
        String value = target.value().toPlainString();
        return switch (target.qualifier()) {
            case ABOUT -> value + " 左右";
            case AT_LEAST -> value + " 以上";
            case EXCEEDING -> "突破 " + value;
            case APPROXIMATELY -> "约 " + value;
            case EXACT -> value;
        };
    }

    private static Summary summary(List<Line> lines) {
        List<String> achieved = codes(lines, Outcome.ACHIEVED);
        List<String> notAchieved = codes(lines, Outcome.NOT_ACHIEVED);
        List<String> notAssessed = codes(lines, Outcome.NOT_ASSESSED);
        return new Summary(lines.size(), achieved.size(), notAchieved.size(), notAssessed.size(), achieved,
                notAchieved, notAssessed);
    }

    private static List<String> codes(List<Line> lines, Outcome outcome) {
        return lines.stream().filter(l -> l.outcome() == outcome).map(Line::code).toList();
    }
}
