package org.planregistry.command.plan;

import java.util.Optional;

import org.planregistry.api.FinalObservation;
import org.planregistry.api.IndicatorRef;

/**
 * What a plan needs to know about other plans: that its successor is registered, and the value observed for the
 * final year of an indicator of a predecessor it continues. Another plan is another aggregate, so the plan asks
 * rather than holds it; Axon hands the implementation to the command handlers that need it.
 */
public interface OtherPlans {

    /** Whether a plan with this code has been adopted in the registry. */
    boolean isRegistered(String planCode);

    /**
     * The observed final value of the indicator, empty when none has been observed.
     *
     * @throws PlanRuleViolation (unknown) when the plan or the indicator is not registered
     */
    Optional<FinalObservation> finalObservation(IndicatorRef indicator);
}
