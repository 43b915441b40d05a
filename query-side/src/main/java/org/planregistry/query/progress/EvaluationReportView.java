package org.planregistry.query.progress;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.planregistry.api.EvaluationKind;
import org.planregistry.api.MeasurementBasis;
import org.planregistry.api.Target;
import org.planregistry.query.timeline.FindingSnapshot;

/**
 * An evaluation's report: every indicator of the plan assessed against its target as the plan qualifies it, from
 * this evaluation's findings, and the plan's summary of achieved and not achieved indicators as of {@code asOf}
 * (the evaluation's publication date unless asked otherwise).
 */
public record EvaluationReportView(String plan, String evaluation, EvaluationKind kind, String evaluator,
                                   int coveredFrom, int coveredTo, boolean published, LocalDate publishedOn,
                                   LocalDate asOf, Instant knownAt, Summary summary, List<Line> indicators) {

    /** How many indicators, and which, reached their targets. */
    public record Summary(int indicators, int achieved, int notAchieved, int notAssessed, List<String> achievedCodes,
                          List<String> notAchievedCodes, List<String> notAssessedCodes) {
    }

    /**
     * One indicator.
     *
     * @param targetAsWritten the target as the plan writes it ("6400 左右", "突破 600", "约 1000")
     * @param finding         this evaluation's finding that covers what the target covers, if any
     * @param outcome         ACHIEVED, NOT_ACHIEVED or NOT_ASSESSED
     */
    public record Line(String code, String name, String unit, MeasurementBasis measurementBasis, Target target,
                       String targetAsWritten, FindingSnapshot finding, Outcome outcome, String reason) {
    }

    /** Whether the indicator reached its target. */
    public enum Outcome {
        ACHIEVED,
        NOT_ACHIEVED,
        NOT_ASSESSED
    }
}
