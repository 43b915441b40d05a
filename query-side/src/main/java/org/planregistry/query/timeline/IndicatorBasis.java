package org.planregistry.query.timeline;

import java.time.LocalDate;

import org.planregistry.api.MeasurementBasis;

/**
 * How an indicator is measured from one point of view.
 *
 * @param wording the plan's own words for it, kept as the reason of the declaration or revision in force
 * @param since   the date the basis in force applies from; null when none was ever declared: the indicator's
 *                figures are then read as levels, as they were before bases existed
 */
public record IndicatorBasis(MeasurementBasis basis, String wording, LocalDate since) {

    public static IndicatorBasis of(ElementDocument indicator, TimePoint point) {
        return indicator.inForce(Attribute.BASIS, point)
                .map(v -> new IndicatorBasis(v.valueAs(MeasurementBasis.class), v.reason(), v.effectiveFrom()))
                .orElse(new IndicatorBasis(MeasurementBasis.LEVEL, null, null));
    }
}
