package org.planregistry.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Every act a registrar or evaluator can ask of a plan, in the imperative. Commands carry no actor and no recorded
 * time: those come from the authenticated request and the registry's clock, never from the client.
 */
public sealed interface PlanCommand {

    String planCode();

    record AdoptPlanCommand(@TargetAggregateIdentifier String planCode, String title, String issuer, String issued,
                            LocalDate adoptedOn, Period period, Integer visionYear, String source)
            implements PlanCommand {
    }

    /** One of the plan's opening chapters, verbatim; {@code text} keeps one paragraph per line. */
    record AdoptChapterCommand(@TargetAggregateIdentifier String planCode, String chapterCode, ChapterKind kind,
                               String title, String text, LocalDate effectiveFrom, String reason,
                               String decisionRef) implements PlanCommand {
    }

    /** A {@code null} title or text keeps the one in force. */
    record AmendChapterCommand(@TargetAggregateIdentifier String planCode, String chapterCode, String title,
                               String text, LocalDate effectiveFrom, String reason, String decisionRef)
            implements PlanCommand {
    }

    record AdoptGoalCommand(@TargetAggregateIdentifier String planCode, String goalCode, String title,
                            Integer horizon, String description, LocalDate effectiveFrom, String reason,
                            String decisionRef) implements PlanCommand {
    }

    record AmendGoalCommand(@TargetAggregateIdentifier String planCode, String goalCode, String title,
                            String description, LocalDate effectiveFrom, String reason, String decisionRef)
            implements PlanCommand {
    }

    record AdoptIndicatorCommand(@TargetAggregateIdentifier String planCode, String indicatorCode, Integer number,
                                 String category, String subCategory, String name, String unit, Nature nature,
                                 Baseline baseline, Target target, List<String> notes, LocalDate effectiveFrom,
                                 String reason, String decisionRef) implements PlanCommand {
    }

    /**
     * A {@code null} target year keeps the year of the target in force. {@code decisionDate}, optional, is the date
     * of the decision document {@code decisionRef} names.
     */
    record ReviseIndicatorTargetCommand(@TargetAggregateIdentifier String planCode, String indicatorCode,
                                        Integer targetYear, BigDecimal value, Qualifier qualifier, String unit,
                                        LocalDate effectiveFrom, String reason, String decisionRef,
                                        LocalDate decisionDate) implements PlanCommand {

        /** A revision without the date of its decision document. */
        public ReviseIndicatorTargetCommand(String planCode, String indicatorCode, Integer targetYear,
                                            BigDecimal value, Qualifier qualifier, String unit,
                                            LocalDate effectiveFrom, String reason, String decisionRef) {
            this(planCode, indicatorCode, targetYear, value, qualifier, unit, effectiveFrom, reason, decisionRef,
                    null);
        }
    }

    /** A {@code null} baseline year keeps the year of the baseline in force; a {@code null} value means none. */
    record CorrectIndicatorBaselineCommand(@TargetAggregateIdentifier String planCode, String indicatorCode,
                                           Integer baselineYear, BigDecimal value, String unit,
                                           LocalDate effectiveFrom, String reason, String decisionRef)
            implements PlanCommand {
    }

    record RetireIndicatorCommand(@TargetAggregateIdentifier String planCode, String indicatorCode,
                                  LocalDate effectiveFrom, String reason, String decisionRef) implements PlanCommand {
    }

    /** Declares or revises how an indicator is measured; the reason keeps the plan's own wording for it. */
    record SetMeasurementBasisCommand(@TargetAggregateIdentifier String planCode, String indicatorCode,
                                      MeasurementBasis basis, LocalDate effectiveFrom, String reason,
                                      String decisionRef) implements PlanCommand {
    }

    /**
     * Declares that an indicator continues an indicator of a predecessor plan, so that its baseline is the
     * predecessor's observed final value; a baseline that differs needs {@code differenceReason}.
     */
    record DeclareContinuityCommand(@TargetAggregateIdentifier String planCode, String indicatorCode,
                                    IndicatorRef predecessor, String differenceReason, LocalDate effectiveFrom)
            implements PlanCommand {
    }

