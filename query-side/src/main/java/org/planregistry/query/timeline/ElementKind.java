package org.planregistry.query.timeline;

import org.planregistry.api.SubjectKind;

/**
 * The kinds of element a plan is made of. Each element is one document in {@code plan_elements}, keyed
 * {@code "{plan}|{kind}|{code}"} so that a plan's elements load with one {@code _id $in} look-up.
 */
public enum ElementKind {
    CHAPTER("chapter"),
    GOAL("goal"),
    INDICATOR("indicator"),
    SECTION("section"),
    TASK("task"),
    COLUMN("column"),
    SAFEGUARD("safeguard"),
    EVALUATION("evaluation");

    private final String word;

    ElementKind(String word) {
        this.word = word;
    }

    /** The kind of element a finding about a {@code subject} is about. */
    public static ElementKind subjectOf(SubjectKind subject) {
        return subject == SubjectKind.TASK ? TASK : INDICATOR;
    }

    /** The lower-case word used in keys, labels and JSON ("indicator"). */
    public String word() {
        return word;
    }

    /** The document key of element {@code code} of plan {@code plan}. */
    public String key(String plan, String code) {
        return plan + "|" + word + "|" + code;
    }

    /** How people name the element: "indicator I03". */
    public String label(String code) {
        return word + " " + code;
    }
}
