package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.planregistry.api.Baseline;
import org.planregistry.api.FinalObservation;
import org.planregistry.api.IndicatorRef;
import org.planregistry.api.Nature;
import org.planregistry.api.Period;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorContinuityDeclaredEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.Target;

/**
 * An indicator's series follows the continuity a successor declares, from either end, as known at the point of
 * view: before the declaration was recorded, each plan's indicator stands alone.
 */
class IndicatorSeriesTest extends QuerySideTestSupport {

    private static final LocalDate SUCCESSOR_ADOPTED = LocalDate.of(2026, 3, 1);

    @Test
    void theSeriesRunsAcrossThePlansLinkedAsKnownAtThePointOfView() {
        ShenzhenPlan.adopt(registrar, "SERIES-14");
        registrar.record("2026-03-02T02:00:00Z", new PlanAdoptedEvent("SERIES-15", "示例规划（非真实数据）", null,
                "2026-03", SUCCESSOR_ADOPTED, new Period(2026, 2030), null, "example"));
        registrar.record("2026-03-02T02:00:00Z", new IndicatorAdoptedEvent("SERIES-15", "I07", 7, "总体指标", null,
                "金融业增加值", "亿元", Nature.EXPECTED, new Baseline(2025, new BigDecimal("6300")),
                new Target(2030, new BigDecimal("8000"), Qualifier.ABOUT), List.of(), SUCCESSOR_ADOPTED, null, null));
        long declared = registrar.record("2026-03-03T02:00:00Z", new IndicatorContinuityDeclaredEvent("SERIES-15",
                "I07", new IndicatorRef("SERIES-14", "I01"), new FinalObservation(2025, new BigDecimal("6300"), "F",
                "F-F1"), new Baseline(2025, new BigDecimal("6300")), null, SUCCESSOR_ADOPTED));

        JsonNode forwards = get("/api/plans/SERIES-14/indicators/I01/series?minSequence=" + declared);
        JsonNode backwards = get("/api/plans/SERIES-15/indicators/I07/series?minSequence=" + declared);
        JsonNode before = get("/api/plans/SERIES-15/indicators/I07/series?knownAt=2026-03-02T12:00:00Z");

        assertThat(forwards.path("segments")).extracting(s -> s.path("plan").asText() + " " + s.path("indicator")
                .asText()).containsExactly("SERIES-14 I01", "SERIES-15 I07");
        assertThat(backwards.path("segments")).isEqualTo(forwards.path("segments"));
        assertThat(forwards.path("segments").get(1).path("continues").path("predecessorFinal").path("value")
                .asText()).isEqualTo("6300");
        assertThat(forwards.path("segments").get(0).path("targets").get(0).path("value").path("value").asText())
                .isEqualTo("6400");
        assertThat(before.path("segments")).as("the link was not recorded yet").hasSize(1);
        assertThat(before.path("segments").get(0).path("continues").isNull()).isTrue();
    }

    /**
     * The link belongs to the successor plan's event, the predecessor's document to the predecessor's events, which
     * another segment (or instance) may handle: a later change of the predecessor's indicator keeps the link.
     */
    @Test
    void theLinkSurvivesLaterChangesOfThePredecessor() {
        ShenzhenPlan.adopt(registrar, "LINKED-14");
        registrar.record("2026-03-02T02:00:00Z", new PlanAdoptedEvent("LINKED-15", "示例规划（非真实数据）", null,
                "2026-03", SUCCESSOR_ADOPTED, new Period(2026, 2030), null, "example"));
        registrar.record("2026-03-02T02:00:00Z", new IndicatorAdoptedEvent("LINKED-15", "I07", 7, "总体指标", null,
                "金融业增加值", "亿元", Nature.EXPECTED, new Baseline(2025, new BigDecimal("6300")),
                new Target(2030, new BigDecimal("8000"), Qualifier.ABOUT), List.of(), SUCCESSOR_ADOPTED, null, null));
        registrar.record("2026-03-03T02:00:00Z", new IndicatorContinuityDeclaredEvent("LINKED-15",
                "I07", new IndicatorRef("LINKED-14", "I01"), new FinalObservation(2025, new BigDecimal("6300"), "F",
                "F-F1"), new Baseline(2025, new BigDecimal("6300")), null, SUCCESSOR_ADOPTED));
        long revised = registrar.record("2026-03-04T02:00:00Z", new IndicatorTargetRevisedEvent("LINKED-14", "I01",
                new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT),
                new Target(2025, new BigDecimal("6500"), Qualifier.ABOUT), LocalDate.of(2025, 6, 1),
                "final adjustment", null));

        // A plan's own document proves its own events; the link is the successor's event, in the successor's segment.
        get("/api/plans/LINKED-15/indicators/I07/series?minSequence=" + revised);
        JsonNode forwards = get("/api/plans/LINKED-14/indicators/I01/series?minSequence=" + revised);

        assertThat(forwards.path("segments")).extracting(s -> s.path("plan").asText() + " " + s.path("indicator")
                .asText()).containsExactly("LINKED-14 I01", "LINKED-15 I07");
    }
}