    record SetMilestoneCommand(@TargetAggregateIdentifier String planCode, String indicatorCode, int year,
                               BigDecimal value, String unit, LocalDate effectiveFrom, String reason,
                               String decisionRef) implements PlanCommand {
    }

    record AdoptSectionCommand(@TargetAggregateIdentifier String planCode, String sectionCode, String title,
                               String intro, LocalDate effectiveFrom) implements PlanCommand {
    }

    record AdoptTaskCommand(@TargetAggregateIdentifier String planCode, String taskCode, String sectionCode,
                            String title, String text, LocalDate effectiveFrom, String reason, String decisionRef)
            implements PlanCommand {
    }

    record AmendTaskCommand(@TargetAggregateIdentifier String planCode, String taskCode, String title, String text,
                            LocalDate effectiveFrom, String reason, String decisionRef) implements PlanCommand {
    }

    record RetireTaskCommand(@TargetAggregateIdentifier String planCode, String taskCode, LocalDate effectiveFrom,
                             String reason, String decisionRef) implements PlanCommand {
    }

    record AdoptColumnCommand(@TargetAggregateIdentifier String planCode, String columnCode, String sectionCode,
                              String title, String intro, List<Item> items, LocalDate effectiveFrom)
            implements PlanCommand {
    }

    record AdoptSafeguardCommand(@TargetAggregateIdentifier String planCode, String safeguardCode,
                                 SafeguardKind kind, String title, List<Item> items, LocalDate effectiveFrom)
            implements PlanCommand {
    }

    record OpenEvaluationCommand(@TargetAggregateIdentifier String planCode, String evaluationId,
                                 EvaluationKind kind, String evaluator, int coveredFrom, int coveredTo,
                                 LocalDate effectiveFrom) implements PlanCommand {
    }

    /**
     * A {@code null} finding id lets the plan number the finding within its evaluation. {@code span} says what the
     * observed value covers; an accumulated indicator needs it, otherwise it follows from the indicator's basis.
     */
    record RecordFindingCommand(@TargetAggregateIdentifier String planCode, String evaluationId, String findingId,
                                SubjectKind subjectKind, String subjectCode, int year, BigDecimal observedValue,
                                String unit, Assessment assessment, String evidenceRef, String note,
                                LocalDate effectiveFrom, FindingSpan span) implements PlanCommand {

        /** A finding that leaves its span to the indicator's measurement basis. */
        public RecordFindingCommand(String planCode, String evaluationId, String findingId, SubjectKind subjectKind,
                                    String subjectCode, int year, BigDecimal observedValue, String unit,
                                    Assessment assessment, String evidenceRef, String note,
                                    LocalDate effectiveFrom) {
            this(planCode, evaluationId, findingId, subjectKind, subjectCode, year, observedValue, unit, assessment,
                    evidenceRef, note, effectiveFrom, null);
        }
    }

    record CorrectFindingCommand(@TargetAggregateIdentifier String planCode, String evaluationId, String findingId,
                                 BigDecimal observedValue, String unit, Assessment assessment, String evidenceRef,
                                 String note, LocalDate effectiveFrom, String reason) implements PlanCommand {
    }

    record WithdrawFindingCommand(@TargetAggregateIdentifier String planCode, String evaluationId,
                                  String findingId, LocalDate effectiveFrom, String reason) implements PlanCommand {
    }

    record PublishEvaluationCommand(@TargetAggregateIdentifier String planCode, String evaluationId,
                                    LocalDate effectiveFrom) implements PlanCommand {
    }

    record ClosePlanCommand(@TargetAggregateIdentifier String planCode, LocalDate effectiveFrom, String reason,
                            String decisionRef) implements PlanCommand {
    }

    record SupersedePlanCommand(@TargetAggregateIdentifier String planCode, String supersededBy,
                                LocalDate effectiveFrom, String reason, String decisionRef) implements PlanCommand {
    }
}
