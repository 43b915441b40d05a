package org.planregistry.query.timeline;

import java.math.BigDecimal;

import org.planregistry.api.Assessment;

/**
 * What a finding says in one of its versions. A recording or a correction restates the whole finding; a withdrawal
 * is a version of its own, so a withdrawn finding disappears only for points of view that know of the withdrawal.
 */
public record FindingValue(BigDecimal observedValue, Assessment assessment, String evidenceRef, String note,
                           boolean withdrawn) {

    public static final FindingValue WITHDRAWN = new FindingValue(null, null, null, null, true);
}
