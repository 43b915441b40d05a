package org.planregistry.api;

/** The three groups of 保障措施: organisational, mechanism and policy safeguards. */
public enum SafeguardKind {
    ORGANISATIONAL,
    MECHANISM,
    POLICY
}
