package org.planregistry.query.progress;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.planregistry.api.Baseline;
import org.planregistry.api.MeasurementBasis;
import org.planregistry.api.Nature;
import org.planregistry.api.Target;
import org.planregistry.query.timeline.FindingSnapshot;

/**
 * Progress of every indicator in force on {@code asOf}, as known at {@code knownAt}: what evaluators need to see
 * at a glance which indicators lag their trajectory.
 */
public record ProgressView(String plan, LocalDate asOf, Instant knownAt, List<IndicatorProgress> indicators) {

    /**
     * One indicator's progress.
     *
     * @param measurementBasis      how the indicator is measured (LEVEL when none was declared)
     * @param direction             UP, or DOWN when the target is below the baseline of a level
     * @param planned               the planned value on {@code asOf}: the level or the total to date, or an interval
     *                              indicator's target (null without milestone and baseline, or outside the interval)
     * @param latestFinding         the latest finding in force that has an observed value the basis can compare
     * @param plannedForFindingYear the planned value for what the finding covers (its year's 31 December, the total
     *                              to then or that year's amount, or the interval), which the observation is compared
     *                              with: an annual figure is measured against its own year, not against a date
     *                              within a later year
     * @param gap                   observed − plannedForFindingYear, exact
     */
    public record IndicatorProgress(String code, String name, String unit, Nature nature, Baseline baseline,
                                    Target target, MeasurementBasis measurementBasis, String direction,
                                    PlannedValue planned,
                                    FindingSnapshot latestFinding, PlannedValue plannedForFindingYear, BigDecimal gap,
                                    ProgressStatus status, String statusReason) {
    }
}
