package org.planregistry.command.plan;

/**
 * A command the plan refuses, with the field it concerns and why. Thrown before any event is applied, so a
 * refused command writes nothing.
 */
public class PlanRuleViolation extends RuntimeException {

    /** What kind of refusal this is; the web layer turns it into 404, 409 or 400. */
    public enum Kind {
        /** The command names a plan element that does not exist. */
        UNKNOWN,
        /** The command conflicts with the plan's current state (duplicate, retired, closed, published …). */
        CONFLICT,
        /** The client based its request on an older version of the plan ({@code If-Match}). */
        STALE,
        /** A value in the command is not acceptable (date outside the period, unit mismatch, empty reason …). */
        INVALID
    }

    private final Kind kind;
    private final String field;

    public PlanRuleViolation(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    static PlanRuleViolation unknown(String field, String message) {
        return new PlanRuleViolation(Kind.UNKNOWN, field, message);
    }

    static PlanRuleViolation conflict(String field, String message) {
        return new PlanRuleViolation(Kind.CONFLICT, field, message);
    }

    static PlanRuleViolation invalid(String field, String message) {
        return new PlanRuleViolation(Kind.INVALID, field, message);
    }
}
