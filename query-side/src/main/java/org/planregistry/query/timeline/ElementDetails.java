package org.planregistry.query.timeline;

import java.util.List;

import org.planregistry.api.ChapterKind;
import org.planregistry.api.EvaluationKind;
import org.planregistry.api.Item;
import org.planregistry.api.Nature;
import org.planregistry.api.SafeguardKind;

/**
 * The fields of an element that no event changes after its adoption, stored as the adoption's value. What events
 * can change (targets, titles, texts …) is not here but in versioned attributes.
 */
public sealed interface ElementDetails {

    /** Which of the opening chapters it is; its title and text are versioned. */
    record ChapterDetails(ChapterKind kind) implements ElementDetails {
    }

    /** A goal's horizon year (2025 for the five-year goals, 2035 for the outlook). */
    record GoalDetails(Integer horizon) implements ElementDetails {
    }

    /** An indicator's row of the indicator table, without baseline and target, which are versioned. */
    record IndicatorDetails(Integer number, String category, String subCategory, String name, String unit,
                            Nature nature, List<String> notes) implements ElementDetails {
    }

    /** A section of key tasks. */
    record SectionDetails(String title, String intro) implements ElementDetails {
    }

    /** The section a measure belongs to; its title and text are versioned. */
    record TaskDetails(String sectionCode) implements ElementDetails {
    }

    /** A special column (专栏) with its items. */
    record ColumnDetails(String sectionCode, String title, String intro, List<Item> items)
            implements ElementDetails {
    }

    /** A group of safeguards (保障措施) with its items. */
    record SafeguardDetails(SafeguardKind kind, String title, List<Item> items) implements ElementDetails {
    }

    /** Who evaluates which years, and how (annual, mid-term, final). */
    record EvaluationDetails(EvaluationKind kind, String evaluator, int coveredFrom, int coveredTo)
            implements ElementDetails {
    }
}
