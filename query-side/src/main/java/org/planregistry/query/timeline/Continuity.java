package org.planregistry.query.timeline;

import org.planregistry.api.Baseline;
import org.planregistry.api.FinalObservation;
import org.planregistry.api.IndicatorRef;

/**
 * The value of an indicator's {@code continues} attribute: the predecessor's indicator it continues, the
 * predecessor's final value observed when that was declared, the indicator's baseline then, and why they differ.
 */
public record Continuity(IndicatorRef predecessor, FinalObservation predecessorFinal, Baseline baseline,
                         String differenceReason) {
}
