package org.planregistry.command.plan;

import static org.planregistry.command.plan.PlanRuleViolation.conflict;
import static org.planregistry.command.plan.PlanRuleViolation.invalid;
import static org.planregistry.command.plan.PlanRuleViolation.unknown;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.planregistry.api.Baseline;
import org.planregistry.api.Decimals;
import org.planregistry.api.FinalObservation;
import org.planregistry.api.IndicatorRef;
import org.planregistry.api.MeasurementBasis;
import org.planregistry.api.Nature;
import org.planregistry.api.Period;
import org.planregistry.api.PlanCommand.AdoptIndicatorCommand;
import org.planregistry.api.PlanCommand.CorrectIndicatorBaselineCommand;
import org.planregistry.api.PlanCommand.DeclareContinuityCommand;
import org.planregistry.api.PlanCommand.RetireIndicatorCommand;
import org.planregistry.api.PlanCommand.ReviseIndicatorTargetCommand;
import org.planregistry.api.PlanCommand.SetMeasurementBasisCommand;
import org.planregistry.api.PlanCommand.SetMilestoneCommand;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorBaselineCorrectedEvent;
import org.planregistry.api.PlanEvent.IndicatorContinuityDeclaredEvent;
import org.planregistry.api.PlanEvent.IndicatorRetiredEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.PlanEvent.MeasurementBasisSetEvent;
import org.planregistry.api.PlanEvent.MilestoneSetEvent;
import org.planregistry.api.Target;
import org.planregistry.command.plan.PlanRules.Element;

/**
 * A plan's indicators (主要指标): their units, baselines and targets, the annual milestones a target is decomposed into
 * (规划分解机制), how each is measured (level, accumulated, interval), and their retirement. Each decision method checks
 * the rules of one command against this part and returns the event to apply, or refuses with a
 * {@link PlanRuleViolation}; the {@code on} methods only assign state. The plan has checked the effective date and the
 * reason the plan-wide rules ask for before it asks here.
 */
final class Indicators {

    private Map<String, Indicator> byCode = new HashMap<>();

    IndicatorAdoptedEvent adopt(String planCode, Period period, AdoptIndicatorCommand command, LocalDate effective) {
        Require.present("indicatorCode", command.indicatorCode());
        Require.present("name", command.name());
        Require.knownUnit("unit", command.unit());
        Require.noConflict("indicatorCode", PlanRules.newCode(Element.INDICATOR, command.indicatorCode(), planCode,
                byCode.keySet()));
        if (command.target() == null || command.target().value() == null || command.target().qualifier() == null) {
            throw invalid("target", "needs a value and a qualifier");
        }
        Require.yearWithin(period, "target.year", command.target().year());
        if (command.baseline() != null) {
            Require.valid("baseline.year", PlanRules.baselineNotAfterTarget(command.baseline().year(),
                    command.target().year()));
        }
        return new IndicatorAdoptedEvent(planCode, command.indicatorCode(), command.number(), command.category(),
                command.subCategory(), command.name(), command.unit(),
                command.nature() == null ? Nature.EXPECTED : command.nature(),
                command.baseline(), command.target(), command.notes() == null ? List.of() : command.notes(),
                effective, command.reason(), command.decisionRef());
    }

    IndicatorTargetRevisedEvent reviseTarget(String planCode, Period period, ReviseIndicatorTargetCommand command,
                                             LocalDate effective) {
        Indicator indicator = live(planCode, command.indicatorCode());
        indicator.matchUnit(command.unit());
        if (command.value() == null) {
            throw invalid("target.value", "is required");
        }
        if (command.qualifier() == null) {
            throw invalid("target.qualifier", "is required");
        }
        int year = command.targetYear() == null ? indicator.target().year() : command.targetYear();
        Require.yearWithin(period, "target.year", year);
        if (indicator.baseline() != null) {
            Require.valid("target.year", PlanRules.baselineNotAfterTarget(indicator.baseline().year(), year));
        }
        Target target = new Target(year, command.value(), command.qualifier());
        if (target.sameAs(indicator.target())) {
            throw conflict("target", "the revision changes nothing: " + describe(target) + " is already in force");
        }
        if (command.decisionDate() != null && (command.decisionRef() == null || command.decisionRef().isBlank())) {
            throw invalid("decisionDate", "dates a decision document, so the decisionRef that names it is required");
        }
        return new IndicatorTargetRevisedEvent(planCode, indicator.code(), indicator.target(), target, effective,
                command.reason(), command.decisionRef(), command.decisionDate());
    }

