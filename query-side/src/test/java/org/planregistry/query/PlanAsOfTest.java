package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.planregistry.api.Baseline;
import org.planregistry.api.PlanEvent.GoalAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorBaselineCorrectedEvent;
import org.planregistry.api.PlanEvent.IndicatorRetiredEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.PlanEvent.MilestoneSetEvent;
import org.planregistry.api.PlanEvent.TaskAmendedEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.Target;
import org.springframework.http.HttpStatus;

class PlanAsOfTest extends QuerySideTestSupport {

    private static final Target I01_ADOPTED = new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT);

    @Test
    void theWholePlanReadsAsAdoptedWithSectionsTasksColumnsIndicatorsAndSafeguards() {
        long last = ShenzhenPlan.adopt(registrar, "ASOF-WHOLE");

        JsonNode plan = get("/api/plans/ASOF-WHOLE?asOf=2022-06-30&minSequence=" + last);

        assertThat(plan.path("title").asText()).isEqualTo("深圳市金融业高质量发展“十四五”规划");
        assertThat(plan.path("status").asText()).isEqualTo("ADOPTED");
        assertThat(plan.path("period").path("from").asInt()).isEqualTo(2021);
        assertThat(plan.path("goals").get(0).path("title").asText()).isEqualTo("金融运行安全区");
        assertThat(plan.path("sections").get(0).path("tasks")).extracting(t -> t.path("code").asText())
                .containsExactly("T1.1", "T1.2");
        assertThat(plan.path("columns").get(0).path("items")).hasSize(2);
        assertThat(plan.path("indicators")).extracting(i -> i.path("code").asText())
                .containsExactly("I01", "I02", "I03", "I18");
        JsonNode i01 = plan.path("indicators").get(0);
        assertThat(i01.path("baseline").path("value").asText()).isEqualTo("4189.6");
        assertThat(i01.path("target").path("value").asText()).isEqualTo("6400");
        assertThat(i01.path("target").path("qualifier").asText()).isEqualTo("ABOUT");
        assertThat(plan.path("indicators").get(3).path("baseline").path("value").isNull()).isTrue();
        assertThat(plan.path("safeguards").get(0).path("kind").asText()).isEqualTo("ORGANISATIONAL");
        assertThat(plan.path("upToDate").path("lastSequence").asLong()).isEqualTo(last);
        assertThat(plan.path("upToDate").path("statement").asText())
                .isEqualTo("up to date with changes recorded until 2022-01-05T02:00:00Z (global sequence " + last
                        + ")");
        assertThat(plan.path("pendingChanges")).isEmpty();
    }

    @Test
    void aRevisionChangesTheTargetFromItsEffectiveDateOn() {
        ShenzhenPlan.adopt(registrar, "ASOF-REVISION");
        long revised = registrar.record("2024-03-01T08:00:00Z", new IndicatorTargetRevisedEvent("ASOF-REVISION",
                "I01", I01_ADOPTED, new Target(2025, new BigDecimal("7000"), Qualifier.ABOUT),
                LocalDate.of(2024, 1, 1), "mid-term adjustment", "深府办〔2024〕5号"));

        JsonNode before = indicator(get("/api/plans/ASOF-REVISION?asOf=2023-12-31&minSequence=" + revised), "I01");
        JsonNode after = indicator(get("/api/plans/ASOF-REVISION?asOf=2024-01-01"), "I01");

        assertThat(before.path("target").path("value").asText()).isEqualTo("6400");
        assertThat(before.path("targetSince").asText()).isEqualTo("2022-01-01");
        assertThat(after.path("target").path("value").asText()).isEqualTo("7000");
        assertThat(after.path("targetSince").asText()).isEqualTo("2024-01-01");
    }

    @Test
    void aRetroactiveCorrectionIsSeenOnlyFromItsEffectiveDateAndOnlyByThoseWhoKnewOfIt() {
        ShenzhenPlan.adopt(registrar, "ASOF-RETRO");
        long corrected = registrar.record("2024-05-10T03:00:00Z", new IndicatorBaselineCorrectedEvent("ASOF-RETRO",
                "I03", new Baseline(2020, new BigDecimal("10.2")), new Baseline(2020, new BigDecimal("10.1")),
                LocalDate.of(2023, 1, 1), "the indicator table is the authority", "深金监〔2024〕12号"));
        String wait = "&minSequence=" + corrected;

        assertThat(i03Baseline("asOf=2022-06-30&knownAt=2024-01-01T00:00:00Z" + wait)).isEqualTo("10.2");
        assertThat(i03Baseline("asOf=2022-06-30&knownAt=2024-12-31T00:00:00Z")).isEqualTo("10.2");
        assertThat(i03Baseline("asOf=2023-06-30&knownAt=2024-01-01T00:00:00Z")).isEqualTo("10.2");
        assertThat(i03Baseline("asOf=2023-06-30&knownAt=2024-12-31T00:00:00Z")).isEqualTo("10.1");
    }

    @Test
    void aFutureDatedRevisionIsPendingUntilItTakesEffect() {
        ShenzhenPlan.adopt(registrar, "ASOF-FUTURE");
        long revised = registrar.record("2024-06-01T02:00:00Z", new IndicatorTargetRevisedEvent("ASOF-FUTURE",
                "I03", new Target(2025, new BigDecimal("13.5"), Qualifier.AT_LEAST),
                new Target(2025, new BigDecimal("14"), Qualifier.AT_LEAST), LocalDate.of(2025, 1, 1),
                "deposits grew faster than planned", "深府函〔2024〕88号"));

        JsonNode july = get("/api/plans/ASOF-FUTURE?asOf=2024-07-01&knownAt=2024-07-01T00:00:00Z&minSequence="
                + revised);
        JsonNode known = get("/api/plans/ASOF-FUTURE?asOf=2024-05-01&knownAt=2024-05-31T00:00:00Z");
        JsonNode february = get("/api/plans/ASOF-FUTURE?asOf=2025-02-01&knownAt=2025-02-01T00:00:00Z");

        assertThat(indicator(july, "I03").path("target").path("value").asText()).isEqualTo("13.5");
        assertThat(july.path("pendingChanges")).hasSize(1);
        JsonNode pending = july.path("pendingChanges").get(0);
        assertThat(pending.path("globalSequence").asLong()).isEqualTo(revised);
        assertThat(pending.path("element").asText()).isEqualTo("indicator I03");
        assertThat(pending.path("attribute").asText()).isEqualTo("target");
        assertThat(pending.path("effectiveFrom").asText()).isEqualTo("2025-01-01");
        assertThat(pending.path("value").path("value").asText()).isEqualTo("14");
        assertThat(pending.path("reason").asText()).isEqualTo("deposits grew faster than planned");
        assertThat(known.path("pendingChanges")).as("not yet recorded at knownAt").isEmpty();
        assertThat(indicator(february, "I03").path("target").path("value").asText()).isEqualTo("14");
        assertThat(february.path("pendingChanges")).isEmpty();
    }

    @Test
    void theFirstPendingChangesAreListedByEffectiveDateAndAllAreCounted() {
        ShenzhenPlan.adopt(registrar, "ASOF-PENDING");
        long last = 0;
        Target target = new Target(2025, new BigDecimal("13.5"), Qualifier.AT_LEAST);
        // Recorded out of effective order: the list follows effective dates, not recording.
        for (String effective : new String[] {"2025-03-01", "2024-09-01", "2025-01-01", "2024-11-01"}) {
            Target next = new Target(2025, new BigDecimal(effective.substring(5, 7)), Qualifier.AT_LEAST);
            last = registrar.record("2024-06-01T02:00:00Z", new IndicatorTargetRevisedEvent("ASOF-PENDING", "I03",
                    target, next, LocalDate.parse(effective), "revised", null));
            target = next;
        }
        last = registrar.record("2024-08-01T02:00:00Z", new IndicatorTargetRevisedEvent("ASOF-PENDING", "I03",
                target, new Target(2025, new BigDecimal("15"), Qualifier.AT_LEAST), LocalDate.parse("2025-06-01"),
                "recorded later", null));

        JsonNode all = get("/api/plans/ASOF-PENDING?asOf=2024-07-01&knownAt=2024-07-01T00:00:00Z&minSequence="
                + last);
        JsonNode allKnownNow = get("/api/plans/ASOF-PENDING?asOf=2024-07-01&pendingLimit=1");
        JsonNode first = get("/api/plans/ASOF-PENDING?asOf=2024-07-01&knownAt=2024-07-01T00:00:00Z&pendingLimit=2");
        JsonNode later = get("/api/plans/ASOF-PENDING?asOf=2024-12-31&pendingLimit=2");
        JsonNode problem = problem("/api/plans/ASOF-PENDING?pendingLimit=0", HttpStatus.BAD_REQUEST);

        assertThat(all.path("pendingChanges")).extracting(p -> p.path("effectiveFrom").asText())
                .containsExactly("2024-09-01", "2024-11-01", "2025-01-01", "2025-03-01");
        assertThat(all.path("pendingChangeCount").asInt()).isEqualTo(4);
        assertThat(allKnownNow.path("pendingChanges")).extracting(p -> p.path("effectiveFrom").asText())
                .containsExactly("2024-09-01");
        assertThat(allKnownNow.path("pendingChangeCount").asInt()).isEqualTo(5);
        assertThat(first.path("pendingChanges")).extracting(p -> p.path("effectiveFrom").asText())
                .containsExactly("2024-09-01", "2024-11-01");
        assertThat(first.path("pendingChangeCount").asInt()).isEqualTo(4);
        assertThat(indicator(later, "I03").path("target").path("value").asText()).isEqualTo("11");
        assertThat(later.path("pendingChanges")).extracting(p -> p.path("effectiveFrom").asText())
                .containsExactly("2025-01-01", "2025-03-01");
        assertThat(later.path("pendingChangeCount").asInt()).isEqualTo(3);
        assertThat(problem.path("parameter").asText()).isEqualTo("pendingLimit");
    }

    @Test
    void milestonesAmendmentsAndRetirementsShowFromTheirEffectiveDates() {
        ShenzhenPlan.adopt(registrar, "ASOF-CHANGES");
        registrar.record("2022-03-01T02:00:00Z", new MilestoneSetEvent("ASOF-CHANGES", "I01", 2022, null,
                new BigDecimal("4700"), LocalDate.of(2022, 3, 1), null, "深金监〔2022〕3号"));
        registrar.record("2023-02-01T02:00:00Z", new TaskAmendedEvent("ASOF-CHANGES", "T1.2", "深化外汇管理改革",
                "探索资本项目可兑换的实施路径。", LocalDate.of(2023, 2, 1), "title shortened", null));
        registrar.record("2023-02-01T02:00:00Z", new GoalAdoptedEvent("ASOF-CHANGES", "G7", "国际风投创投中心", 2025,
                "集聚风投创投机构。", LocalDate.of(2023, 3, 1), "new goal", "深府〔2023〕1号"));
        long retired = registrar.record("2023-06-01T02:00:00Z", new IndicatorRetiredEvent("ASOF-CHANGES", "I02",
                LocalDate.of(2023, 7, 1), "GDP share no longer tracked", "深府〔2023〕9号"));

        JsonNode early = get("/api/plans/ASOF-CHANGES?asOf=2022-12-31&minSequence=" + retired);
        JsonNode late = get("/api/plans/ASOF-CHANGES?asOf=2023-07-01");

        assertThat(indicator(early, "I01").path("milestones").get(0).path("value").asText()).isEqualTo("4700");
        assertThat(early.path("sections").get(0).path("tasks").get(1).path("title").asText())
                .isEqualTo("试点深化外汇管理改革");
        assertThat(late.path("sections").get(0).path("tasks").get(1).path("title").asText())
                .isEqualTo("深化外汇管理改革");
        assertThat(early.path("goals")).hasSize(1);
        assertThat(late.path("goals")).extracting(g -> g.path("code").asText()).containsExactly("G1", "G7");
        assertThat(early.path("indicators")).extracting(i -> i.path("code").asText()).contains("I02");
        assertThat(late.path("indicators")).extracting(i -> i.path("code").asText()).doesNotContain("I02");
        assertThat(late.path("retired").get(0).path("element").asText()).isEqualTo("indicator I02");
        assertThat(late.path("retired").get(0).path("retiredFrom").asText()).isEqualTo("2023-07-01");
        assertThat(early.path("pendingChanges")).extracting(p -> p.path("type").asText())
                .containsExactly("TaskAmended", "TaskAmended", "GoalAdopted", "GoalAdopted", "GoalAdopted",
                        "IndicatorRetired");
    }

    @Test
    void aPlanNotYetAdoptedOnTheDateIsNotFound() {
        long last = ShenzhenPlan.adopt(registrar, "ASOF-EARLY");

        JsonNode problem = problem("/api/plans/ASOF-EARLY?asOf=2021-12-31&minSequence=" + last,
                HttpStatus.NOT_FOUND);
        JsonNode unknown = problem("/api/plans/ASOF-EARLY?knownAt=2022-01-01T00:00:00Z", HttpStatus.NOT_FOUND);

        assertThat(problem.path("detail").asText())
                .isEqualTo("plan ASOF-EARLY was not yet adopted on 2021-12-31 (adopted on 2022-01-01)");
        assertThat(problem.path("parameter").asText()).isEqualTo("asOf");
        assertThat(unknown.path("parameter").asText()).isEqualTo("knownAt");
    }

    @Test
    void anUnknownPlanIsNotFound() {
        JsonNode problem = problem("/api/plans/NO-SUCH-PLAN", HttpStatus.NOT_FOUND);

        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("detail").asText()).isEqualTo("plan NO-SUCH-PLAN is not in the registry");
    }

    @Test
    void theCatalogueListsEachPlanWithItsLiveElementCounts() {
        long last = ShenzhenPlan.adopt(registrar, "ASOF-CATALOGUE");

        JsonNode catalogue = get("/api/plans?minSequence=" + last);

        JsonNode entry = null;
        for (JsonNode plan : catalogue.path("plans")) {
            if (plan.path("code").asText().equals("ASOF-CATALOGUE")) {
                entry = plan;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.path("status").asText()).isEqualTo("ADOPTED");
        assertThat(entry.path("elements").path("indicators").asInt()).isEqualTo(4);
        assertThat(entry.path("elements").path("tasks").asInt()).isEqualTo(2);
        assertThat(entry.path("lastSequence").asLong()).isEqualTo(last);
    }

    private String i03Baseline(String query) {
        return indicator(get("/api/plans/ASOF-RETRO?" + query), "I03").path("baseline").path("value").asText();
    }

    static JsonNode indicator(JsonNode plan, String code) {
        for (JsonNode indicator : plan.path("indicators")) {
            if (indicator.path("code").asText().equals(code)) {
                return indicator;
            }
        }
        throw new AssertionError("no indicator " + code + " in " + plan);
    }
}
