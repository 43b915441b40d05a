package org.planregistry.api;

/**
 * How an indicator's figures are measured, which decides what its planned values are and which observations can be
 * compared with them. The plan's table mixes all three.
 */
public enum MeasurementBasis {
    /** A level at the end of a year (金融业增加值, 存款余额, 不良贷款率 …): the planned path runs from baseline to target. */
    LEVEL,
    /**
     * A total accumulated over the plan period (绿色债券累计发行额, cases recommended "in the 14th Five-Year period"):
     * the planned path accumulates from zero at the start of the period to the target at the end of the target year.
     */
    ACCUMULATED,
    /**
     * A figure over a multi-year interval (直接融资比重: 2016–2020 against 2021–2025). It has no value for a single
     * year: the target is the figure for the interval as long as the plan period that ends in the target year.
     */
    INTERVAL
}