    IndicatorBaselineCorrectedEvent correctBaseline(String planCode, Period period,
                                                    CorrectIndicatorBaselineCommand command, LocalDate effective) {
        Indicator indicator = live(planCode, command.indicatorCode());
        indicator.matchUnit(command.unit());
        int year = command.baselineYear() != null ? command.baselineYear()
                : indicator.baseline() != null ? indicator.baseline().year() : period.from() - 1;
        Require.valid("baseline.year", PlanRules.baselineNotAfterTarget(year, indicator.target().year()));
        Baseline baseline = new Baseline(year, command.value());
        if (baseline.sameAs(indicator.baseline())) {
            throw conflict("baseline", "the correction changes nothing: that baseline is already recorded");
        }
        return new IndicatorBaselineCorrectedEvent(planCode, indicator.code(), indicator.baseline(), baseline,
                effective, command.reason(), command.decisionRef());
    }

    IndicatorRetiredEvent retire(String planCode, RetireIndicatorCommand command, LocalDate effective) {
        Indicator indicator = live(planCode, command.indicatorCode());
        return new IndicatorRetiredEvent(planCode, indicator.code(), effective, command.reason(),
                command.decisionRef());
    }

    /** Declares or revises how an indicator is measured; declaring the basis already declared changes nothing. */
    MeasurementBasisSetEvent setBasis(String planCode, SetMeasurementBasisCommand command, LocalDate effective) {
        Indicator indicator = live(planCode, command.indicatorCode());
        if (command.basis() == null) {
            throw invalid("basis", "is required: LEVEL, ACCUMULATED or INTERVAL");
        }
        if (command.basis() == indicator.basis()) {
            throw conflict("basis", "indicator " + indicator.code() + " is already measured as "
                    + command.basis());
        }
        return new MeasurementBasisSetEvent(planCode, indicator.code(), indicator.basis(), command.basis(),
                effective, command.reason(), command.decisionRef());
    }

    /**
     * Declares that an indicator continues a predecessor plan's indicator. Its baseline must be the predecessor's
     * observed final value (same year, same value); a baseline that differs, or a predecessor with no final value
     * observed yet, needs the difference stated with a reason. Declared once.
     */
    IndicatorContinuityDeclaredEvent declareContinuity(String planCode, DeclareContinuityCommand command,
                                                       LocalDate effective, OtherPlans plans) {
        Indicator indicator = live(planCode, command.indicatorCode());
        IndicatorRef predecessor = command.predecessor();
        if (predecessor == null || predecessor.planCode() == null || predecessor.indicatorCode() == null) {
            throw invalid("predecessor", "needs the plan and the indicator continued");
        }
        if (predecessor.planCode().equals(planCode)) {
            throw invalid("predecessor.planCode", "an indicator continues an indicator of another plan, not of "
                    + planCode + " itself");
        }
        if (indicator.continues() != null) {
            throw conflict("predecessor", "indicator " + indicator.code() + " already continues "
                    + indicator.continues().planCode() + " " + indicator.continues().indicatorCode());
        }
        FinalObservation observed = plans.finalObservation(predecessor).orElse(null);
        boolean stated = command.differenceReason() != null && !command.differenceReason().isBlank();
        if (!stated) {
            Require.noConflict("baseline", PlanRules.baselineIsTheFinalValue(indicator.baseline(), observed,
                    predecessor));
        }
        return new IndicatorContinuityDeclaredEvent(planCode, indicator.code(), predecessor, observed,
                indicator.baseline(), stated ? command.differenceReason() : null, effective);
    }

