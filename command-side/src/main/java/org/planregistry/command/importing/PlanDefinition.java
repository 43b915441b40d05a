package org.planregistry.command.importing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.planregistry.api.ChapterKind;
import org.planregistry.api.MeasurementBasis;
import org.planregistry.api.Nature;
import org.planregistry.api.Period;
import org.planregistry.api.Qualifier;
import org.planregistry.api.SafeguardKind;

/**
 * A whole plan as data, in the plan definition format (docs/plan-format.md). Read only after the document has
 * passed the JSON Schema, so the shapes here can be trusted.
 */
record PlanDefinition(int formatVersion, Metadata plan, List<Chapter> chapters, List<Goal> goals,
                      List<Indicator> indicators, List<Section> sections, List<Column> columns,
                      List<SafeguardGroup> safeguards) {

    /** The opening chapters are optional in a document: none given is none. */
    PlanDefinition {
        chapters = chapters == null ? List.of() : chapters;
    }

    record Chapter(String code, ChapterKind kind, String title, String text) {
    }

    record Metadata(String code, String title, String issuer, String issued, LocalDate adoptedOn, Period period,
                    Integer visionYear, String source) {
    }

    record Goal(String code, String title, Integer horizon, String description) {
    }

    record Indicator(String code, Integer number, String category, String subCategory, String name, String unit,
                     Nature nature, Baseline baseline, Target target, List<String> notes, Basis basis,
                     Continues continues) {
    }

    /** The predecessor plan's indicator this one continues, and why the baseline differs from its final value. */
    record Continues(String plan, String indicator, String differenceReason) {
    }

    /** How an indicator is measured, with the plan's own words for it. */
    record Basis(MeasurementBasis kind, String wording) {
    }

    record Baseline(int year, BigDecimal value) {
    }

    record Target(int year, BigDecimal value, Qualifier qualifier) {
    }

    record Section(String code, String title, String intro, List<Measure> measures) {
    }

    record Measure(String code, String title, String text) {
    }

    record Column(String code, String title, String section, String intro, List<Entry> items) {
    }

    record SafeguardGroup(String code, SafeguardKind kind, String title, List<Entry> items) {
    }

    record Entry(String code, String title, String text) {
    }
}
