package org.planregistry.query.progress;

/**
 * How an indicator stands against its plan, by the rule in {@link ProgressRule}. Distinct from the evaluator's own
 * assessment, which is shown next to it: this status is computed the same way for every indicator and date.
 */
public enum ProgressStatus {
    /** The observation meets the target as qualified. */
    ACHIEVED,
    /** The observation is at or beyond the planned value for its year. */
    ON_TRACK,
    /** Short of the planned value by at most 5 % of it. */
    AT_RISK,
    /** Short of the planned value by more than 5 % of it. */
    OFF_TRACK,
    /** No finding with an observed value is in force. */
    NO_DATA,
    /** Neither a baseline nor a milestone for the observation's year: nothing to compare with. */
    NO_BASELINE
}
