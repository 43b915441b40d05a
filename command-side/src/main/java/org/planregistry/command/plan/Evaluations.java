package org.planregistry.command.plan;

import static org.planregistry.command.plan.PlanRuleViolation.conflict;
import static org.planregistry.command.plan.PlanRuleViolation.invalid;
import static org.planregistry.command.plan.PlanRuleViolation.unknown;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.planregistry.api.Assessment;
import org.planregistry.api.EvaluationKind;
import org.planregistry.api.FindingSpan;
import org.planregistry.api.MeasurementBasis;
import org.planregistry.api.Period;
import org.planregistry.api.PlanCommand.CorrectFindingCommand;
import org.planregistry.api.PlanCommand.OpenEvaluationCommand;
import org.planregistry.api.PlanCommand.PublishEvaluationCommand;
import org.planregistry.api.PlanCommand.RecordFindingCommand;
import org.planregistry.api.PlanCommand.WithdrawFindingCommand;
import org.planregistry.api.PlanEvent.EvaluationOpenedEvent;
import org.planregistry.api.PlanEvent.EvaluationPublishedEvent;
import org.planregistry.api.PlanEvent.FindingCorrectedEvent;
import org.planregistry.api.PlanEvent.FindingRecordedEvent;
import org.planregistry.api.PlanEvent.FindingSpanStatedEvent;
import org.planregistry.api.PlanEvent.FindingWithdrawnEvent;
import org.planregistry.api.SubjectKind;

/**
 * A plan's evaluations (规划评估机制) and the findings recorded in them. An evaluation covers some years of the plan
 * period; while it is open, findings on live indicators and tasks can be recorded, corrected and withdrawn, and once
 * it is published its findings are frozen. Each decision method checks the rules of one command against this part
 * (and, for what a finding is about, against the plan's {@link Indicators} and {@link PlanText}) and returns the
 * event to apply, or refuses with a {@link PlanRuleViolation}; the {@code on} methods only assign state. The plan
 * has checked the evaluation's date before it asks here.
 */
final class Evaluations {

    private Map<String, Evaluation> byId = new HashMap<>();

    /** A closed plan accepts only a final evaluation; the covered years lie within the plan period. */
    EvaluationOpenedEvent open(String planCode, Period period, boolean planClosed, OpenEvaluationCommand command,
                               LocalDate effective) {
        Require.present("evaluationId", command.evaluationId());
        Require.present("evaluator", command.evaluator());
        if (command.kind() == null) {
            throw invalid("kind", "is required: ANNUAL, MID_TERM or FINAL");
        }
        if (planClosed && command.kind() != EvaluationKind.FINAL) {
            throw conflict("kind", "plan " + planCode + " is closed: it accepts only a FINAL evaluation");
        }
        if (byId.containsKey(command.evaluationId())) {
            throw conflict("evaluationId", "evaluation " + command.evaluationId() + " already exists");
        }
        if (command.coveredFrom() > command.coveredTo()) {
            throw invalid("period", "covers " + command.coveredFrom() + "–" + command.coveredTo()
                    + ", which ends before it starts");
        }
        if (!period.containsYear(command.coveredFrom()) || !period.containsYear(command.coveredTo())) {
            throw invalid("period", "covered years must lie within the plan period " + period.from() + "–"
                    + period.to());
        }
        return new EvaluationOpenedEvent(planCode, command.evaluationId(), command.kind(), command.evaluator(),
                command.coveredFrom(), command.coveredTo(), effective);
    }

    /** A finding as recorded, and what its observed value covers when that must be stated with it. */
    record RecordedFinding(FindingRecordedEvent recorded, Optional<FindingSpanStatedEvent> span) {
    }

