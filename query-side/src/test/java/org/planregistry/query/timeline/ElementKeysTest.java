package org.planregistry.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.planregistry.api.PlanEvent;
import org.planregistry.eventstore.catalogue.EveryEventType;

/** The element documents each event type names, pinned per type; a type ElementKeys does not know throws. */
class ElementKeysTest {

    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("PlanAdoptedEvent", "");
        EXPECTED.put("ChapterAdoptedEvent", "SZ-FIN-14FYP|chapter|CH4");
        EXPECTED.put("ChapterAmendedEvent", "SZ-FIN-14FYP|chapter|CH5");
        EXPECTED.put("GoalAdoptedEvent", "SZ-FIN-14FYP|goal|G1");
        EXPECTED.put("GoalAmendedEvent", "SZ-FIN-14FYP|goal|G1");
        EXPECTED.put("IndicatorAdoptedEvent", "SZ-FIN-14FYP|indicator|I01");
        EXPECTED.put("IndicatorTargetRevisedEvent", "SZ-FIN-14FYP|indicator|I01");
        EXPECTED.put("IndicatorBaselineCorrectedEvent", "SZ-FIN-14FYP|indicator|I03");
        EXPECTED.put("IndicatorRetiredEvent", "SZ-FIN-14FYP|indicator|I18");
        EXPECTED.put("MeasurementBasisSetEvent", "SZ-FIN-14FYP|indicator|I06");
        EXPECTED.put("IndicatorContinuityDeclaredEvent", "SZ-FIN-14FYP|indicator|I01");
        EXPECTED.put("MilestoneSetEvent", "SZ-FIN-14FYP|indicator|I01");
        EXPECTED.put("SectionAdoptedEvent", "SZ-FIN-14FYP|section|S1");
        EXPECTED.put("TaskAdoptedEvent", "SZ-FIN-14FYP|task|T1.7");
        EXPECTED.put("TaskAmendedEvent", "SZ-FIN-14FYP|task|T1.7");
        EXPECTED.put("TaskRetiredEvent", "SZ-FIN-14FYP|task|T6.5");
        EXPECTED.put("ColumnAdoptedEvent", "SZ-FIN-14FYP|column|C7");
        EXPECTED.put("SafeguardAdoptedEvent", "SZ-FIN-14FYP|safeguard|SG2");
        EXPECTED.put("EvaluationOpenedEvent", "SZ-FIN-14FYP|evaluation|E2024-MID");
        EXPECTED.put("FindingRecordedEvent", "SZ-FIN-14FYP|evaluation|E2024-MID, SZ-FIN-14FYP|indicator|I01");
        EXPECTED.put("FindingSpanStatedEvent", "SZ-FIN-14FYP|evaluation|E2024-MID, SZ-FIN-14FYP|indicator|I20");
        EXPECTED.put("FindingCorrectedEvent", "SZ-FIN-14FYP|evaluation|E2024-MID");
        EXPECTED.put("FindingWithdrawnEvent", "SZ-FIN-14FYP|evaluation|E2024-MID");
        EXPECTED.put("EvaluationPublishedEvent", "SZ-FIN-14FYP|evaluation|E2024-MID");
        EXPECTED.put("PlanClosedEvent", "");
        EXPECTED.put("PlanSupersededEvent", "");
    }

    @Test
    void everyEventTypeNamesTheElementsItChanges() {
        List<PlanEvent> examples = EveryEventType.examples();
        assertThat(examples.stream().map(e -> e.getClass().getName()).toList()).as("an example of every event type")
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(PlanEvent.class.getPermittedSubclasses())
                        .map(Class::getName).toList());
        Map<String, String> keys = new LinkedHashMap<>();
        for (PlanEvent event : examples) {
            keys.put(event.getClass().getSimpleName(), String.join(", ", ElementKeys.of(event)));
        }
        assertThat(keys).containsExactlyEntriesOf(EXPECTED);
    }
}
