package org.planregistry.query.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.planregistry.query.diff.PlanDiffView.AttributeChange;
import org.planregistry.query.diff.PlanDiffView.ChangeEvent;
import org.planregistry.query.diff.PlanDiffView.ElementChange;
import org.planregistry.query.timeline.Attribute;
import org.planregistry.query.timeline.ElementDocument;
import org.planregistry.query.timeline.PlanDocument;
import org.planregistry.query.timeline.PlanTimeline;
import org.planregistry.query.timeline.TimePoint;
import org.planregistry.query.timeline.Version;

/**
 * Compares a plan at two dates by selecting each attribute's version in force at both. The events behind a change
 * are exactly the versions effective after {@code from} and on or before {@code to}: the version in force on
 * {@code to} is either the one in force on {@code from} or one of those.
 */
final class PlanDiffer {

    private final TimePoint from;
    private final TimePoint to;

    private PlanDiffer(TimePoint from, TimePoint to) {
        this.from = from;
        this.to = to;
    }

    static PlanDiffView diff(PlanTimeline timeline, TimePoint from, TimePoint to) {
        return new PlanDiffer(from, to).diff(timeline);
    }

    private PlanDiffView diff(PlanTimeline timeline) {
        List<ElementChange> added = new ArrayList<>();
        List<ElementChange> removed = new ArrayList<>();
        List<AttributeChange> changed = new ArrayList<>();
        statusChange(timeline.plan()).ifPresent(changed::add);
        for (ElementDocument element : timeline.elements()) {
            boolean before = element.isLive(from);
            boolean after = element.isLive(to);
            if (!before && after) {
                added.add(elementChange(element, List.of(element.adopted())));
            } else if (before && !after) {
                removed.add(elementChange(element, element.versions(Attribute.RETIRED)));
            } else if (before) {
                element.attributes().forEach((attribute, versions) -> {
                    if (!Attribute.RETIRED.equals(attribute)) {
                        attributeChange(element.label(), element.kind().word(), element.code(), attribute, versions)
                                .ifPresent(changed::add);
                    }
                });
            }
        }
        return new PlanDiffView(timeline.plan().code(), from.asOf(), to.asOf(), to.knownAt(), added, removed,
                changed);
    }

    private Optional<AttributeChange> statusChange(PlanDocument plan) {
        return attributeChange(PlanTimeline.PLAN, PlanTimeline.PLAN, plan.code(), Attribute.STATUS, plan.status());
    }

    private Optional<AttributeChange> attributeChange(String element, String kind, String code, String attribute,
                                                      List<Version> versions) {
        JsonNode old = from.inForce(versions).map(Version::value).orElse(null);
        JsonNode now = to.inForce(versions).map(Version::value).orElse(null);
        if (Objects.equals(old, now)) {
            return Optional.empty();
        }
        return Optional.of(new AttributeChange(element, kind, code, attribute, old, now, between(versions)));
    }

    private ElementChange elementChange(ElementDocument element, List<Version> versions) {
        return new ElementChange(element.label(), element.kind().word(), element.code(), element.adopted().value(),
                between(versions));
    }

    /** The versions known at {@code knownAt} and effective in (from, to], in effective order. */
    private List<ChangeEvent> between(List<Version> versions) {
        return versions.stream()
                .filter(v -> to.sees(v) && v.effectiveFrom().isAfter(from.asOf()))
                .sorted(Comparator.comparing(Version::effectiveFrom).thenComparingLong(Version::globalSequence))
                .map(v -> new ChangeEvent(v.globalSequence(), v.type(), v.effectiveFrom(), v.recordedAt(),
                        v.actor(), v.role(), v.reason(), v.decisionRef()))
                .toList();
    }
}
