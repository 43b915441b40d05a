package org.planregistry.api;

/** What a finding is about: an indicator (observed value in its unit) or a measure (task). */
public enum SubjectKind {
    INDICATOR,
    TASK
}
