package org.planregistry.command.plan;

import static org.planregistry.command.plan.PlanRuleViolation.invalid;

import org.planregistry.api.Period;
import org.planregistry.api.Units;

/** The checks on a single value that every part of a plan makes, each with the one refusal it gives. */
final class Require {

    private Require() {
    }

    static void present(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw invalid(field, "is required");
        }
    }

    static void reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw invalid("reason", "must not be empty: every adjustment and correction states why");
        }
    }

    static void knownUnit(String field, String unit) {
        present(field, unit);
        if (!Units.isKnown(unit)) {
            throw invalid(field, "unknown unit '" + unit + "'; known units: " + String.join(", ", Units.ALL));
        }
    }

    static void yearWithin(Period period, String field, int year) {
        if (!period.containsYear(year)) {
            throw invalid(field, "year " + year + " is outside the plan period " + period.from() + "–" + period.to());
        }
    }
}
