package org.planregistry.query.planasof;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Collectors;

import org.planregistry.api.Baseline;
import org.planregistry.api.Target;
import org.planregistry.query.planasof.PlanAsOfView.Chapter;
import org.planregistry.query.planasof.PlanAsOfView.Column;
import org.planregistry.query.planasof.PlanAsOfView.Evaluation;
import org.planregistry.query.planasof.PlanAsOfView.Goal;
import org.planregistry.query.planasof.PlanAsOfView.Indicator;
import org.planregistry.query.planasof.PlanAsOfView.Milestone;
import org.planregistry.query.planasof.PlanAsOfView.PendingChange;
import org.planregistry.query.planasof.PlanAsOfView.Retired;
import org.planregistry.query.planasof.PlanAsOfView.Safeguard;
import org.planregistry.query.planasof.PlanAsOfView.Section;
import org.planregistry.query.planasof.PlanAsOfView.Task;
import org.planregistry.query.planasof.PlanAsOfView.UpToDate;
import org.planregistry.query.timeline.Attribute;
import org.planregistry.query.timeline.AttributeVersion;
import org.planregistry.query.timeline.ElementDetails.ChapterDetails;
import org.planregistry.query.timeline.ElementDetails.ColumnDetails;
import org.planregistry.query.timeline.ElementDetails.EvaluationDetails;
import org.planregistry.query.timeline.ElementDetails.GoalDetails;
import org.planregistry.query.timeline.ElementDetails.IndicatorDetails;
import org.planregistry.query.timeline.ElementDetails.SafeguardDetails;
import org.planregistry.query.timeline.ElementDetails.SectionDetails;
import org.planregistry.query.timeline.ElementDetails.TaskDetails;
import org.planregistry.query.timeline.ElementDocument;
import org.planregistry.query.timeline.ElementKind;
import org.planregistry.query.timeline.IndicatorBasis;
import org.planregistry.query.timeline.PlanDocument;
import org.planregistry.query.timeline.PlanStatus;
import org.planregistry.query.timeline.PlanTimeline;
import org.planregistry.query.timeline.TimePoint;
import org.planregistry.query.timeline.Version;
import org.planregistry.query.timeline.VersionedAttribute;

/**
 * Shapes a loaded timeline into the plan as of a point of view. Each value is the version in force selected from
 * the stored versions; nothing here reads or folds events.
 */
final class PlanAsOfAssembler {

    private PlanAsOfAssembler() {
    }

    static PlanAsOfView assemble(PlanTimeline timeline, TimePoint point, int pendingLimit) {
        PlanDocument plan = timeline.plan();
        PlanStatus status = plan.statusAt(point);
        List<Task> tasks = live(timeline, ElementKind.TASK, point).stream().map(e -> task(e, point)).toList();
        List<Section> sections = live(timeline, ElementKind.SECTION, point).stream().map(e -> section(e, tasks))
                .toList();
        Set<String> sectionCodes = sections.stream().map(Section::code).collect(Collectors.toSet());
        Pending pending = pending(timeline, point, pendingLimit);
        return new PlanAsOfView(plan.code(), point.asOf(), point.knownAt(), plan.title(), plan.issuer(),
                plan.issued(), plan.adoptedOn(), plan.period(), plan.visionYear(), plan.source(), status.stage(),
                status.supersededBy(),
                live(timeline, ElementKind.CHAPTER, point).stream().map(e -> chapter(e, point)).toList(),
                live(timeline, ElementKind.GOAL, point).stream().map(e -> goal(e, point)).toList(),
                sections,
                tasks.stream().filter(t -> !sectionCodes.contains(t.sectionCode())).toList(),
                live(timeline, ElementKind.COLUMN, point).stream().map(PlanAsOfAssembler::column).toList(),
                live(timeline, ElementKind.INDICATOR, point).stream().map(e -> indicator(e, point)).toList(),
                live(timeline, ElementKind.SAFEGUARD, point).stream().map(PlanAsOfAssembler::safeguard).toList(),
                live(timeline, ElementKind.EVALUATION, point).stream().map(e -> evaluation(e, point)).toList(),
                retired(timeline, point), upToDate(plan), pending.first(), pending.count());
    }

    private static List<ElementDocument> live(PlanTimeline timeline, ElementKind kind, TimePoint point) {
        return timeline.elements(kind).stream().filter(e -> e.isLive(point)).toList();
    }

    private static Chapter chapter(ElementDocument chapter, TimePoint point) {
        return new Chapter(chapter.code(), chapter.details(ChapterDetails.class).kind(),
                chapter.valueAt(Attribute.TITLE, point, String.class), chapter.valueAt(Attribute.TEXT, point,
                String.class));
    }

    private static Goal goal(ElementDocument goal, TimePoint point) {
        return new Goal(goal.code(), goal.valueAt(Attribute.TITLE, point, String.class),
                goal.valueAt(Attribute.DESCRIPTION, point, String.class), goal.details(GoalDetails.class).horizon());
    }

    private static Task task(ElementDocument task, TimePoint point) {
        return new Task(task.code(), task.details(TaskDetails.class).sectionCode(),
                task.valueAt(Attribute.TITLE, point, String.class), task.valueAt(Attribute.TEXT, point, String.class));
    }

