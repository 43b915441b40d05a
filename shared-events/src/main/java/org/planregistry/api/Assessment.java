package org.planregistry.api;

/** An evaluator's judgement of one indicator or measure for one period. */
public enum Assessment {
    ON_TRACK,
    AT_RISK,
    OFF_TRACK,
    ACHIEVED,
    NOT_ASSESSABLE
}
