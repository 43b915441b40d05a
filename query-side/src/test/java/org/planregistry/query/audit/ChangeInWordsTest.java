package org.planregistry.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.planregistry.api.PlanEvent;
import org.planregistry.eventstore.catalogue.EveryEventType;

/**
 * The audit log's wording, pinned for every event type, in the order of one plan's story. A new event type fails
 * here until it has its own sentence: {@link ChangeInWords} throws for a type it does not know.
 */
class ChangeInWordsTest {

    /** Per event type: element | subject | change. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("PlanAdoptedEvent", "plan | null | plan adopted: 深圳市金融业高质量发展“十四五”规划 (2021–2025), adopted on 2022-01-01");
        EXPECTED.put("ChapterAdoptedEvent", "chapter CH4 | null | chapter adopted: GUIDING_THOUGHT 指导思想");
        EXPECTED.put("ChapterAmendedEvent", "chapter CH5 | null | title '基本原则'; text amended");
        EXPECTED.put("GoalAdoptedEvent", "goal G1 | null | goal adopted: 金融运行安全区");
        EXPECTED.put("GoalAmendedEvent", "goal G1 | null | description amended");
        EXPECTED.put("IndicatorAdoptedEvent", "indicator I01 | null | indicator adopted: 金融业增加值, baseline 4189.6 (2020), target 6400 ABOUT (2025) 亿元");
        EXPECTED.put("IndicatorTargetRevisedEvent", "indicator I01 | null | target 6400 ABOUT → 6000 ABOUT");
        EXPECTED.put("IndicatorBaselineCorrectedEvent", "indicator I03 | null | baseline 10.1 → 10.2");
        EXPECTED.put("IndicatorRetiredEvent", "indicator I18 | null | indicator retired");
        EXPECTED.put("MeasurementBasisSetEvent", "indicator I06 | null | measurement basis declared: INTERVAL");
        EXPECTED.put("IndicatorContinuityDeclaredEvent", "indicator I01 | null | continues SZ-FIN-13FYP I01 (observed 4189.6 in 2020); baseline 4189.6 (2020)");
        EXPECTED.put("MilestoneSetEvent", "indicator I01 | null | milestone 2023 set to 5515.9");
        EXPECTED.put("SectionAdoptedEvent", "section S1 | null | section adopted: 以国家战略为牵引，推进金融业全面深化改革扩大开放，发挥示范引领作用");
        EXPECTED.put("TaskAdoptedEvent", "task T1.7 | null | task adopted in section S1: 探索知识产权交易和知识产权证券化");
        EXPECTED.put("TaskAmendedEvent", "task T1.7 | null | text amended");
        EXPECTED.put("TaskRetiredEvent", "task T6.5 | null | task retired");
        EXPECTED.put("ColumnAdoptedEvent", "column C7 | null | column adopted: 百千万金融人才培养工程 (3 items)");
        EXPECTED.put("SafeguardAdoptedEvent", "safeguard SG2 | null | safeguard adopted: MECHANISM 机制保障 (3 items)");
        EXPECTED.put("EvaluationOpenedEvent", "evaluation E2024-MID | null | evaluation opened: MID_TERM by 第三方评估机构, covering 2021–2023");
        EXPECTED.put("FindingRecordedEvent", "evaluation E2024-MID | indicator I01 | finding E2024-MID-F1 recorded on indicator I01 for 2023: observed 5253.4, AT_RISK");
        EXPECTED.put("FindingSpanStatedEvent", "evaluation E2024-MID | indicator I20 | finding E2024-MID-F3 covers the total to date");
        EXPECTED.put("FindingCorrectedEvent", "evaluation E2024-MID | indicator I01 | finding E2024-MID-F1 corrected: observed 5253.4 → 5282.6");
        EXPECTED.put("FindingWithdrawnEvent", "evaluation E2024-MID | null | finding E2024-MID-F2 withdrawn");
        EXPECTED.put("EvaluationPublishedEvent", "evaluation E2024-MID | null | evaluation published");
        EXPECTED.put("PlanClosedEvent", "plan | null | plan closed");
        EXPECTED.put("PlanSupersededEvent", "plan | null | plan superseded by SZ-FIN-15FYP");
    }

    @Test
    void everyEventTypeIsDescribedInItsOwnWords() {
        List<PlanEvent> examples = EveryEventType.examples();
        assertThat(examples.stream().map(e -> e.getClass().getName()).toList()).as("an example of every event type")
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(PlanEvent.class.getPermittedSubclasses())
                        .map(Class::getName).toList());
        Map<String, Map<String, String>> memory = new HashMap<>();
        Map<String, String> described = new LinkedHashMap<>();
        for (PlanEvent event : examples) {
            String key = ChangeInWords.memoryKey(event);
            ChangeInWords.Description description = ChangeInWords.describe(event,
                    key == null ? Map.of() : memory.getOrDefault(key, Map.of()));
            if (key != null) {
                memory.put(key, description.factsAfter());
            }
            described.put(event.getClass().getSimpleName(), description.element() + " | " + description.subject()
                    + " | " + description.change());
        }
        assertThat(described).containsExactlyEntriesOf(EXPECTED);
    }
}
