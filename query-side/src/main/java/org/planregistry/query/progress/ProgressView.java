package org.planregistry.query.progress;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.planregistry.api.Baseline;
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
     * @param direction             UP, or DOWN when the target is below the baseline
     * @param planned               the planned value on {@code asOf} (null without milestone and baseline)
     * @param latestFinding         the latest finding in force that has an observed value
     * @param plannedForFindingYear the planned value for the year the finding observed (31 December), which the
     *                              observation is compared with: an annual figure is measured against its own
     *                              year, not against a date within a later year
     * @param gap                   observed − plannedForFindingYear, exact
     */
    public record IndicatorProgress(String code, String name, String unit, Nature nature, Baseline baseline,
                                    Target target, String direction, PlannedValue planned,
                                    FindingSnapshot latestFinding, PlannedValue plannedForFindingYear, BigDecimal gap,
                                    ProgressStatus status, String statusReason) {
    }
}
