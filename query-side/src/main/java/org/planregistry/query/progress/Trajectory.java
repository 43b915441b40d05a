package org.planregistry.query.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import org.planregistry.api.Baseline;
import org.planregistry.api.Target;

/**
 * The planned value of an indicator on a date: the milestone of that date's year if one is set, otherwise the point
 * on the straight line from the baseline (its value at the end of the baseline year) to the target (at the end of
 * the target year). Each year is one equal step of the line, and within a year the line advances by day of year,
 * so at every 31 December the line value is exactly baseline + (target − baseline) × years elapsed / years planned.
 * Before the end of the baseline year the planned value is the baseline, after the end of the target year the
 * target.
 *
 * <p>Arithmetic is exact decimal; the only rounding is of the line value, half-up to two decimal places more than
 * the more precise of baseline and target, with trailing zeros dropped (baseline 4189.6, target 6400: three places).
 */
final class Trajectory {

    private static final int EXTRA_PLACES = 2;

    private Trajectory() {
    }

    /** The planned value on {@code date}; empty when there is neither a milestone for its year nor a baseline. */
    static Optional<PlannedValue> plannedOn(LocalDate date, Baseline baseline, Target target,
                                            Map<Integer, BigDecimal> milestones) {
        BigDecimal milestone = milestones.get(date.getYear());
        if (milestone != null) {
            return Optional.of(new PlannedValue(date, milestone, PlannedValue.Basis.MILESTONE));
        }
        if (baseline == null || baseline.value() == null || target == null || target.value() == null) {
            return Optional.empty();
        }
        return Optional.of(new PlannedValue(date, lineValue(date, baseline, target), PlannedValue.Basis.TRAJECTORY));
    }

    /** The planned value for a whole year: its value on 31 December. */
    static Optional<PlannedValue> plannedForYear(int year, Baseline baseline, Target target,
                                                 Map<Integer, BigDecimal> milestones) {
        return plannedOn(LocalDate.of(year, 12, 31), baseline, target, milestones);
    }

    static BigDecimal lineValue(LocalDate date, Baseline baseline, Target target) {
        BigDecimal from = baseline.value();
        BigDecimal to = target.value();
        int years = target.year() - baseline.year();
        if (years <= 0 || !date.isAfter(LocalDate.of(baseline.year(), 12, 31))) {
            return years <= 0 ? to : from;
        }
        if (!date.isBefore(LocalDate.of(target.year(), 12, 31))) {
            return to;
        }
        long daysInYear = date.lengthOfYear();
        BigDecimal elapsed = BigDecimal.valueOf((date.getYear() - baseline.year() - 1) * daysInYear
                + date.getDayOfYear());
        BigDecimal span = BigDecimal.valueOf(daysInYear * years);
        int scale = Math.max(from.scale(), to.scale()) + EXTRA_PLACES;
        BigDecimal value = from.add(to.subtract(from).multiply(elapsed).divide(span, scale, RoundingMode.HALF_UP));
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
