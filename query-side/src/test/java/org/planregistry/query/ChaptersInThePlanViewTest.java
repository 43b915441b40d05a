package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.planregistry.api.ChapterKind;
import org.planregistry.api.PlanEvent.ChapterAdoptedEvent;
import org.planregistry.api.PlanEvent.ChapterAmendedEvent;

/**
 * The plan's opening chapters in the plan view, in adoption order, with the wording in force for the point of view;
 * an amendment is a change like a goal's, seen in the diff.
 */
class ChaptersInThePlanViewTest extends QuerySideTestSupport {

    private static final String GUIDING = "高举中国特色社会主义伟大旗帜，……提供强有力金融支撑。";
    private static final String OVERALL = "到二〇二五年，金融产业支柱地位和资源配置能力进一步增强，……";

    @Test
    void theChaptersAreInThePlanViewWithTheWordingInForce() {
        String plan = "CHAPTERS";
        ShenzhenPlan.adopt(registrar, plan);
        registrar.record(ShenzhenPlan.ADOPTION_RECORDED, new ChapterAdoptedEvent(plan, "CH4",
                ChapterKind.GUIDING_THOUGHT, "指导思想", GUIDING, ShenzhenPlan.ADOPTED_ON, null, null));
        registrar.record(ShenzhenPlan.ADOPTION_RECORDED, new ChapterAdoptedEvent(plan, "CH6",
                ChapterKind.OVERALL_GOAL, "发展目标", OVERALL, ShenzhenPlan.ADOPTED_ON, null, null));
        long last = registrar.record("2024-07-02T02:00:00Z", new ChapterAmendedEvent(plan, "CH6", "发展目标",
                OVERALL + "（修订）", LocalDate.of(2024, 7, 1), "中期评估后调整总体目标表述", "深府函〔2024〕88号"));

        JsonNode before = get("/api/plans/CHAPTERS?asOf=2024-06-30&minSequence=" + last).path("chapters");
        JsonNode after = get("/api/plans/CHAPTERS?asOf=2024-07-01&minSequence=" + last).path("chapters");

        assertThat(before).hasSize(2);
        assertThat(before.get(0).path("code").asText()).isEqualTo("CH4");
        assertThat(before.get(0).path("kind").asText()).isEqualTo("GUIDING_THOUGHT");
        assertThat(before.get(0).path("text").asText()).isEqualTo(GUIDING);
        assertThat(before.get(1).path("kind").asText()).isEqualTo("OVERALL_GOAL");
        assertThat(before.get(1).path("text").asText()).isEqualTo(OVERALL);
        assertThat(after.get(1).path("text").asText()).isEqualTo(OVERALL + "（修订）");

        JsonNode diff = get("/api/plans/CHAPTERS/diff?from=2024-06-30&to=2024-07-01&minSequence=" + last);
        assertThat(diff.path("changed")).anySatisfy(change -> {
            assertThat(change.path("element").asText()).isEqualTo("chapter CH6");
            assertThat(change.path("attribute").asText()).isEqualTo("text");
            assertThat(change.path("newValue").asText()).isEqualTo(OVERALL + "（修订）");
        });
        JsonNode catalogue = get("/api/plans?minSequence=" + last).path("plans");
        assertThat(catalogue).anySatisfy(entry -> {
            assertThat(entry.path("code").asText()).isEqualTo(plan);
            assertThat(entry.path("elements").path("chapters").asLong()).isEqualTo(2);
        });
    }
}
