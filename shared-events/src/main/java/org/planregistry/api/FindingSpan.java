package org.planregistry.api;

/**
 * What stretch of time an observed value covers. A finding that states none is a figure for its year.
 */
public enum FindingSpan {
    /** The figure for the finding's year: a year-end level, or one year's amount of an accumulated indicator. */
    YEAR,
    /** An accumulated indicator's total from the start of the plan period to the end of the finding's year. */
    TO_DATE,
    /** An interval indicator's figure for the interval that ends with the finding's year. */
    INTERVAL
}