    /** Sets the planned value for a year; revising a milestone already set needs a reason. */
    MilestoneSetEvent setMilestone(String planCode, Period period, SetMilestoneCommand command, LocalDate effective) {
        Indicator indicator = live(planCode, command.indicatorCode());
        indicator.matchUnit(command.unit());
        Require.yearWithin(period, "year", command.year());
        if (indicator.measuredAs() == MeasurementBasis.INTERVAL) {
            throw invalid("year", "indicator " + indicator.code() + " is a figure over an interval: it has no "
                    + "planned value for a single year");
        }
        if (command.value() == null) {
            throw invalid("value", "is required");
        }
        BigDecimal previous = indicator.milestones().get(command.year());
        if (previous != null && Decimals.same(previous, command.value())) {
            throw conflict("value", "the milestone for " + command.year() + " is already "
                    + previous.toPlainString());
        }
        if (previous != null) {
            Require.reason(command.reason());
        }
        return new MilestoneSetEvent(planCode, indicator.code(), command.year(), previous, command.value(),
                effective, command.reason(), command.decisionRef());
    }

    /** The indicator with this code, which must exist and not be retired: what adjustments and findings are about. */
    Indicator live(String planCode, String code) {
        Indicator indicator = byCode.get(code);
        if (indicator == null) {
            throw unknown("indicatorCode", "plan " + planCode + " has no indicator " + code);
        }
        if (indicator.retired()) {
            throw conflict("indicatorCode", "indicator " + code + " is retired");
        }
        return indicator;
    }

    private static String describe(Target target) {
        return target.value().toPlainString() + " " + target.qualifier() + " by " + target.year();
    }

    void on(IndicatorAdoptedEvent event) {
        byCode.put(event.indicatorCode(), new Indicator(event.indicatorCode(), event.unit(), event.baseline(),
                event.target(), Map.of(), false, null, null));
    }

    void on(IndicatorContinuityDeclaredEvent event) {
        byCode.computeIfPresent(event.indicatorCode(), (code, i) -> i.continuing(event.predecessor()));
    }

    void on(MeasurementBasisSetEvent event) {
        byCode.computeIfPresent(event.indicatorCode(), (code, i) -> i.withBasis(event.basis()));
    }

    void on(IndicatorTargetRevisedEvent event) {
        byCode.computeIfPresent(event.indicatorCode(), (code, i) -> i.withTarget(event.target()));
    }

    void on(IndicatorBaselineCorrectedEvent event) {
        byCode.computeIfPresent(event.indicatorCode(), (code, i) -> i.withBaseline(event.baseline()));
    }

    void on(IndicatorRetiredEvent event) {
        byCode.computeIfPresent(event.indicatorCode(), (code, i) -> i.asRetired());
    }

    void on(MilestoneSetEvent event) {
        byCode.computeIfPresent(event.indicatorCode(), (code, i) -> i.withMilestone(event.year(), event.value()));
    }

    /**
     * One indicator as the rules need it; immutable, replaced on change. {@code basis} is null until one is declared:
     * the indicator's figures are then read as levels. {@code continues} is the predecessor plan's indicator it
     * continues, if declared.
     */
    record Indicator(String code, String unit, Baseline baseline, Target target, Map<Integer, BigDecimal> milestones,
                     boolean retired, MeasurementBasis basis, IndicatorRef continues) {

        /** A value given in a unit must be in the indicator's own; no unit given means the indicator's. */
        void matchUnit(String given) {
            if (given != null && !given.equals(unit)) {
                throw invalid("unit", "indicator " + code + " is measured in " + unit + ", not " + given);
            }
        }

        /** The basis its figures are read on: the declared one, else a level. */
        MeasurementBasis measuredAs() {
            return basis == null ? MeasurementBasis.LEVEL : basis;
        }

        Indicator withTarget(Target newTarget) {
            return new Indicator(code, unit, baseline, newTarget, milestones, retired, basis, continues);
        }

        Indicator withBaseline(Baseline newBaseline) {
            return new Indicator(code, unit, newBaseline, target, milestones, retired, basis, continues);
        }

        Indicator withMilestone(int year, BigDecimal value) {
            Map<Integer, BigDecimal> updated = new HashMap<>(milestones);
            updated.put(year, value);
            return new Indicator(code, unit, baseline, target, Map.copyOf(updated), retired, basis, continues);
        }

        Indicator withBasis(MeasurementBasis newBasis) {
            return new Indicator(code, unit, baseline, target, milestones, retired, newBasis, continues);
        }

        Indicator asRetired() {
            return new Indicator(code, unit, baseline, target, milestones, true, basis, continues);
        }

        Indicator continuing(IndicatorRef predecessor) {
            return new Indicator(code, unit, baseline, target, milestones, retired, basis, predecessor);
        }
    }
}
