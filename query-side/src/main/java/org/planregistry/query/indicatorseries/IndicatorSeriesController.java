package org.planregistry.query.indicatorseries;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.planregistry.api.IndicatorRef;
import org.planregistry.query.access.Audience;
import org.planregistry.query.http.QueryProblem;
import org.planregistry.query.indicatorseries.IndicatorSeriesView.Change;
import org.planregistry.query.indicatorseries.IndicatorSeriesView.Milestone;
import org.planregistry.query.indicatorseries.IndicatorSeriesView.Observation;
import org.planregistry.query.indicatorseries.IndicatorSeriesView.Segment;
import org.planregistry.query.timeline.Attribute;
import org.planregistry.query.timeline.Continuity;
import org.planregistry.query.timeline.ElementDetails.IndicatorDetails;
import org.planregistry.query.timeline.ElementDocument;
import org.planregistry.query.timeline.ElementKind;
import org.planregistry.query.timeline.IndicatorBasis;
import org.planregistry.query.timeline.PlanStatus;
import org.planregistry.query.timeline.PlanTimeline;
import org.planregistry.query.timeline.TimePoint;
import org.planregistry.query.timeline.TimelineReader;
import org.planregistry.query.timeline.Version;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/plans/{plan}/indicators/{code}/series}: the indicator's line across the plans it continues and the
 * plans that continue it, found by following each link from the indicator asked about, backwards and forwards.
 */
@RestController
class IndicatorSeriesController {

    private final TimelineReader reader;
    private final Clock clock;

    IndicatorSeriesController(TimelineReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    @GetMapping("/api/plans/{plan}/indicators/{code}/series")
    IndicatorSeriesView series(@PathVariable String plan, @PathVariable String code,
                               @RequestParam(required = false) String asOf,
                               @RequestParam(required = false) String knownAt,
                               @RequestParam(required = false) String minSequence, Audience audience) {
        TimePoint point = TimePoint.fromParameters(asOf, knownAt, clock);
        IndicatorRef asked = new IndicatorRef(plan, code);
        PlanTimeline timeline = audience.view(reader.timeline(plan, minSequence));
        Indicator start = timeline.element(ElementKind.INDICATOR, code).map(e -> new Indicator(timeline, e))
                .orElseThrow(() -> QueryProblem.notFound("code", "plan " + plan + " has no indicator " + code));
        Deque<Indicator> line = new ArrayDeque<>();
        line.add(start);
        Set<IndicatorRef> seen = new HashSet<>(Set.of(asked));
        // Links are followed as known at knownAt; a link to a plan the view does not hold ends the line there.
        for (Optional<IndicatorRef> back = predecessor(start, point); back.isPresent() && seen.add(back.get()); ) {
            Optional<Indicator> earlier = load(back.get(), audience);
            earlier.ifPresent(line::addFirst);
            back = earlier.flatMap(i -> predecessor(i, point));
        }
        for (Optional<IndicatorRef> next = successor(start, point); next.isPresent() && seen.add(next.get()); ) {
            Optional<Indicator> later = load(next.get(), audience);
            later.ifPresent(line::addLast);
            next = later.flatMap(i -> successor(i, point));
        }
        return new IndicatorSeriesView(plan, code, point.knownAt(),
                line.stream().map(i -> segment(i, point)).toList());
    }

    /** An indicator with the plan it belongs to. */
    private record Indicator(PlanTimeline timeline, ElementDocument element) {
    }

    private Optional<Indicator> load(IndicatorRef ref, Audience audience) {
        return reader.linked(ref.planCode()).map(audience::view).flatMap(timeline -> timeline.element(ElementKind.INDICATOR,
                ref.indicatorCode()).map(e -> new Indicator(timeline, e)));
    }

    private static Optional<IndicatorRef> predecessor(Indicator indicator, TimePoint point) {
        return known(indicator.element().versions(Attribute.CONTINUES), point)
                .map(v -> v.valueAs(Continuity.class).predecessor());
    }

    private static Optional<IndicatorRef> successor(Indicator indicator, TimePoint point) {
        return known(indicator.element().versions(Attribute.CONTINUED_BY), point)
                .map(v -> v.valueAs(IndicatorRef.class));
    }

    /** The latest recorded of the versions known at the point of view. */
    private static Optional<Version> known(List<Version> versions, TimePoint point) {
        return versions.stream().filter(point::isKnown).max(Comparator.comparingLong(Version::globalSequence));
    }

    private static Segment segment(Indicator indicator, TimePoint point) {
        ElementDocument element = indicator.element();
        IndicatorDetails details = element.details(IndicatorDetails.class);
        var plan = indicator.timeline().plan();
        PlanStatus status = plan.statusAt(point);
        List<Milestone> milestones = new ArrayList<>();
        element.attributes().forEach((attribute, versions) -> {
            OptionalInt year = Attribute.milestoneYear(attribute);
            if (year.isPresent()) {
                asRecorded(versions, point).forEach(v -> milestones.add(new Milestone(year.getAsInt(), v.value(),
                        v.effectiveFrom(), v.recordedAt(), v.reason(), v.decisionRef())));
            }
        });
        milestones.sort(Comparator.comparingInt(Milestone::year).thenComparing(Milestone::recordedAt));
        List<Observation> observations = element.findingsAt(point).stream()
                .filter(f -> f.observedValue() != null)
                .map(f -> new Observation(f.evaluationId(), f.findingId(), f.year(), f.span(),
                        f.observedValue().toPlainString(), String.valueOf(f.assessment()), f.effectiveFrom(),
                        f.recordedAt(), f.corrected()))
                .sorted(Comparator.comparingInt(Observation::year).thenComparing(Observation::recordedAt))
                .toList();
        return new Segment(plan.code(), plan.title(), plan.period(), status.stage(), status.supersededBy(),
                element.code(), details.name(), details.unit(), IndicatorBasis.of(element, point).basis(),
                known(element.versions(Attribute.CONTINUES), point).map(v -> v.valueAs(Continuity.class))
                        .orElse(null),
                changes(element.versions(Attribute.BASELINE), point),
                changes(element.versions(Attribute.TARGET), point), milestones, observations);
    }

    private static List<Change> changes(List<Version> versions, TimePoint point) {
        return asRecorded(versions, point).stream().map(v -> new Change(v.value(), v.effectiveFrom(), v.recordedAt(),
                v.type(), v.reason(), v.decisionRef())).toList();
    }

    private static List<Version> asRecorded(List<Version> versions, TimePoint point) {
        return versions.stream().filter(point::isKnown).sorted(Comparator.comparingLong(Version::globalSequence))
                .toList();
    }
}
