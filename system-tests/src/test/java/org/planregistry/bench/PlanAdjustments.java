package org.planregistry.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.planregistry.api.Assessment;
import org.planregistry.api.EvaluationKind;
import org.planregistry.api.Period;
import org.planregistry.api.PlanEvent;
import org.planregistry.api.PlanEvent.EvaluationOpenedEvent;
import org.planregistry.api.PlanEvent.FindingCorrectedEvent;
import org.planregistry.api.PlanEvent.FindingRecordedEvent;
import org.planregistry.api.PlanEvent.GoalAdoptedEvent;
import org.planregistry.api.PlanEvent.GoalAmendedEvent;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.PlanEvent.MilestoneSetEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.PlanEvent.TaskAdoptedEvent;
import org.planregistry.api.PlanEvent.TaskAmendedEvent;
import org.planregistry.api.SubjectKind;
import org.planregistry.api.Target;

/**
 * Further adjustments of a plan, as events consistent with what it has recorded and with the aggregate's rules: in
 * every 20 events, ten target revisions (each indicator in turn), five milestones re-set (each indicator and year in
 * turn), two corrections of findings, two task amendments and one goal amendment. Findings are corrected in a
 * mid-term evaluation opened for that purpose (published evaluations are frozen), from its opening on.
 *
 * <p>Each call spreads its events over the plan's time in force (adoption to the end of the period: the aggregate
 * accepts no earlier date) in effective-date order, except that one in ten is retroactive, effective two months to
 * two years before its neighbours; and each later call starts again at the adoption, so its events are retroactive
 * against the previous call's later ones. Time travel is the point of the view. A revision names the target in force
 * on its effective date before it (previousTarget), a milestone the value it replaces; those are kept per
 * indicator by effective date, ties going to the later recording, as the view selects them.
 */
final class PlanAdjustments {

    private static final String MID_TERM = "EVAL-MID";
    private static final int[] OBSERVED_PERCENT = {86, 91, 94, 97, 101};

    private final String plan;
    private final Period period;
    private final LocalDate inForceFrom;
    private final LocalDate midTermOpened;
    private final LocalDate midTermFindings;
    private final List<String> indicators = new ArrayList<>();
    private final Map<String, String> units = new HashMap<>();
    /** Per indicator, its targets by effective date. */
    private final Map<String, TreeMap<LocalDate, Target>> targets = new LinkedHashMap<>();
    /** Per indicator and year ("I01/2023"), its milestone values by effective date. */
    private final Map<String, TreeMap<LocalDate, BigDecimal>> milestones = new HashMap<>();
    private final List<TaskAdoptedEvent> tasks = new ArrayList<>();
    private final List<GoalAdoptedEvent> goals = new ArrayList<>();
    private final List<FindingRecordedEvent> findings = new ArrayList<>();
    private long revisions;
    private long milestonesSet;
    private long corrections;
    private long taskAmendments;
    private long goalAmendments;
    /** Every event made so far: numbers decision references and varies values, deterministically. */
    private long made;

    /** Starts from the plan's recorded events, in recording order. */
    PlanAdjustments(List<PlanEvent> recorded) {
        PlanAdoptedEvent adopted = (PlanAdoptedEvent) recorded.get(0);
        plan = adopted.planCode();
        period = adopted.period();
        inForceFrom = adopted.adoptedOn().isAfter(period.firstDay()) ? adopted.adoptedOn() : period.firstDay();
        midTermOpened = LocalDate.of(period.from() + 2, 7, 1);
        midTermFindings = midTermOpened.plusDays(14);
        for (PlanEvent event : recorded) {
            if (event instanceof IndicatorAdoptedEvent indicator) {
                indicators.add(indicator.indicatorCode());
                units.put(indicator.indicatorCode(), indicator.unit());
                targets.computeIfAbsent(indicator.indicatorCode(), c -> new TreeMap<>())
                        .put(indicator.effectiveFrom(), indicator.target());
            } else if (event instanceof IndicatorTargetRevisedEvent revised) {
                targets.get(revised.indicatorCode()).put(revised.effectiveFrom(), revised.target());
            } else if (event instanceof MilestoneSetEvent milestone) {
                milestones.computeIfAbsent(milestone.indicatorCode() + "/" + milestone.year(), k -> new TreeMap<>())
                        .put(milestone.effectiveFrom(), milestone.value());
            } else if (event instanceof TaskAdoptedEvent task) {
                tasks.add(task);
            } else if (event instanceof GoalAdoptedEvent goal) {
                goals.add(goal);
            }
        }
    }

    /** The next {@code count} events, spread over the plan's time in force. */
    List<PlanEvent> next(int count) {
        List<PlanEvent> events = new ArrayList<>(count);
        long span = ChronoUnit.DAYS.between(inForceFrom, period.lastDay());
        for (int k = 0; events.size() < count; k++) {
            LocalDate date = inForceFrom.plusDays(span * k / count);
            // Opened whole or not at all in this call: a correction needs the finding it corrects.
            if (findings.isEmpty() && !date.isBefore(midTermOpened) && count - events.size() > indicators.size()) {
                events.addAll(openMidTerm());
                continue;
            }
            boolean retroactive = k % 10 == 3;
            if (retroactive) {
                LocalDate earlier = date.minusDays(60 + (made * 37) % 660);
                date = earlier.isBefore(inForceFrom) ? inForceFrom : earlier;
            }
            events.add(adjustment(k % 20, date, retroactive));
            made++;
        }
        return events;
    }

