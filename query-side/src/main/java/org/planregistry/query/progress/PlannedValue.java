package org.planregistry.query.progress;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What the plan expects an indicator to be on a date, and where that expectation comes from.
 *
 * @param basis MILESTONE when an annual milestone (规划分解) sets it, TRAJECTORY when it is read off the planned
 *              line (from baseline to target for a level, from zero to target for an accumulated total), YEAR_AMOUNT
 *              for one year's share of an accumulated total, INTERVAL for an interval indicator's target, the figure
 *              for its whole interval
 */
public record PlannedValue(LocalDate date, BigDecimal value, Basis basis) {

    /** Where a planned value comes from. */
    public enum Basis {
        MILESTONE,
        TRAJECTORY,
        YEAR_AMOUNT,
        INTERVAL
    }
}
