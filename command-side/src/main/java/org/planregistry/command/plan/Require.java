package org.planregistry.command.plan;

import static org.planregistry.command.plan.PlanRuleViolation.conflict;
import static org.planregistry.command.plan.PlanRuleViolation.invalid;
import static org.planregistry.command.plan.PlanRuleViolation.unknown;

import java.util.Optional;

import org.planregistry.api.Period;
import org.planregistry.api.Units;

/**
 * The checks on a single value that every part of a plan makes, each with the one refusal it gives, and the way a
 * part refuses a command that breaks one of the {@link PlanRules}: with the rule's reason, on the command's field.
 */
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
        valid(field, PlanRules.yearWithinThePeriod(period, year));
    }

    /** Refuses a value that breaks a plan rule ({@link PlanRuleViolation.Kind#INVALID}). */
    static void valid(String field, Optional<String> refusal) {
        refusal.ifPresent(reason -> {
            throw invalid(field, reason);
        });
    }

    /** Refuses a command that conflicts with what the plan holds, such as a code taken already. */
    static void noConflict(String field, Optional<String> refusal) {
        refusal.ifPresent(reason -> {
            throw conflict(field, reason);
        });
    }

    /** Refuses a command that names an element the plan does not have. */
    static void known(String field, Optional<String> refusal) {
        refusal.ifPresent(reason -> {
            throw unknown(field, reason);
        });
    }
}