    private static Section section(ElementDocument section, List<Task> tasks) {
        SectionDetails details = section.details(SectionDetails.class);
        return new Section(section.code(), details.title(), details.intro(),
                tasks.stream().filter(t -> section.code().equals(t.sectionCode())).toList());
    }

    private static Column column(ElementDocument column) {
        ColumnDetails details = column.details(ColumnDetails.class);
        return new Column(column.code(), details.sectionCode(), details.title(), details.intro(), details.items());
    }

    private static Safeguard safeguard(ElementDocument safeguard) {
        SafeguardDetails details = safeguard.details(SafeguardDetails.class);
        return new Safeguard(safeguard.code(), details.kind(), details.title(), details.items());
    }

    private static Indicator indicator(ElementDocument indicator, TimePoint point) {
        IndicatorDetails details = indicator.details(IndicatorDetails.class);
        Optional<Version> baseline = indicator.inForce(Attribute.BASELINE, point);
        Optional<Version> target = indicator.inForce(Attribute.TARGET, point);
        List<Milestone> milestones = new ArrayList<>();
        for (Map.Entry<Integer, Version> milestone : indicator.milestonesAt(point).entrySet()) {
            milestones.add(new Milestone(milestone.getKey(), milestone.getValue().valueAs(BigDecimal.class),
                    milestone.getValue().effectiveFrom()));
        }
        return new Indicator(indicator.code(), details.number(), details.category(), details.subCategory(),
                details.name(), details.unit(), details.nature(), details.notes(),
                baseline.map(v -> v.valueAs(Baseline.class)).orElse(null),
                baseline.map(Version::effectiveFrom).orElse(null),
                target.map(v -> v.valueAs(Target.class)).orElse(null), target.map(Version::effectiveFrom).orElse(null),
                IndicatorBasis.of(indicator, point), milestones, indicator.latestFindingAt(point).orElse(null));
    }

    private static Evaluation evaluation(ElementDocument evaluation, TimePoint point) {
        EvaluationDetails details = evaluation.details(EvaluationDetails.class);
        Optional<Version> published = evaluation.inForce(Attribute.PUBLISHED, point);
        return new Evaluation(evaluation.code(), details.kind(), details.evaluator(), details.coveredFrom(),
                details.coveredTo(), evaluation.adopted().effectiveFrom(), published.isPresent(),
                published.map(Version::effectiveFrom).orElse(null), evaluation.findingsAt(point));
    }

    private static List<Retired> retired(PlanTimeline timeline, TimePoint point) {
        List<Retired> retired = new ArrayList<>();
        for (ElementDocument element : timeline.elements()) {
            if (element.isAdopted(point)) {
                element.inForce(Attribute.RETIRED, point).ifPresent(v -> retired.add(new Retired(element.label(),
                        element.kind().word(), element.code(), v.effectiveFrom(), v.reason(), v.decisionRef())));
            }
        }
        return retired;
    }

    private static UpToDate upToDate(PlanDocument plan) {
        return new UpToDate("up to date with changes recorded until " + plan.lastRecordedAt()
                + " (global sequence " + plan.lastSequence() + ")", plan.lastSequence(), plan.lastRecordedAt());
    }

    /**
     * The first {@code limit} pending changes in effective order, and how many there are. Each attribute's versions
     * are in effective order, so its pending ones are the tail after a binary search, and only the first
     * {@code limit} of each tail can be among the first overall: the cost does not grow with the history, except
     * that for a {@code knownAt} before the last recording the tails are counted one by one.
     */
    private static Pending pending(PlanTimeline timeline, TimePoint point, int limit) {
        boolean knowsAll = !timeline.plan().lastRecordedAt().isAfter(point.knownAt());
        Comparator<AttributeVersion> effectiveOrder = Comparator.comparing(AttributeVersion::version,
                TimePoint.PRECEDENCE);
        PriorityQueue<AttributeVersion> first = new PriorityQueue<>(limit + 1, effectiveOrder.reversed());
        int count = 0;
        for (VersionedAttribute attribute : timeline.versionedAttributes()) {
            List<Version> versions = attribute.versions();
            int taken = 0;
            for (int i = point.firstEffectiveAfter(versions); i < versions.size(); i++) {
                Version version = versions.get(i);
                if (taken == limit && knowsAll) {
                    count += versions.size() - i;
                    break;
                }
                if (point.isKnown(version)) {
                    count++;
                    if (taken < limit) {
                        if (first.size() < limit || TimePoint.PRECEDENCE.compare(version, first.peek().version()) < 0) {
                            taken++;
                            first.add(new AttributeVersion(attribute.element(), attribute.attribute(), version));
                            if (first.size() > limit) {
                                first.poll();
                            }
                        } else {
                            taken = limit; // the rest of this tail comes later still
                        }
                    }
                }
            }
        }
        List<AttributeVersion> sorted = new ArrayList<>(first);
        sorted.sort(effectiveOrder);
        return new Pending(sorted.stream().map(PlanAsOfAssembler::pendingChange).toList(), count);
    }

    private record Pending(List<PendingChange> first, int count) {
    }

    private static PendingChange pendingChange(AttributeVersion change) {
        Version v = change.version();
        return new PendingChange(v.effectiveFrom(), v.recordedAt(), v.globalSequence(), v.type(), change.element(),
                change.attribute(), v.value(), v.actor(), v.role(), v.reason(), v.decisionRef());
    }
}
