package org.planregistry.command.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.planregistry.api.Assessment;
import org.planregistry.api.ChapterKind;
import org.planregistry.api.EvaluationKind;
import org.planregistry.api.FindingSpan;
import org.planregistry.api.IndicatorRef;
import org.planregistry.api.Item;
import org.planregistry.api.MeasurementBasis;
import org.planregistry.api.Nature;
import org.planregistry.api.Qualifier;
import org.planregistry.api.SafeguardKind;
import org.planregistry.api.SubjectKind;

/**
 * The JSON bodies the command side accepts, checked for shape here (missing fields, malformed values) before they
 * become commands; the plan then checks them against its state. A figure ({@link Figure}) has at most 18 digits
 * before the point and 8 after: more is no plan figure, and a value such as 1e999999999 would take gigabytes to
 * write out in full.
 */
final class PlanRequests {

    private PlanRequests() {
    }

    /** A plan figure: a baseline, target, milestone or observed value. */
    @Digits(integer = 18, fraction = 8, message = "must have at most 18 digits before the decimal point and 8 after")
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = {})
    @interface Figure {
        String message() default "must have at most 18 digits before the decimal point and 8 after";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    record PeriodBody(@NotNull Integer from, @NotNull Integer to) {
    }

    record AdoptPlan(@NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{1,39}",
            message = "must be 2–40 capital letters, digits or '-', starting with a letter or digit") String code,
                     @NotBlank String title, String issuer, String issued, @NotNull LocalDate adoptedOn,
                     @NotNull @Valid PeriodBody period, Integer visionYear, String source) {
    }

    record TargetBody(Integer year, @NotNull @Figure BigDecimal value, @NotNull Qualifier qualifier) {
    }

    record BaselineBody(@NotNull Integer year, @Figure BigDecimal value) {
    }

    record AdoptIndicator(@NotBlank String code, Integer number, String category, String subCategory,
                          @NotBlank String name, @NotBlank String unit, Nature nature, @Valid BaselineBody baseline,
                          @NotNull @Valid TargetBody target, List<String> notes, LocalDate effectiveFrom,
                          String reason, String decisionRef) {
    }

    record ReviseTarget(@NotNull @Valid TargetBody target, String unit, @NotNull LocalDate effectiveFrom,
                        @NotBlank String reason, String decisionRef, LocalDate decisionDate) {
    }

    record CorrectBaseline(Integer year, @Figure BigDecimal value, String unit, @NotNull LocalDate effectiveFrom,
                           @NotBlank String reason, String decisionRef) {
    }

    record Retire(@NotNull LocalDate effectiveFrom, @NotBlank String reason, String decisionRef) {
    }

    record SetMilestone(@NotNull Integer year, @NotNull @Figure BigDecimal value, String unit, LocalDate effectiveFrom,
                        String reason, String decisionRef) {
    }

    record SetMeasurementBasis(@NotNull MeasurementBasis basis, @NotNull LocalDate effectiveFrom,
                               @NotBlank String reason, String decisionRef) {
    }

    record AdoptChapter(@NotBlank String code, @NotNull ChapterKind kind, @NotBlank String title,
                        @NotBlank String text, LocalDate effectiveFrom, String reason, String decisionRef) {
    }

    record AmendChapter(String title, String text, @NotNull LocalDate effectiveFrom, @NotBlank String reason,
                        String decisionRef) {
    }

    record DeclareContinuity(@NotNull @Valid IndicatorRef predecessor, String differenceReason,
                             LocalDate effectiveFrom) {
    }

    record AdoptGoal(@NotBlank String code, @NotBlank String title, Integer horizon, String description,
                     LocalDate effectiveFrom, String reason, String decisionRef) {
    }

    record AmendGoal(String title, String description, @NotNull LocalDate effectiveFrom, @NotBlank String reason,
                     String decisionRef) {
    }

    record AdoptSection(@NotBlank String code, @NotBlank String title, String intro, LocalDate effectiveFrom) {
    }

    record AdoptTask(@NotBlank String code, String section, @NotBlank String title, @NotBlank String text,
                     LocalDate effectiveFrom, String reason, String decisionRef) {
    }

    record AmendTask(String title, String text, @NotNull LocalDate effectiveFrom, @NotBlank String reason,
                     String decisionRef) {
    }

    record AdoptColumn(@NotBlank String code, String section, @NotBlank String title, String intro,
                       List<@Valid Item> items, LocalDate effectiveFrom) {
    }

    record AdoptSafeguard(@NotBlank String code, @NotNull SafeguardKind kind, @NotBlank String title,
                          List<@Valid Item> items, LocalDate effectiveFrom) {
    }

    record ClosePlan(@NotNull LocalDate effectiveFrom, String reason, String decisionRef) {
    }

    record SupersedePlan(@NotBlank String supersededBy, @NotNull LocalDate effectiveFrom, @NotBlank String reason,
                         String decisionRef) {
    }

    record OpenEvaluation(@NotBlank String id, @NotNull EvaluationKind kind, @NotBlank String evaluator,
                          @NotNull @Valid PeriodBody period, @NotNull LocalDate effectiveFrom) {
    }

    record RecordFinding(String id, @NotNull SubjectKind subjectKind, @NotBlank String subjectCode,
                         @NotNull Integer year, @Figure BigDecimal observedValue, String unit,
                         @NotNull Assessment assessment, String evidenceRef, String note,
                         @NotNull LocalDate effectiveFrom, FindingSpan span) {
    }

    record CorrectFinding(@Figure BigDecimal observedValue, String unit, Assessment assessment, String evidenceRef,
                          String note, @NotNull LocalDate effectiveFrom, @NotBlank String reason) {
    }

    record WithdrawFinding(@NotNull LocalDate effectiveFrom, @NotBlank String reason) {
    }

    record Publish(@NotNull LocalDate effectiveFrom) {
    }
}
