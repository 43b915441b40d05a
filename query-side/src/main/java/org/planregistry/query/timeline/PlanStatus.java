package org.planregistry.query.timeline;

/**
 * Where a plan is in its lifecycle. Kept as versions like any attribute, so that "was the plan still in force on
 * D" has a bitemporal answer too.
 */
public record PlanStatus(Stage stage, String supersededBy) {

    /** The lifecycle stages a plan passes through. */
    public enum Stage {
        ADOPTED,
        CLOSED,
        SUPERSEDED
    }

    public static final PlanStatus ADOPTED = new PlanStatus(Stage.ADOPTED, null);
    public static final PlanStatus CLOSED = new PlanStatus(Stage.CLOSED, null);

    public static PlanStatus supersededBy(String plan) {
        return new PlanStatus(Stage.SUPERSEDED, plan);
    }
}
