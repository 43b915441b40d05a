package org.planregistry.api;

/** Whether an indicator is 预期性 (expected, guiding) or 约束性 (binding on the government). */
public enum Nature {
    EXPECTED,
    BINDING
}