    private PlanEvent adjustment(int slot, LocalDate date, boolean retroactive) {
        return switch (slot) {
            case 10, 11, 12, 13, 14 -> milestone(date, retroactive);
            case 15, 16 -> findings.isEmpty() || date.isBefore(midTermFindings) ? revision(date, retroactive)
                    : correction(date);
            case 17, 18 -> taskAmendment(date);
            case 19 -> goalAmendment(date);
            default -> revision(date, retroactive);
        };
    }

    private PlanEvent revision(LocalDate date, boolean retroactive) {
        String code = indicators.get((int) (revisions++ % indicators.size()));
        TreeMap<LocalDate, Target> versions = targets.get(code);
        LocalDate effective = date.isBefore(versions.firstKey()) ? versions.firstKey() : date;
        Target before = targetOn(code, effective);
        BigDecimal adoptedValue = versions.firstEntry().getValue().value();
        BigDecimal value = percent(adoptedValue, 90 + (int) (made * 7 % 21));
        if (value.compareTo(before.value()) == 0) {
            value = percent(adoptedValue, 111);
        }
        Target target = new Target(before.year(), value, before.qualifier());
        versions.put(effective, target);
        return new IndicatorTargetRevisedEvent(plan, code, before, target, effective,
                retroactive ? "追溯调整：按复核结果更正目标值" : "规划动态调整：按年度监测结果调整目标值",
                decisionRef("深府办函", effective));
    }

    /** The indicator's target in force on {@code date}, or its first if it was adopted later. */
    private Target targetOn(String code, LocalDate date) {
        TreeMap<LocalDate, Target> versions = targets.get(code);
        Map.Entry<LocalDate, Target> inForce = versions.floorEntry(date);
        return inForce != null ? inForce.getValue() : versions.firstEntry().getValue();
    }

    private PlanEvent milestone(LocalDate date, boolean retroactive) {
        long n = milestonesSet++;
        String code = indicators.get((int) (n % indicators.size()));
        int year = period.from() + (int) (n / indicators.size() % (period.to() - period.from() + 1));
        TreeMap<LocalDate, BigDecimal> versions = milestones.computeIfAbsent(code + "/" + year, k -> new TreeMap<>());
        Map.Entry<LocalDate, BigDecimal> before = versions.floorEntry(date);
        BigDecimal target = targetOn(code, date).value();
        int share = 80 + (year - period.from()) * 5 + (int) (made % 7) - 3;
        BigDecimal value = percent(target, share);
        if (before != null && value.compareTo(before.getValue()) == 0) {
            value = percent(target, share + 1);
        }
        versions.put(date, value);
        return new MilestoneSetEvent(plan, code, year, before == null ? null : before.getValue(), value, date,
                retroactive ? "追溯调整：更正年度分解目标" : "年度计划调整：重新分解年度目标",
                decisionRef("深金规", date));
    }

    private List<PlanEvent> openMidTerm() {
        List<PlanEvent> opened = new ArrayList<>();
        opened.add(new EvaluationOpenedEvent(plan, MID_TERM, EvaluationKind.MID_TERM, "深圳市地方金融监督管理局",
                period.from(), period.from() + 1, midTermOpened));
        for (String code : indicators) {
            BigDecimal target = targetOn(code, midTermFindings).value();
            FindingRecordedEvent finding = new FindingRecordedEvent(plan, MID_TERM,
                    MID_TERM + "-F" + (findings.size() + 1), SubjectKind.INDICATOR, code, period.from() + 1,
                    percent(target, OBSERVED_PERCENT[findings.size() % OBSERVED_PERCENT.length]), units.get(code),
                    findings.size() % 4 == 3 ? Assessment.AT_RISK : Assessment.ON_TRACK, "规划中期评估报告", null,
                    midTermFindings);
            findings.add(finding);
            opened.add(finding);
        }
        return opened;
    }

    private PlanEvent correction(LocalDate date) {
        long n = corrections++;
        FindingRecordedEvent finding = findings.get((int) (n % findings.size()));
        BigDecimal observed = percent(finding.observedValue(), 96 + (int) (made % 9));
        return new FindingCorrectedEvent(plan, MID_TERM, finding.findingId(), observed,
                n % 3 == 0 ? Assessment.AT_RISK : Assessment.ON_TRACK, "统计数据修订 " + date, finding.note(), date,
                "统计部门修订数据");
    }

    private PlanEvent taskAmendment(LocalDate date) {
        long n = taskAmendments++;
        TaskAdoptedEvent task = tasks.get((int) (n % tasks.size()));
        return new TaskAmendedEvent(plan, task.taskCode(), task.title(), task.text() + amendedNote(date, n),
                date, "年度工作安排调整", decisionRef("深金办", date));
    }

    private PlanEvent goalAmendment(LocalDate date) {
        long n = goalAmendments++;
        GoalAdoptedEvent goal = goals.get((int) (n % goals.size()));
        return new GoalAmendedEvent(plan, goal.goalCode(), goal.title(), goal.description() + amendedNote(date, n),
                date, "发展目标表述调整", decisionRef("深府办函", date));
    }

    /** Makes each amendment's text differ from the one in force, as the aggregate requires. */
    private static String amendedNote(LocalDate date, long n) {
        return "（" + date.getYear() + "年" + date.getMonthValue() + "月调整，第" + (n + 1) + "次）";
    }

    private String decisionRef(String issuer, LocalDate date) {
        return issuer + "〔" + date.getYear() + "〕" + (made % 997 + 1) + "号";
    }

    private static BigDecimal percent(BigDecimal value, int percent) {
        return value.multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }
}
