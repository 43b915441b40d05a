package org.planregistry.api;

/**
 * The opening chapters of a plan, which say what it is for: where it starts from, the thought and principles that
 * guide it, and its overall goal.
 */
public enum ChapterKind {
    /** 发展基础与发展形势: the achievements, problems and situation the plan starts from (一). */
    FOUNDATION_AND_SITUATION,
    /** 指导思想: the guiding thought (二（一）). */
    GUIDING_THOUGHT,
    /** 基本原则: the basic principles (二（二）). */
    BASIC_PRINCIPLES,
    /** 总体目标: the overall goal, the paragraph that opens the development goals (二（三）) before the goals. */
    OVERALL_GOAL
}
