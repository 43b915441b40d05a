package org.planregistry.api;

/**
 * How a plan states a target: "6400 左右" is not the same promise as "突破 600". Kept as data so an evaluator
 * can judge an observation against what was actually promised.
 */
public enum Qualifier {
    /** 左右 — about. */
    ABOUT("左右"),
    /** 以上 — at least. */
    AT_LEAST("以上"),
    /** 突破 — exceeding. */
    EXCEEDING("突破"),
    /** 约 — approximately. */
    APPROXIMATELY("约"),
    /** A plain figure. */
    EXACT("");

    private final String chinese;

    Qualifier(String chinese) {
        this.chinese = chinese;
    }

    /** The word the plan text uses, empty for an exact figure. */
    public String chinese() {
        return chinese;
    }
}
