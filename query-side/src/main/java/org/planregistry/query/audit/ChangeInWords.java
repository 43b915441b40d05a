package org.planregistry.query.audit;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.planregistry.api.Baseline;
import org.planregistry.api.PlanEvent;
import org.planregistry.api.PlanEvent.ChapterAdoptedEvent;
import org.planregistry.api.PlanEvent.ChapterAmendedEvent;
import org.planregistry.api.PlanEvent.ColumnAdoptedEvent;
import org.planregistry.api.PlanEvent.EvaluationOpenedEvent;
import org.planregistry.api.PlanEvent.EvaluationPublishedEvent;
import org.planregistry.api.PlanEvent.FindingCorrectedEvent;
import org.planregistry.api.PlanEvent.FindingRecordedEvent;
import org.planregistry.api.PlanEvent.FindingWithdrawnEvent;
import org.planregistry.api.PlanEvent.GoalAdoptedEvent;
import org.planregistry.api.PlanEvent.GoalAmendedEvent;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorBaselineCorrectedEvent;
import org.planregistry.api.PlanEvent.IndicatorContinuityDeclaredEvent;
import org.planregistry.api.PlanEvent.IndicatorRetiredEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.PlanEvent.FindingSpanStatedEvent;
import org.planregistry.api.PlanEvent.MeasurementBasisSetEvent;
import org.planregistry.api.PlanEvent.MilestoneSetEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.PlanEvent.PlanClosedEvent;
import org.planregistry.api.PlanEvent.PlanSupersededEvent;
import org.planregistry.api.PlanEvent.SafeguardAdoptedEvent;
import org.planregistry.api.PlanEvent.SectionAdoptedEvent;
import org.planregistry.api.PlanEvent.TaskAdoptedEvent;
import org.planregistry.api.PlanEvent.TaskAmendedEvent;
import org.planregistry.api.PlanEvent.TaskRetiredEvent;
import org.planregistry.api.SubjectKind;
import org.planregistry.api.Target;

/**
 * Says in words what an event changed, for auditors reading the log. Most events carry their previous value
 * (targets, baselines, milestones); for amendments and finding corrections, which carry only the new value, the
 * audit view remembers the facts it last described ({@code before}) so it can still say "old → new".
 */
final class ChangeInWords {

    private static final String TITLE = "title";
    private static final String TEXT = "text";
    private static final String SUBJECT = "subject";
    private static final String OBSERVED = "observed";
    private static final String ASSESSMENT = "assessment";

    private ChangeInWords() {
    }

    /**
     * An event described.
     *
     * @param memoryKey  the key under which the facts of this element are remembered, null when none are needed
     * @param factsAfter the facts to remember after this event
     */
    record Description(String element, String subject, String change, String memoryKey,
                       Map<String, String> factsAfter) {
    }

    /** The key of the remembered facts the event's description needs, null when it needs none. */
    static String memoryKey(PlanEvent event) {
        if (event instanceof ChapterAdoptedEvent chapter) {
            return key(event, "chapter", chapter.chapterCode());
        } else if (event instanceof ChapterAmendedEvent chapter) {
            return key(event, "chapter", chapter.chapterCode());
        } else if (event instanceof GoalAdoptedEvent goal) {
            return key(event, "goal", goal.goalCode());
        } else if (event instanceof GoalAmendedEvent goal) {
            return key(event, "goal", goal.goalCode());
        } else if (event instanceof TaskAdoptedEvent task) {
            return key(event, "task", task.taskCode());
        } else if (event instanceof TaskAmendedEvent task) {
            return key(event, "task", task.taskCode());
        } else if (event instanceof FindingRecordedEvent finding) {
            return key(event, "finding", finding.evaluationId() + "/" + finding.findingId());
        } else if (event instanceof FindingCorrectedEvent finding) {
            return key(event, "finding", finding.evaluationId() + "/" + finding.findingId());
        } else if (event instanceof FindingWithdrawnEvent finding) {
            return key(event, "finding", finding.evaluationId() + "/" + finding.findingId());
        }
        return null;
    }

