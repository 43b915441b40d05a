package org.planregistry.api;

/** 规划评估机制: evaluations are annual, mid-term or final. */
public enum EvaluationKind {
    ANNUAL,
    MID_TERM,
    FINAL
}
