package org.planregistry.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.serialization.Revision;

/**
 * Everything that can happen to a plan, as immutable facts in the past tense. One file so the whole lifecycle reads
 * at a glance; see docs/events.md for the catalogue with examples.
 *
 * <p>Every event carries its {@link #effectiveFrom()} date (valid time) as data; the time it was recorded
 * (transaction time), the actor and the correlation id travel in the message metadata, set by the registry.
 * An event is never changed: a new shape needs a new {@code @Revision} and an upcaster for the old one.
 */
public sealed interface PlanEvent {

    /** The plan this event belongs to; also the aggregate identifier. */
    String planCode();

    /** The date from which the change applies in the plan. */
    LocalDate effectiveFrom();

    @Revision("1")
    record PlanAdoptedEvent(String planCode, String title, String issuer, String issued, LocalDate adoptedOn,
                            Period period, Integer visionYear, String source) implements PlanEvent {
        @Override
        public LocalDate effectiveFrom() {
            return adoptedOn;
        }
    }

    /** One of the plan's opening chapters (what the plan is for) became part of it, verbatim. */
    @Revision("1")
    record ChapterAdoptedEvent(String planCode, String chapterCode, ChapterKind kind, String title, String text,
                               LocalDate effectiveFrom, String reason, String decisionRef) implements PlanEvent {
    }

    /** An opening chapter's title or text changed; the event carries both as in force from then on. */
    @Revision("1")
    record ChapterAmendedEvent(String planCode, String chapterCode, String title, String text,
                               LocalDate effectiveFrom, String reason, String decisionRef) implements PlanEvent {
    }

    @Revision("1")
    record GoalAdoptedEvent(String planCode, String goalCode, String title, Integer horizon, String description,
                            LocalDate effectiveFrom, String reason, String decisionRef) implements PlanEvent {
    }

    @Revision("1")
    record GoalAmendedEvent(String planCode, String goalCode, String title, String description,
                            LocalDate effectiveFrom, String reason, String decisionRef) implements PlanEvent {
    }

    @Revision("1")
    record IndicatorAdoptedEvent(String planCode, String indicatorCode, Integer number, String category,
                                 String subCategory, String name, String unit, Nature nature, Baseline baseline,
                                 Target target, List<String> notes, LocalDate effectiveFrom, String reason,
                                 String decisionRef) implements PlanEvent {
    }

    /**
     * Revision 2 added {@code decisionDate}, the date of the decision document {@code decisionRef} names. Events
     * stored at revision 1 are upcast with {@code decisionDate} null: the date was not recorded then.
     */
    @Revision("2")
    record IndicatorTargetRevisedEvent(String planCode, String indicatorCode, Target previousTarget, Target target,
                                       LocalDate effectiveFrom, String reason, String decisionRef,
                                       LocalDate decisionDate) implements PlanEvent {

        /** A revision whose decision document has no recorded date, as every revision-1 event. */
        public IndicatorTargetRevisedEvent(String planCode, String indicatorCode, Target previousTarget,
                                           Target target, LocalDate effectiveFrom, String reason,
                                           String decisionRef) {
            this(planCode, indicatorCode, previousTarget, target, effectiveFrom, reason, decisionRef, null);
        }
    }

    @Revision("1")
    record IndicatorBaselineCorrectedEvent(String planCode, String indicatorCode, Baseline previousBaseline,
                                           Baseline baseline, LocalDate effectiveFrom, String reason,
                                           String decisionRef) implements PlanEvent {
    }

    @Revision("1")
    record IndicatorRetiredEvent(String planCode, String indicatorCode, LocalDate effectiveFrom, String reason,
                                 String decisionRef) implements PlanEvent {
    }

    /**
     * How an indicator is measured was declared ({@code previousBasis} null: none was, and its figures were read as
     * levels) or revised. The reason keeps the plan's wording that says so.
     */
    @Revision("1")
    record MeasurementBasisSetEvent(String planCode, String indicatorCode, MeasurementBasis previousBasis,
                                    MeasurementBasis basis, LocalDate effectiveFrom, String reason,
                                    String decisionRef) implements PlanEvent {
    }

