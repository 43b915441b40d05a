package org.planregistry.query.timeline;

import java.util.OptionalInt;

/**
 * Names of the versioned attributes. Each names something an event sets as a whole, so that its versions can be
 * selected by time; milestones are one attribute per year ("milestone:2023").
 */
public final class Attribute {

    public static final String TARGET = "target";
    public static final String BASELINE = "baseline";
    /** An indicator's measurement basis; the version's reason holds the plan's wording for it. */
    public static final String BASIS = "basis";
    public static final String RETIRED = "retired";
    /** The predecessor plan's indicator this one continues, with the predecessor's final value when declared. */
    public static final String CONTINUES = "continues";
    /** The successor plans' indicators that continue this one (written by the successor's declaration). */
    public static final String CONTINUED_BY = "continuedBy";
    public static final String TITLE = "title";
    public static final String DESCRIPTION = "description";
    public static final String TEXT = "text";
    public static final String PUBLISHED = "published";
    public static final String STATUS = "status";
    /** Not stored among the attributes: the name under which an element's adoption appears in histories. */
    public static final String ADOPTED = "adopted";

    private static final String MILESTONE = "milestone:";

    private Attribute() {
    }

    public static String milestone(int year) {
        return MILESTONE + year;
    }

    /** The year of a milestone attribute, empty for any other attribute. */
    public static OptionalInt milestoneYear(String attribute) {
        return attribute.startsWith(MILESTONE)
                ? OptionalInt.of(Integer.parseInt(attribute.substring(MILESTONE.length())))
                : OptionalInt.empty();
    }
}