    static Description describe(PlanEvent event, Map<String, String> before) {
        String key = memoryKey(event);
        if (event instanceof PlanAdoptedEvent plan) {
            return plain("plan", "plan adopted: " + plan.title() + " (" + plan.period().from() + "–"
                    + plan.period().to() + "), adopted on " + plan.adoptedOn());
        } else if (event instanceof ChapterAdoptedEvent chapter) {
            return new Description("chapter " + chapter.chapterCode(), null, "chapter adopted: " + chapter.kind() + " "
                    + chapter.title(), key, texts(chapter.title(), chapter.text()));
        } else if (event instanceof ChapterAmendedEvent chapter) {
            return new Description("chapter " + chapter.chapterCode(), null,
                    amendment(before, chapter.title(), chapter.text(), "text"), key,
                    texts(chapter.title(), chapter.text()));
        } else if (event instanceof GoalAdoptedEvent goal) {
            return new Description("goal " + goal.goalCode(), null, "goal adopted: " + goal.title(), key,
                    texts(goal.title(), goal.description()));
        } else if (event instanceof GoalAmendedEvent goal) {
            return new Description("goal " + goal.goalCode(), null,
                    amendment(before, goal.title(), goal.description(), "description"), key,
                    texts(goal.title(), goal.description()));
        } else if (event instanceof IndicatorAdoptedEvent indicator) {
            return plain("indicator " + indicator.indicatorCode(), "indicator adopted: " + indicator.name()
                    + ", baseline " + baseline(indicator.baseline()) + ", target " + target(indicator.target(), true)
                    + " " + indicator.unit());
        } else if (event instanceof IndicatorTargetRevisedEvent revised) {
            return plain("indicator " + revised.indicatorCode(), targetChange(revised.previousTarget(),
                    revised.target()));
        } else if (event instanceof IndicatorBaselineCorrectedEvent corrected) {
            return plain("indicator " + corrected.indicatorCode(), baselineChange(corrected.previousBaseline(),
                    corrected.baseline()));
        } else if (event instanceof IndicatorRetiredEvent retired) {
            return plain("indicator " + retired.indicatorCode(), "indicator retired");
        } else if (event instanceof IndicatorContinuityDeclaredEvent continuity) {
            String of = continuity.predecessor().planCode() + " " + continuity.predecessor().indicatorCode();
            String observed = continuity.predecessorFinal() == null ? "no final value observed"
                    : "observed " + number(continuity.predecessorFinal().value()) + " in "
                    + continuity.predecessorFinal().year();
            return plain("indicator " + continuity.indicatorCode(), "continues " + of + " (" + observed + ")"
                    + (continuity.differenceReason() == null ? "; baseline " + baseline(continuity.baseline())
                    : "; baseline " + baseline(continuity.baseline()) + " differs: " + continuity.differenceReason()));
        } else if (event instanceof MeasurementBasisSetEvent basis) {
            return plain("indicator " + basis.indicatorCode(), basis.previousBasis() == null
                    ? "measurement basis declared: " + basis.basis()
                    : "measurement basis " + basis.previousBasis() + " → " + basis.basis());
        } else if (event instanceof FindingSpanStatedEvent span) {
            return new Description("evaluation " + span.evaluationId(), "indicator " + span.subjectCode(),
                    "finding " + span.findingId() + " covers " + switch (span.span()) {
                        case YEAR -> "one year";
                        case TO_DATE -> "the total to date";
                        case INTERVAL -> "its interval";
                    }, null, Map.of());
        } else if (event instanceof MilestoneSetEvent milestone) {
            return plain("indicator " + milestone.indicatorCode(), milestone.previousValue() == null
                    ? "milestone " + milestone.year() + " set to " + number(milestone.value())
                    : "milestone " + milestone.year() + ": " + number(milestone.previousValue()) + " → "
                    + number(milestone.value()));
        } else if (event instanceof SectionAdoptedEvent section) {
            return plain("section " + section.sectionCode(), "section adopted: " + section.title());
        } else if (event instanceof TaskAdoptedEvent task) {
            return new Description("task " + task.taskCode(), null, "task adopted"
                    + (task.sectionCode() == null ? "" : " in section " + task.sectionCode()) + ": " + task.title(),
                    key, texts(task.title(), task.text()));
        } else if (event instanceof TaskAmendedEvent task) {
            return new Description("task " + task.taskCode(), null, amendment(before, task.title(), task.text(),
                    "text"), key, texts(task.title(), task.text()));
        } else if (event instanceof TaskRetiredEvent task) {
            return plain("task " + task.taskCode(), "task retired");
        } else if (event instanceof ColumnAdoptedEvent column) {
            return plain("column " + column.columnCode(), "column adopted: " + column.title() + " ("
                    + (column.items() == null ? 0 : column.items().size()) + " items)");
        } else if (event instanceof SafeguardAdoptedEvent safeguard) {
            return plain("safeguard " + safeguard.safeguardCode(), "safeguard adopted: " + safeguard.kind() + " "
                    + safeguard.title() + " (" + (safeguard.items() == null ? 0 : safeguard.items().size())
                    + " items)");
        } else if (event instanceof EvaluationOpenedEvent evaluation) {
            return plain("evaluation " + evaluation.evaluationId(), "evaluation opened: " + evaluation.kind()
                    + " by " + evaluation.evaluator() + ", covering " + evaluation.coveredFrom() + "–"
                    + evaluation.coveredTo());
        } else if (event instanceof FindingRecordedEvent finding) {
            return recorded(finding, key);
        } else if (event instanceof FindingCorrectedEvent finding) {
            return corrected(finding, before, key);
        } else if (event instanceof FindingWithdrawnEvent finding) {
            return new Description("evaluation " + finding.evaluationId(), before.get(SUBJECT),
                    "finding " + finding.findingId() + " withdrawn", key, before);
        } else if (event instanceof EvaluationPublishedEvent evaluation) {
            return plain("evaluation " + evaluation.evaluationId(), "evaluation published");
        } else if (event instanceof PlanClosedEvent) {
            return plain("plan", "plan closed");
        } else if (event instanceof PlanSupersededEvent superseded) {
            return plain("plan", "plan superseded by " + superseded.supersededBy());
        }
        throw new IllegalArgumentException("No wording is known for " + event.getClass().getName()
                + ": a new event type needs its sentence in ChangeInWords");
    }