    /** Numbers the finding {@code <evaluationId>-F<n>} unless the command names it. */
    RecordedFinding record(String planCode, Period period, RecordFindingCommand command, LocalDate effective,
                           Indicators indicators, PlanText text) {
        Evaluation evaluation = open(planCode, command.evaluationId());
        if (command.subjectKind() == null) {
            throw invalid("subjectKind", "is required: INDICATOR or TASK");
        }
        if (command.assessment() == null) {
            throw invalid("assessment", "is required");
        }
        String unit = checkSubject(planCode, indicators, text, command.subjectKind(), command.subjectCode(),
                command.observedValue(), command.unit(), command.assessment());
        if (command.year() < evaluation.coveredFrom() || command.year() > evaluation.coveredTo()) {
            throw invalid("year", "year " + command.year() + " is outside the years this evaluation covers ("
                    + evaluation.coveredFrom() + "–" + evaluation.coveredTo() + ")");
        }
        String findingId = command.findingId() != null ? command.findingId()
                : evaluation.evaluationId() + "-F" + (evaluation.findings().size() + 1);
        if (evaluation.findings().containsKey(findingId)) {
            throw conflict("findingId", "finding " + findingId + " already exists");
        }
        Optional<FindingSpan> span = span(planCode, period, indicators, command);
        return new RecordedFinding(new FindingRecordedEvent(planCode, evaluation.evaluationId(), findingId,
                command.subjectKind(), command.subjectCode(), command.year(), command.observedValue(), unit,
                command.assessment(), command.evidenceRef(), command.note(), effective),
                span.map(stated -> new FindingSpanStatedEvent(planCode, evaluation.evaluationId(), findingId,
                        command.subjectCode(), stated, effective)));
    }

    /**
     * What an observed value covers, by the indicator's measurement basis: a level is a figure for its year (nothing
     * to state); an accumulated indicator's value is one year's amount or the total to date, which the evaluator
     * must say; an interval indicator's value is for the interval ending in the target year, and only for that.
     */
    private static Optional<FindingSpan> span(String planCode, Period period, Indicators indicators,
                                              RecordFindingCommand command) {
        FindingSpan given = command.span();
        if (command.subjectKind() == SubjectKind.TASK || command.observedValue() == null) {
            if (given != null) {
                throw invalid("span", "says what an observed value covers, and this finding has none");
            }
            return Optional.empty();
        }
        Indicators.Indicator indicator = indicators.live(planCode, command.subjectCode());
        MeasurementBasis basis = indicator.measuredAs();
        return switch (basis) {
            case LEVEL -> {
                if (given != null && given != FindingSpan.YEAR) {
                    throw invalid("span", "indicator " + indicator.code() + " is measured as a level at the end "
                            + "of a year: its observed value is for the finding's year (YEAR)");
                }
                yield Optional.empty();
            }
            case ACCUMULATED -> {
                if (given != FindingSpan.YEAR && given != FindingSpan.TO_DATE) {
                    throw invalid("span", "indicator " + indicator.code() + " is accumulated over the plan period: "
                            + "say whether the observed value is one year's (YEAR) or accumulated to date (TO_DATE)");
                }
                yield Optional.of(given);
            }
            case INTERVAL -> {
                int end = indicator.target().year();
                String interval = (end - (period.to() - period.from())) + "–" + end;
                if (given != null && given != FindingSpan.INTERVAL) {
                    throw invalid("span", "indicator " + indicator.code() + " is a figure over the interval "
                            + interval + ": it has no value for a single year or to date (INTERVAL)");
                }
                if (command.year() != end) {
                    throw invalid("year", "indicator " + indicator.code() + " is a figure over the interval "
                            + interval + ": a finding on it is for the year the interval ends, " + end);
                }
                yield Optional.of(FindingSpan.INTERVAL);
            }
        };
    }

    /** The event carries the finding's whole corrected state; its subject and year cannot change. */
    FindingCorrectedEvent correct(String planCode, CorrectFindingCommand command, LocalDate effective,
                                  Indicators indicators, PlanText text) {
        Require.reason(command.reason());
        Evaluation evaluation = open(planCode, command.evaluationId());
        Finding finding = evaluation.liveFinding(command.findingId());
        Assessment assessment = command.assessment() == null ? finding.assessment() : command.assessment();
        BigDecimal observed = command.observedValue() == null ? finding.observedValue() : command.observedValue();
        checkSubject(planCode, indicators, text, finding.subjectKind(), finding.subjectCode(), observed,
                command.unit(), assessment);
        return new FindingCorrectedEvent(planCode, evaluation.evaluationId(), finding.findingId(), observed,
                assessment, command.evidenceRef() == null ? finding.evidenceRef() : command.evidenceRef(),
                command.note() == null ? finding.note() : command.note(), effective, command.reason());
    }

    FindingWithdrawnEvent withdraw(String planCode, WithdrawFindingCommand command, LocalDate effective) {
        Require.reason(command.reason());
        Evaluation evaluation = open(planCode, command.evaluationId());
        Finding finding = evaluation.liveFinding(command.findingId());
        return new FindingWithdrawnEvent(planCode, evaluation.evaluationId(), finding.findingId(), effective,
                command.reason());
    }

