package org.planregistry.query.indicatorhistory;

import java.util.Comparator;
import java.util.List;

import org.planregistry.query.access.Audience;
import org.planregistry.query.http.QueryProblem;
import org.planregistry.query.timeline.AttributeVersion;
import org.planregistry.query.timeline.ElementDetails.IndicatorDetails;
import org.planregistry.query.timeline.ElementDocument;
import org.planregistry.query.timeline.ElementKind;
import org.planregistry.query.timeline.PlanTimeline;
import org.planregistry.query.timeline.TimelineReader;
import org.planregistry.query.timeline.Version;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/plans/{plan}/indicators/{code}/history}: every version and finding of one indicator. */
@RestController
class IndicatorHistoryController {

    private final TimelineReader reader;

    IndicatorHistoryController(TimelineReader reader) {
        this.reader = reader;
    }

    @GetMapping("/api/plans/{plan}/indicators/{code}/history")
    IndicatorHistoryView history(@PathVariable String plan, @PathVariable String code,
                                 @RequestParam(required = false) String minSequence, Audience audience) {
        PlanTimeline timeline = audience.view(reader.timeline(plan, minSequence));
        ElementDocument indicator = timeline.element(ElementKind.INDICATOR, code).orElseThrow(() ->
                QueryProblem.notFound("code", "plan " + plan + " has no indicator " + code));
        IndicatorDetails details = indicator.details(IndicatorDetails.class);
        List<IndicatorHistoryView.Entry> versions = indicator.allVersions().stream()
                .sorted(Comparator.comparingLong(v -> v.version().globalSequence()))
                .map(IndicatorHistoryController::entry).toList();
        List<IndicatorHistoryView.Finding> findings = indicator.findings().stream()
                .map(f -> new IndicatorHistoryView.Finding(f.evaluationId(), f.findingId(), f.subjectKind(),
                        f.year(), f.unit(), f.versionsAsRecorded().stream()
                        .map(v -> entry(new AttributeVersion(indicator.label(), "finding " + f.id(), v))).toList()))
                .toList();
        return new IndicatorHistoryView(plan, code, details.name(), details.unit(), versions, findings);
    }

    private static IndicatorHistoryView.Entry entry(AttributeVersion attributeVersion) {
        Version v = attributeVersion.version();
        return new IndicatorHistoryView.Entry(attributeVersion.attribute(), v.value(), v.type(), v.effectiveFrom(),
                v.recordedAt(), v.globalSequence(), v.actor(), v.role(), v.reason(), v.decisionRef(), v.decisionDate());
    }
}
