package org.planregistry.command.plan;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.planregistry.api.FinalObservation;
import org.planregistry.api.IndicatorRef;

/** Other plans for aggregate fixtures: the plans given are registered, with the final values given observed. */
final class RegisteredPlans implements OtherPlans {

    private final Set<String> plans;
    private final Map<IndicatorRef, FinalObservation> finalValues = new HashMap<>();

    RegisteredPlans(String... plans) {
        this.plans = Set.of(plans);
    }

    RegisteredPlans observed(IndicatorRef indicator, FinalObservation value) {
        finalValues.put(indicator, value);
        return this;
    }

    @Override
    public boolean isRegistered(String planCode) {
        return plans.contains(planCode);
    }

    @Override
    public Optional<FinalObservation> finalObservation(IndicatorRef indicator) {
        if (!plans.contains(indicator.planCode())) {
            throw PlanRuleViolation.unknown("predecessor.planCode", "plan " + indicator.planCode()
                    + " is not registered");
        }
        return Optional.ofNullable(finalValues.get(indicator));
    }
}
