package org.planregistry.query.progress;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What the plan expects an indicator to be on a date, and where that expectation comes from.
 *
 * @param basis MILESTONE when an annual milestone (规划分解) sets it, TRAJECTORY when it is read off the straight
 *              line from baseline to target
 */
public record PlannedValue(LocalDate date, BigDecimal value, Basis basis) {

    /** Where a planned value comes from. */
    public enum Basis {
        MILESTONE,
        TRAJECTORY
    }
}
