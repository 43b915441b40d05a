package org.planregistry.query.timeline;

import java.util.List;

import org.planregistry.api.EvaluationKind;
import org.planregistry.api.Item;
import org.planregistry.api.Nature;
import org.planregistry.api.SafeguardKind;

/**
 * The fields of an element that no event changes after its adoption, stored as the adoption's value. What events
 * can change (targets, titles, texts …) is not here but in versioned attributes.
 */
public sealed interface ElementDetails {

    record GoalDetails(Integer horizon) implements ElementDetails {
    }

    record IndicatorDetails(Integer number, String category, String subCategory, String name, String unit,
                            Nature nature, List<String> notes) implements ElementDetails {
    }

    record SectionDetails(String title, String intro) implements ElementDetails {
    }

    record TaskDetails(String sectionCode) implements ElementDetails {
    }

    record ColumnDetails(String sectionCode, String title, String intro, List<Item> items)
            implements ElementDetails {
    }

    record SafeguardDetails(SafeguardKind kind, String title, List<Item> items) implements ElementDetails {
    }

    record EvaluationDetails(EvaluationKind kind, String evaluator, int coveredFrom, int coveredTo)
            implements ElementDetails {
    }
}
