package org.planregistry.command.plan;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

import org.planregistry.api.Baseline;
import org.planregistry.api.Decimals;
import org.planregistry.api.FinalObservation;
import org.planregistry.api.IndicatorRef;
import org.planregistry.api.Period;

/**
 * The rules of a plan that hold however it is adopted, one check each, with the one wording of its refusal. The
 * plan and its parts ({@link Plan}, {@link Indicators}, {@link PlanText}, {@link Require}) make these checks on every
 * command and throw a {@link PlanRuleViolation} naming the command's field; the plan definition importer makes the
 * same checks on a whole document before it sends a single command, and reports each refusal under its path in the
 * document. So an import and a command refuse the same input for the same reason, in the same words.
 *
 * <p>Each check returns the reason it refuses, or nothing when the rule holds. The checks are pure: what a check
 * needs to know about the plan (its period, the codes adopted so far) is passed in.
 *
 * <p>These rules are checked for commands only, never when events are replayed: a plan stored before a rule
 * existed must still load.
 */
public final class PlanRules {

    /** The kinds of element a plan adopts under a code of their own, named as refusals name them. */
    public enum Element {
        CHAPTER("chapter"),
        GOAL("goal"),
        INDICATOR("indicator"),
        SECTION("section"),
        TASK("task"),
        COLUMN("column"),
        SAFEGUARD("safeguard");

        private final String noun;

        Element(String noun) {
            this.noun = noun;
        }

        @Override
        public String toString() {
            return noun;
        }
    }

    private PlanRules() {
    }

    /** A plan's period does not start after it ends (a single year, from = to, is a period). */
    public static Optional<String> periodInOrder(Period period) {
        return refuseIf(period.from() > period.to(),
                () -> "the period starts (" + period.from() + ") after it ends (" + period.to() + ")");
    }

    /** The vision year (远景目标), if the plan has one, is not before the end of its period. */
    public static Optional<String> visionYearNotBeforeTheEnd(Integer visionYear, Period period) {
        return refuseIf(visionYear != null && visionYear < period.to(),
                () -> "the vision year (" + visionYear + ") is before the end of the period (" + period.to() + ")");
    }

    /**
     * A plan is adopted before its period has ended: a plan adopted later could never come into force, and none of
     * its elements could be adopted (each takes effect within the period, not before the adoption).
     */
    public static Optional<String> adoptedBeforeThePeriodEnds(LocalDate adoptedOn, Period period) {
        return refuseIf(adoptedOn.isAfter(period.lastDay()),
                () -> "the plan is adopted on " + adoptedOn + ", after its period ended on " + period.lastDay());
    }

    /** A year the plan sets something for (a target, a milestone) lies within its period. */
    public static Optional<String> yearWithinThePeriod(Period period, int year) {
        return refuseIf(!period.containsYear(year),
                () -> "year " + year + " is outside the plan period " + period.from() + "–" + period.to());
    }

    /** An indicator's baseline is not measured after the year its target is set for. */
    public static Optional<String> baselineNotAfterTarget(int baselineYear, int targetYear) {
        return refuseIf(baselineYear > targetYear,
                () -> "baseline year " + baselineYear + " is after the target year " + targetYear);
    }

    /** A goal's horizon, if it has one, is a year of the plan's period or its vision year (the outlook). */
    public static Optional<String> goalHorizon(Integer horizon, Period period, Integer visionYear) {
        return refuseIf(horizon != null && !period.containsYear(horizon) && !horizon.equals(visionYear),
                () -> "horizon " + horizon + " is neither within the period " + period.from() + "–" + period.to()
                        + " nor the vision year");
    }

    /** An element's code is not taken by an element of the same kind that the plan has already adopted. */
    public static Optional<String> newCode(Element kind, String code, String planCode, Collection<String> adopted) {
        return refuseIf(adopted.contains(code), () -> kind + " " + code + " already exists in plan " + planCode);
    }

    /** The numbered items of a column or a safeguard group have codes unique within the group. */
    public static Optional<String> newItemCode(String code, Collection<String> earlierItems) {
        return refuseIf(earlierItems.contains(code), () -> "item code " + code + " appears twice");
    }

    /** A task or column names a section the plan has already adopted. */
    public static Optional<String> knownSection(String planCode, String sectionCode, Collection<String> sections) {
        return refuseIf(!sections.contains(sectionCode), () -> "plan " + planCode + " has no section " + sectionCode);
    }

    /**
     * An indicator that continues a predecessor's indicator starts where the predecessor ended: its baseline is the
     * predecessor's observed final value, same year and value. Refused when they differ or nothing was observed;
     * the caller accepts it anyway when the difference is stated with a reason.
     */
    public static Optional<String> baselineIsTheFinalValue(Baseline baseline, FinalObservation observed,
                                                           IndicatorRef predecessor) {
        String of = predecessor.planCode() + " " + predecessor.indicatorCode();
        if (observed == null) {
            return Optional.of("no final value of " + of + " has been observed yet; state the difference in "
                    + "differenceReason");
        }
        String observedText = observed.value().toPlainString() + " (" + observed.year() + ")";
        if (baseline == null || baseline.value() == null) {
            return Optional.of("the indicator has no baseline, but " + of + " was observed at " + observedText
                    + "; state the difference in differenceReason");
        }
        return refuseIf(baseline.year() != observed.year() || !Decimals.same(baseline.value(), observed.value()),
                () -> "baseline " + baseline.value().toPlainString() + " (" + baseline.year() + ") differs from the "
                        + "observed final value of " + of + ", " + observedText
                        + "; state the difference in differenceReason");
    }

    private static Optional<String> refuseIf(boolean broken, Supplier<String> reason) {
        return broken ? Optional.of(reason.get()) : Optional.empty();
    }
}
