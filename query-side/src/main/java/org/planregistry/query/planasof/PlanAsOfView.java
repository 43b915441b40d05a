package org.planregistry.query.planasof;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.planregistry.api.Baseline;
import org.planregistry.api.ChapterKind;
import org.planregistry.api.EvaluationKind;
import org.planregistry.api.Item;
import org.planregistry.api.Nature;
import org.planregistry.api.Period;
import org.planregistry.api.SafeguardKind;
import org.planregistry.api.Target;
import org.planregistry.query.timeline.FindingSnapshot;
import org.planregistry.query.timeline.IndicatorBasis;
import org.planregistry.query.timeline.PlanStatus;

/**
 * The whole plan as it stood on {@code asOf}, as the registry knew it at {@code knownAt}: what an evaluator reads
 * to know what the plan said on a date, and an auditor to know what was known then. Retired elements are left out
 * from their retirement date on and listed under {@code retired}.
 *
 * @param pendingChanges     the first changes (by effective date) already recorded that take effect after
 *                           {@code asOf}, at most as many as the query's {@code pendingLimit}
 * @param pendingChangeCount how many such changes there are in all; the diff to a later date lists every one
 */
public record PlanAsOfView(String plan, LocalDate asOf, Instant knownAt, String title, String issuer, String issued,
                           LocalDate adoptedOn, Period period, Integer visionYear, String source,
                           PlanStatus.Stage status, String supersededBy, List<Chapter> chapters, List<Goal> goals,
                           List<Section> sections,
                           List<Task> unsectionedTasks, List<Column> columns, List<Indicator> indicators,
                           List<Safeguard> safeguards, List<Evaluation> evaluations, List<Retired> retired,
                           UpToDate upToDate, List<PendingChange> pendingChanges,
                           int pendingChangeCount) {

    /** An opening chapter (what the plan is for) with its title and text in force; text has a paragraph a line. */
    public record Chapter(String code, ChapterKind kind, String title, String text) {
    }

    /** A development goal with its title and description in force. */
    public record Goal(String code, String title, String description, Integer horizon) {
    }

    /** A section of key tasks with its measures in adoption order. */
    public record Section(String code, String title, String intro, List<Task> tasks) {
    }

    /** A measure (task) with its title and text in force. */
    public record Task(String code, String sectionCode, String title, String text) {
    }

    /** A special column (专栏) and its items. */
    public record Column(String code, String sectionCode, String title, String intro, List<Item> items) {
    }

    /**
     * An indicator with the baseline and target in force and the date each came into force.
     *
     * @param latestFinding the finding for the latest year in force at this point of view, if any
     */
    public record Indicator(String code, Integer number, String category, String subCategory, String name,
                            String unit, Nature nature, List<String> notes, Baseline baseline,
                            LocalDate baselineSince, Target target, LocalDate targetSince,
                            IndicatorBasis measurementBasis, List<Milestone> milestones,
                            FindingSnapshot latestFinding) {
    }

    /** A planned value for one year of the annual decomposition (规划分解). */
    public record Milestone(int year, BigDecimal value, LocalDate since) {
    }

    /** A group of safeguards (保障措施) and its items. */
    public record Safeguard(String code, SafeguardKind kind, String title, List<Item> items) {
    }

    /** An evaluation with the findings in force; {@code publishedOn} is null while it is not published. */
    public record Evaluation(String id, EvaluationKind kind, String evaluator, int coveredFrom, int coveredTo,
                             LocalDate openedOn, boolean published, LocalDate publishedOn,
                             List<FindingSnapshot> findings) {
    }

    /** An element left out because it was retired on or before {@code asOf}. */
    public record Retired(String element, String kind, String code, LocalDate retiredFrom, String reason,
                          String decisionRef) {
    }

    /**
     * How current the view is: it holds every change recorded until {@code lastRecordedAt} (global sequence
     * {@code lastSequence}).
     */
    public record UpToDate(String statement, long lastSequence, Instant lastRecordedAt) {
    }

    /** A change already recorded (at or before {@code knownAt}) that takes effect after {@code asOf}. */
    public record PendingChange(LocalDate effectiveFrom, Instant recordedAt, long globalSequence, String type,
                                String element, String attribute, JsonNode value, String actor, String role, String reason,
                                String decisionRef) {
    }
}