    EvaluationPublishedEvent publish(String planCode, PublishEvaluationCommand command, LocalDate effective) {
        Evaluation evaluation = open(planCode, command.evaluationId());
        return new EvaluationPublishedEvent(planCode, evaluation.evaluationId(), effective);
    }

    /** The evaluation with this id, which must exist and not be published yet. */
    private Evaluation open(String planCode, String evaluationId) {
        Evaluation evaluation = byId.get(evaluationId);
        if (evaluation == null) {
            throw unknown("evaluationId", "plan " + planCode + " has no evaluation " + evaluationId);
        }
        if (evaluation.published()) {
            throw conflict("evaluationId", "evaluation " + evaluationId + " is published: its findings are frozen");
        }
        return evaluation;
    }

    /**
     * Checks what a finding is about, a live task or a live indicator, and returns the unit its observed value is
     * in: the indicator's, or none for a task, which has no observed value.
     */
    private static String checkSubject(String planCode, Indicators indicators, PlanText text, SubjectKind kind,
                                       String code, BigDecimal observed, String unit, Assessment assessment) {
        Require.present("subjectCode", code);
        if (kind == SubjectKind.TASK) {
            text.liveTask(planCode, code);
            if (observed != null) {
                throw invalid("observedValue", "a finding on a task has no observed value");
            }
            return null;
        }
        Indicators.Indicator indicator = indicators.live(planCode, code);
        indicator.matchUnit(unit);
        if (observed == null && assessment != Assessment.NOT_ASSESSABLE) {
            throw invalid("observedValue", "is required for an indicator unless the assessment is NOT_ASSESSABLE");
        }
        return indicator.unit();
    }

    void on(EvaluationOpenedEvent event) {
        byId.put(event.evaluationId(), new Evaluation(event.evaluationId(), event.coveredFrom(), event.coveredTo(),
                false, Map.of()));
    }

    void on(FindingRecordedEvent event) {
        byId.computeIfPresent(event.evaluationId(), (id, e) -> e.withFinding(new Finding(event.findingId(),
                event.subjectKind(), event.subjectCode(), event.observedValue(), event.assessment(),
                event.evidenceRef(), event.note(), false)));
    }

    void on(FindingCorrectedEvent event) {
        byId.computeIfPresent(event.evaluationId(), (id, e) -> {
            Finding old = e.findings().get(event.findingId());
            return e.withFinding(new Finding(old.findingId(), old.subjectKind(), old.subjectCode(),
                    event.observedValue(), event.assessment(), event.evidenceRef(), event.note(), false));
        });
    }

    void on(FindingWithdrawnEvent event) {
        byId.computeIfPresent(event.evaluationId(), (id, e) -> {
            Finding old = e.findings().get(event.findingId());
            return e.withFinding(new Finding(old.findingId(), old.subjectKind(), old.subjectCode(),
                    old.observedValue(), old.assessment(), old.evidenceRef(), old.note(), true));
        });
    }

    void on(EvaluationPublishedEvent event) {
        byId.computeIfPresent(event.evaluationId(), (id, e) -> e.asPublished());
    }

    /** One evaluation with its findings; immutable, replaced on change. */
    record Evaluation(String evaluationId, int coveredFrom, int coveredTo, boolean published,
                      Map<String, Finding> findings) {

        /** The finding with this id, which must exist and not be withdrawn. */
        Finding liveFinding(String findingId) {
            Finding finding = findings.get(findingId);
            if (finding == null) {
                throw unknown("findingId", "evaluation " + evaluationId + " has no finding " + findingId);
            }
            if (finding.withdrawn()) {
                throw conflict("findingId", "finding " + findingId + " is withdrawn");
            }
            return finding;
        }

        Evaluation withFinding(Finding finding) {
            Map<String, Finding> updated = new HashMap<>(findings);
            updated.put(finding.findingId(), finding);
            return new Evaluation(evaluationId, coveredFrom, coveredTo, published, Map.copyOf(updated));
        }

        Evaluation asPublished() {
            return new Evaluation(evaluationId, coveredFrom, coveredTo, true, findings);
        }
    }

    record Finding(String findingId, SubjectKind subjectKind, String subjectCode, BigDecimal observedValue,
                   Assessment assessment, String evidenceRef, String note, boolean withdrawn) {
    }
}
