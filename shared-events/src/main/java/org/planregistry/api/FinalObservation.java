package org.planregistry.api;

import java.math.BigDecimal;

/**
 * The value observed for an indicator's final year (its target year): the finding in force with an observed value
 * for that year that was recorded or corrected last.
 */
public record FinalObservation(int year, BigDecimal value, String evaluationId, String findingId) {
}