    private static Description recorded(FindingRecordedEvent finding, String key) {
        String subject = (finding.subjectKind() == SubjectKind.TASK ? "task " : "indicator ") + finding.subjectCode();
        Map<String, String> facts = new HashMap<>();
        facts.put(SUBJECT, subject);
        facts.put(OBSERVED, number(finding.observedValue()));
        facts.put(ASSESSMENT, String.valueOf(finding.assessment()));
        String observed = finding.observedValue() == null ? "" : "observed " + number(finding.observedValue())
                + ", ";
        return new Description("evaluation " + finding.evaluationId(), subject, "finding " + finding.findingId()
                + " recorded on " + subject + " for " + finding.year() + ": " + observed + finding.assessment(), key,
                facts);
    }

    private static Description corrected(FindingCorrectedEvent finding, Map<String, String> before, String key) {
        Map<String, String> facts = new HashMap<>(before);
        facts.put(OBSERVED, number(finding.observedValue()));
        facts.put(ASSESSMENT, String.valueOf(finding.assessment()));
        StringBuilder change = new StringBuilder("finding " + finding.findingId() + " corrected: ");
        String separator = "";
        if (!Objects.equals(before.get(OBSERVED), facts.get(OBSERVED))) {
            change.append("observed ").append(orNone(before.get(OBSERVED))).append(" → ")
                    .append(orNone(facts.get(OBSERVED)));
            separator = ", ";
        }
        if (!Objects.equals(before.get(ASSESSMENT), facts.get(ASSESSMENT))) {
            change.append(separator).append(orNone(before.get(ASSESSMENT))).append(" → ")
                    .append(facts.get(ASSESSMENT));
            separator = ", ";
        }
        if (separator.isEmpty()) {
            change.append("evidence or note amended");
        }
        return new Description("evaluation " + finding.evaluationId(), before.get(SUBJECT), change.toString(), key,
                facts);
    }

    private static String amendment(Map<String, String> before, String title, String text, String textName) {
        StringBuilder change = new StringBuilder();
        if (!Objects.equals(before.get(TITLE), title)) {
            change.append(before.containsKey(TITLE) ? "title '" + before.get(TITLE) + "' → '" + title + "'"
                    : "title '" + title + "'");
        }
        if (!Objects.equals(before.get(TEXT), text)) {
            change.append(change.isEmpty() ? "" : "; ").append(textName).append(" amended");
        }
        return change.isEmpty() ? "restated unchanged" : change.toString();
    }

    private static String targetChange(Target previous, Target target) {
        boolean yearChanged = previous != null && previous.year() != target.year();
        return previous == null ? "target set to " + target(target, true)
                : "target " + target(previous, yearChanged) + " → " + target(target, yearChanged);
    }

    private static String baselineChange(Baseline previous, Baseline baseline) {
        boolean yearChanged = previous != null && previous.year() != baseline.year();
        String now = number(baseline.value()) + (yearChanged ? " (" + baseline.year() + ")" : "");
        return previous == null ? "baseline set to " + now
                : "baseline " + number(previous.value()) + (yearChanged ? " (" + previous.year() + ")" : "") + " → "
                + now;
    }

    private static String target(Target target, boolean withYear) {
        return number(target.value()) + " " + target.qualifier() + (withYear ? " (" + target.year() + ")" : "");
    }

    private static String baseline(Baseline baseline) {
        return baseline == null ? "none" : number(baseline.value()) + " (" + baseline.year() + ")";
    }

    private static String number(BigDecimal value) {
        return value == null ? "none" : value.toPlainString();
    }

    private static String orNone(String value) {
        return value == null ? "none" : value;
    }

    private static Map<String, String> texts(String title, String text) {
        Map<String, String> facts = new HashMap<>();
        facts.put(TITLE, title);
        facts.put(TEXT, text);
        return facts;
    }

    private static Description plain(String element, String change) {
        return new Description(element, null, change, null, Map.of());
    }

    private static String key(PlanEvent event, String kind, String code) {
        return event.planCode() + "|" + kind + "|" + code;
    }
}