    /**
     * An indicator continues an indicator of a predecessor plan (a five-year plan's successor). Records the
     * predecessor's observed final value as it was when the continuity was declared (null when none was observed),
     * the indicator's baseline then, and why they differ when they do.
     */
    @Revision("1")
    record IndicatorContinuityDeclaredEvent(String planCode, String indicatorCode, IndicatorRef predecessor,
                                            FinalObservation predecessorFinal, Baseline baseline,
                                            String differenceReason, LocalDate effectiveFrom) implements PlanEvent {
    }

    @Revision("1")
    record MilestoneSetEvent(String planCode, String indicatorCode, int year, BigDecimal previousValue,
                             BigDecimal value, LocalDate effectiveFrom, String reason, String decisionRef)
            implements PlanEvent {
    }

    @Revision("1")
    record SectionAdoptedEvent(String planCode, String sectionCode, String title, String intro,
                               LocalDate effectiveFrom) implements PlanEvent {
    }

    @Revision("1")
    record TaskAdoptedEvent(String planCode, String taskCode, String sectionCode, String title, String text,
                            LocalDate effectiveFrom, String reason, String decisionRef) implements PlanEvent {
    }

    @Revision("1")
    record TaskAmendedEvent(String planCode, String taskCode, String title, String text, LocalDate effectiveFrom,
                            String reason, String decisionRef) implements PlanEvent {
    }

    @Revision("1")
    record TaskRetiredEvent(String planCode, String taskCode, LocalDate effectiveFrom, String reason,
                            String decisionRef) implements PlanEvent {
    }

    @Revision("1")
    record ColumnAdoptedEvent(String planCode, String columnCode, String sectionCode, String title, String intro,
                              List<Item> items, LocalDate effectiveFrom) implements PlanEvent {
    }

    @Revision("1")
    record SafeguardAdoptedEvent(String planCode, String safeguardCode, SafeguardKind kind, String title,
                                 List<Item> items, LocalDate effectiveFrom) implements PlanEvent {
    }

    @Revision("1")
    record EvaluationOpenedEvent(String planCode, String evaluationId, EvaluationKind kind, String evaluator,
                                 int coveredFrom, int coveredTo, LocalDate effectiveFrom) implements PlanEvent {
    }

    @Revision("1")
    record FindingRecordedEvent(String planCode, String evaluationId, String findingId, SubjectKind subjectKind,
                                String subjectCode, int year, BigDecimal observedValue, String unit,
                                Assessment assessment, String evidenceRef, String note, LocalDate effectiveFrom)
            implements PlanEvent {
    }

    /**
     * What the observed value of a finding just recorded covers, stated with it (in the same command) when the
     * indicator is not measured as a level: one year or the total to date of an accumulated indicator, or the
     * interval of an interval indicator. Names the indicator so that its copy of the finding is found by key.
     */
    @Revision("1")
    record FindingSpanStatedEvent(String planCode, String evaluationId, String findingId, String subjectCode,
                                  FindingSpan span, LocalDate effectiveFrom) implements PlanEvent {
    }

    @Revision("1")
    record FindingCorrectedEvent(String planCode, String evaluationId, String findingId, BigDecimal observedValue,
                                 Assessment assessment, String evidenceRef, String note, LocalDate effectiveFrom,
                                 String reason) implements PlanEvent {
    }

    @Revision("1")
    record FindingWithdrawnEvent(String planCode, String evaluationId, String findingId, LocalDate effectiveFrom,
                                 String reason) implements PlanEvent {
    }

    @Revision("1")
    record EvaluationPublishedEvent(String planCode, String evaluationId, LocalDate effectiveFrom)
            implements PlanEvent {
    }

    @Revision("1")
    record PlanClosedEvent(String planCode, LocalDate effectiveFrom, String reason, String decisionRef)
            implements PlanEvent {
    }

    @Revision("1")
    record PlanSupersededEvent(String planCode, String supersededBy, LocalDate effectiveFrom, String reason,
                               String decisionRef) implements PlanEvent {
    }
}
