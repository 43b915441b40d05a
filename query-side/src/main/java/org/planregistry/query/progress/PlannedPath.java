package org.planregistry.query.progress;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import org.planregistry.api.Baseline;
import org.planregistry.api.FindingSpan;
import org.planregistry.api.MeasurementBasis;
import org.planregistry.api.Period;
import org.planregistry.api.Target;

/**
 * The planned values of one indicator as its measurement basis reads them:
 * <ul>
 *   <li>a LEVEL follows the {@link Trajectory} from baseline to target, or a year's milestone;</li>
 *   <li>an ACCUMULATED total follows the same kind of line from zero at the start of the plan period to the target at
 *       the end of the target year (a milestone is the total planned to the end of its year); one year's planned
 *       amount is the total planned to the end of that year less the total planned to the end of the year before;
 *       the baseline (the previous period's total) is not a point of the line;</li>
 *   <li>an INTERVAL figure has no planned value for a year or a date: the target is the figure for the interval as
 *       long as the plan period that ends in the target year, and only an observation for that interval is compared
 *       with it.</li>
 * </ul>
 */
record PlannedPath(MeasurementBasis basis, Period period, Baseline baseline, Target target,
                   Map<Integer, BigDecimal> milestones) {

    /** The planned value on {@code date}: the level or the total to date, or the interval's figure. */
    Optional<PlannedValue> on(LocalDate date) {
        return switch (basis) {
            case LEVEL -> Trajectory.plannedOn(date, baseline, target, milestones);
            case ACCUMULATED -> Trajectory.plannedOn(date, accumulationStart(), target, milestones);
            case INTERVAL -> inInterval(date.getYear()) ? Optional.of(intervalTarget()) : Optional.empty();
        };
    }

    /** The planned value an observation of {@code year} covering {@code span} is compared with. */
    Optional<PlannedValue> forObservation(int year, FindingSpan span) {
        LocalDate end = LocalDate.of(year, 12, 31);
        return switch (basis) {
            case LEVEL -> Trajectory.plannedForYear(year, baseline, target, milestones);
            case ACCUMULATED -> span == FindingSpan.TO_DATE
                    ? Trajectory.plannedOn(end, accumulationStart(), target, milestones)
                    : Trajectory.plannedOn(end, accumulationStart(), target, milestones).map(total ->
                    new PlannedValue(end, total.value().subtract(totalBefore(year)), PlannedValue.Basis.YEAR_AMOUNT));
            case INTERVAL -> year == target.year() ? Optional.of(intervalTarget()) : Optional.empty();
        };
    }

    /** Whether an observation covering {@code span} can be compared with this indicator's plan at all. */
    boolean compares(FindingSpan span) {
        return switch (basis) {
            case LEVEL -> span == FindingSpan.YEAR;
            case ACCUMULATED -> span == FindingSpan.YEAR || span == FindingSpan.TO_DATE;
            case INTERVAL -> span == FindingSpan.INTERVAL;
        };
    }

    /** Whether an observation covering {@code span} can meet the target: one year's amount never meets a total. */
    boolean mayMeetTarget(FindingSpan span) {
        return basis != MeasurementBasis.ACCUMULATED || span == FindingSpan.TO_DATE;
    }

    /** An accumulated total only grows; a level falls when its target is below its baseline. */
    boolean falling() {
        return basis != MeasurementBasis.ACCUMULATED && ProgressRule.isFalling(baseline, target);
    }

    /** How an observation of {@code year} covering {@code span} is named in a status reason. */
    String covering(int year, FindingSpan span) {
        return switch (basis) {
            case LEVEL -> "for " + year;
            case ACCUMULATED -> span == FindingSpan.TO_DATE ? "accumulated " + period.from() + "–" + year
                    : "for " + year + " alone";
            case INTERVAL -> "for the interval " + interval();
        };
    }

    /** The interval of an interval indicator: as long as the plan period, ending in the target year. */
    String interval() {
        return (target.year() - (period.to() - period.from())) + "–" + target.year();
    }

    private boolean inInterval(int year) {
        return year > target.year() - (period.to() - period.from()) - 1 && year <= target.year();
    }

    private PlannedValue intervalTarget() {
        return new PlannedValue(LocalDate.of(target.year(), 12, 31), target.value(), PlannedValue.Basis.INTERVAL);
    }

    /** An accumulated total starts from zero at the end of the year before the plan period. */
    private Baseline accumulationStart() {
        return new Baseline(period.from() - 1, BigDecimal.ZERO);
    }

    private BigDecimal totalBefore(int year) {
        if (year <= period.from()) {
            return BigDecimal.ZERO;
        }
        return Trajectory.plannedOn(LocalDate.of(year - 1, 12, 31), accumulationStart(), target, milestones)
                .map(PlannedValue::value).orElse(BigDecimal.ZERO);
    }
}
